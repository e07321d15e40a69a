debatemapIndex("f/tag/cities",[0]);
