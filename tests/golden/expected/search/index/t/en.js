debatemapIndex("t/en",{"end":[4,18]});
