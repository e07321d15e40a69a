debatemapIndex("f/year/2023",[2,1,3,12]);
