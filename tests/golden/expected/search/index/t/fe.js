debatemapIndex("t/fe",{"feed":[13,18]});
