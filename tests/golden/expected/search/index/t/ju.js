debatemapIndex("t/ju",{"junction":[4,20,1,20,4,18,1,16,7,22]});
