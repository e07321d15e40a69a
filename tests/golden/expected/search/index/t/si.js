debatemapIndex("t/si",{"six":[17,5]});
