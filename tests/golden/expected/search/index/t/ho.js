debatemapIndex("t/ho",{"hopper":[18,7],"hostile":[1,3]});
