debatemapIndex("t/me",{"method":[18,3]});
