debatemapIndex("t/de",{"deep":[0,4],"def":[2,6],"definition":[2,4],"demand":[6,8],"design":[4,2,1,19,3,2,1,2,1,2,5,17,2,22]});
