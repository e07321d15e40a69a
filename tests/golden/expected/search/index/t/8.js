debatemapIndex("t/8",{"8":[11,4]});
