debatemapIndex("t/ke",{"kerb":[2,4]});
