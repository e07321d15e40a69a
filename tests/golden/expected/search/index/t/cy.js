debatemapIndex("t/cy",{"cycling":[6,16],"cyclist":[2,2,1,19,3,2,12,17]});
