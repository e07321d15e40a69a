debatemapIndex("t/se",{"security":[1,9,15,6],"separated":[2,4]});
