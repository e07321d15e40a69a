debatemapIndex("t/us",{"used":[2,4]});
