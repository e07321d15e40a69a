debatemapIndex("f/year/2020",[11,1,1,3]);
