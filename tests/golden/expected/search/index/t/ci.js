debatemapIndex("t/ci",{"city":[0,35,2,19,6,18,2,16,8,3]});
