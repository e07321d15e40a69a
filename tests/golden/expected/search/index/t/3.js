debatemapIndex("t/3",{"3":[1,3]});
