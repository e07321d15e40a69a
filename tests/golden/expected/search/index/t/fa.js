debatemapIndex("t/fa",{"fair":[1,15],"fall":[10,16]});
