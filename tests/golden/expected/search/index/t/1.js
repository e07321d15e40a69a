debatemapIndex("t/1",{"1":[1,3,15,4]});
