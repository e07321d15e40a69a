debatemapIndex("t/2",{"2":[1,3]});
