debatemapIndex("t/5",{"5":[11,4]});
