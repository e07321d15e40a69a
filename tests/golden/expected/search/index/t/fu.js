debatemapIndex("t/fu",{"full":[1,3]});
