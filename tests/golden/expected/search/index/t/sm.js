debatemapIndex("t/sm",{"small":[0,4]});
