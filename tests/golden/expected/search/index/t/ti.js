debatemapIndex("t/ti",{"title":[1,5,10,11,5,6]});
