debatemapIndex("t/op",{"open":[7,2,7,17],"operator":[7,3,7,25],"option":[0,4]});
