debatemapIndex("t/bl",{"blog":[11,2,1,2,1,2,3,5]});
