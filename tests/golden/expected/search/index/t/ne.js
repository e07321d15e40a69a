debatemapIndex("t/ne",{"need":[7,16,1,17],"new":[6,16]});
