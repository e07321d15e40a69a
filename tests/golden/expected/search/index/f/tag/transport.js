debatemapIndex("f/tag/transport",[0,14]);
