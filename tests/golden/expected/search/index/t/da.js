debatemapIndex("t/da",{"data":[1,5]});
