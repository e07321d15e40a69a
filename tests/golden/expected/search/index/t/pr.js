debatemapIndex("t/pr",{"protected":[0,27,2,21,1,19,1,2,1,19,1,18,3,17,8,17,1,17]});
