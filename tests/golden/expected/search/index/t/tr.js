debatemapIndex("t/tr",{"traffic":[2,4],"transport":[0,7,14,8]});
