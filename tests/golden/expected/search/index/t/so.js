debatemapIndex("t/so",{"source":[0,4,11,2,1,2,1,2,3,20]});
