debatemapIndex("t/sp",{"space":[7,16],"spaced":[11,4]});
