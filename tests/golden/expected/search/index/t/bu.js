debatemapIndex("t/bu",{"budget":[8,17],"build":[0,24,2,15,8,16],"bus":[7,3,7,25],"buse":[7,16]});
