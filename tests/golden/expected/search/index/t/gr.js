debatemapIndex("t/gr",{"grace":[18,7]});
