debatemapIndex("t/ci",{"city":[0,37,2,19,6,17,2,16,8,3]});
