debatemapIndex("t/ou",{"out":[1,3]});
