debatemapIndex("t/ju",{"junction":[4,19,1,19,4,17,1,16,7,22]});
