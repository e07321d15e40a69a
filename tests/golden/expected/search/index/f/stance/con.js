debatemapIndex("f/stance/con",[4,1,2,1,1,4]);
