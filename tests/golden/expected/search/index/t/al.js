debatemapIndex("t/al",{"alert":[1,25,10,19,1,17,1,20,3,27],"alone":[2,4]});
