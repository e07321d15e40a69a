debatemapIndex("t/cu",{"cut":[3,17]});
