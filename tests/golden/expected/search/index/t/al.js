debatemapIndex("t/al",{"alert":[1,25,10,20,1,18,1,20,3,27],"alone":[2,4]});
