debatemapIndex("t/9",{"9":[12,15]});
