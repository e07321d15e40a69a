debatemapIndex("f/tag/safety",[2,1,15]);
