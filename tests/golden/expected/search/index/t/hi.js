debatemapIndex("t/hi",{"high":[0,4]});
