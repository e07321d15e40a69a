debatemapIndex("t/pe",{"people":[6,16],"per":[0,4,10,16]});
