debatemapIndex("t/cl",{"claim":[12,15],"click":[11,4]});
