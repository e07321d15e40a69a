debatemapIndex("f/side/pro",[3,1,1,1,1,1,1,1,2]);
