debatemapIndex("t/su",{"summary":[13,18,3,4],"survey":[0,4]});
