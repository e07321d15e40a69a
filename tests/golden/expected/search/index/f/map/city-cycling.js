debatemapIndex("f/map/city-cycling",[0,2,1,1,1,1,1,1,1,1,4,1,2,1]);
