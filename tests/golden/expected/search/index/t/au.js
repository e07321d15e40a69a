debatemapIndex("t/au",{"author":[16,5]});
