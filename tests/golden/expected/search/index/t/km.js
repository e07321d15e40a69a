debatemapIndex("t/km",{"km":[0,4,18,3]});
