debatemapIndex("t/te",{"text":[1,9,10,14]});
