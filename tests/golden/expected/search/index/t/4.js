debatemapIndex("t/4",{"4":[1,5,10,10]});
