debatemapIndex("t/ra",{"raw":[1,3,10,4]});
