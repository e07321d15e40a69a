debatemapIndex("t/sr",{"src":[1,5,10,2,1,2,1,2,3,5]});
