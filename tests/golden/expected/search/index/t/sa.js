debatemapIndex("t/sa",{"safety":[2,10,1,10,3,2,12,10]});
