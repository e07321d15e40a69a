debatemapIndex("t/ev",{"every":[1,5,10,10]});
