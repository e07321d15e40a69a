debatemapIndex("t/le",{"leading":[9,18],"letter":[7,3,7,25]});
