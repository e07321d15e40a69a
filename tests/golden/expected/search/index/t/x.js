debatemapIndex("t/x",{"x":[1,3,10,2,1,2,1,2,3,5]});
