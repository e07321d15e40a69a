debatemapIndex("t/ht",{"html":[1,3,10,4],"http":[1,3]});
