debatemapIndex("t/6",{"6":[11,4]});
