debatemapIndex("t/fe",{"feed":[13,17]});
