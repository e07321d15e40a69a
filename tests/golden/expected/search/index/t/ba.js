debatemapIndex("t/ba",{"barrier":[2,4,2,18],"base64":[1,3]});
