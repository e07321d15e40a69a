debatemapIndex("t/ri",{"risk":[5,17]});
