debatemapIndex("f/stance/pro",[2,1,3,1,1,2,2]);
