debatemapIndex("t/ti",{"title":[1,5,10,10,5,5]});
