debatemapIndex("t/bi",{"bike":[0,24,2,15]});
