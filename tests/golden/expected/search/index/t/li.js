debatemapIndex("t/li",{"link":[1,5,11,15]});
