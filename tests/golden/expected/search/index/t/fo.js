debatemapIndex("t/fo",{"footnote":[0,4]});
