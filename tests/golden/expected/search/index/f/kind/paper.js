debatemapIndex("f/kind/paper",[2,1,3,12]);
