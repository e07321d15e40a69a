debatemapIndex("t/mo",{"move":[4,17]});
