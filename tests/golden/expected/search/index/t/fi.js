debatemapIndex("t/fi",{"five":[18,3]});
