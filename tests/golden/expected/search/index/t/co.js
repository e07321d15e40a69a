debatemapIndex("t/co",{"code":[12,15],"come":[1,3],"compare":[17,5],"cost":[0,7,8,2,1,20,1,18,5,22],"count":[2,6]});
