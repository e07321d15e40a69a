debatemapIndex("t/po",{"post":[2,4]});
