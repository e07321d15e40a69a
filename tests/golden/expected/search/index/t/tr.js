debatemapIndex("t/tr",{"traffic":[2,4],"transport":[0,8,14,8]});
