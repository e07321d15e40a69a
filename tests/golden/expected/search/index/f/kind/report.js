debatemapIndex("f/kind/report",[4,1,12]);
