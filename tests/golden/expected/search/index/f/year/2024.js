debatemapIndex("f/year/2024",[4,1,2,7,3]);
