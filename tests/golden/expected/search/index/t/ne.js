debatemapIndex("t/ne",{"need":[7,16,1,18],"new":[6,16]});
