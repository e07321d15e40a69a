debatemapIndex("t/ro",{"road":[0,6,2,15,5,16],"root":[11,4]});
