debatemapIndex("f/kind/blog",[11,1,1,3]);
