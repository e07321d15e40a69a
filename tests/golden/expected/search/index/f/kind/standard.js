debatemapIndex("f/kind/standard",[8,1,1,5]);
