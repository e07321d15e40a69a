debatemapIndex("t/en",{"end":[4,17]});
