debatemapIndex("t/ba",{"barrier":[2,4,2,17],"base64":[1,3]});
