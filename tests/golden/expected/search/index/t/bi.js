debatemapIndex("t/bi",{"bike":[0,23,2,15]});
