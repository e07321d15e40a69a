debatemapIndex("t/ta",{"table":[0,4],"take":[7,16]});
