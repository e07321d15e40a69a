debatemapIndex("t/b",{"b":[1,6,10,16]});
