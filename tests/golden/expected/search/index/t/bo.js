debatemapIndex("t/bo",{"board":[14,8]});
