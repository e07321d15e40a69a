debatemapIndex("t/77",{"77":[1,5]});
