debatemapIndex("t/in",{"injury":[2,2,1,19,1,17,2,2,11,5,1,22],"input":[1,3],"institute":[2,2,1,2,3,2,12,7]});
