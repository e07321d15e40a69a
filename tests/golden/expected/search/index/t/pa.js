debatemapIndex("t/pa",{"paint":[2,4],"painted":[0,4],"paper":[2,2,1,2,3,2,12,7],"parked":[2,4]});
