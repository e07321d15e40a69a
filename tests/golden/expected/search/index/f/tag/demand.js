debatemapIndex("f/tag/demand",[6]);
