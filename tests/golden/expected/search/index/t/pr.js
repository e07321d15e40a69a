debatemapIndex("t/pr",{"protected":[0,27,2,22,1,20,1,2,1,20,1,18,3,18,8,17,1,17]});
