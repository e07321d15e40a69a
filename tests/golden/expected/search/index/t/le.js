debatemapIndex("t/le",{"leading":[9,17],"letter":[7,3,7,25]});
