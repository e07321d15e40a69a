debatemapIndex("t/on",{"onclick":[11,4],"onerror":[1,3,10,2,1,2,1,2,3,5]});
