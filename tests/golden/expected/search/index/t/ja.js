debatemapIndex("t/ja",{"javascript":[1,5,10,7,1,21,4,4]});
