debatemapIndex("t/wo",{"work":[15,5]});
