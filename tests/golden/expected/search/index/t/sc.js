debatemapIndex("t/sc",{"scale":[8,17,7,5],"script":[1,32,10,18,1,2,1,25,3,33]});
