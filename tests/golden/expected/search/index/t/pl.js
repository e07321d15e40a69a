debatemapIndex("t/pl",{"plan":[2,4]});
