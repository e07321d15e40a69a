debatemapIndex("t/sc",{"scale":[8,18,7,5],"script":[1,31,10,19,1,2,1,26,3,33]});
