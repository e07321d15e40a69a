debatemapIndex("t/re",{"reaching":[8,17],"read":[16,4],"remove":[5,17],"reply":[0,4],"report":[0,4,4,2,1,2,12,10,1,3],"review":[4,3,1,3,12,27]});
