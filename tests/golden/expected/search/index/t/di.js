debatemapIndex("t/di",{"differ":[0,4],"div":[11,5]});
