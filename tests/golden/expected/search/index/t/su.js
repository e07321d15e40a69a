debatemapIndex("t/su",{"summary":[13,17,3,4],"survey":[0,4]});
