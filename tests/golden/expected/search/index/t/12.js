debatemapIndex("t/12",{"120":[18,3]});
