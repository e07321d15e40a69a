debatemapIndex("t/au",{"author":[16,6]});
