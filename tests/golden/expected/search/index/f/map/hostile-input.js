debatemapIndex("f/map/hostile-input",[1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]);
