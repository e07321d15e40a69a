debatemapIndex("t/se",{"security":[1,10,15,5],"separated":[2,4]});
