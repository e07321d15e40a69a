debatemapIndex("t/ty",{"type":[18,3]});
