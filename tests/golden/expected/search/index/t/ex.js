debatemapIndex("t/ex",{"example":[1,3]});
