debatemapIndex("t/as",{"association":[7,2,7,8]});
