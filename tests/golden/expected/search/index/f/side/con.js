debatemapIndex("f/side/con",[2,1,1,1,1,1,1,1,1,3]);
