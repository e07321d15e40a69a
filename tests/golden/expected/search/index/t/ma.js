debatemapIndex("t/ma",{"mail":[11,4],"main":[0,6,2,15],"map":[0,4,1,15],"markdown":[1,3],"matched":[18,3]});
