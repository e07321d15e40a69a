debatemapIndex("t/ca",{"car":[2,4]});
