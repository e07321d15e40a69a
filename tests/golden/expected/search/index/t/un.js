debatemapIndex("t/un",{"unit":[15,5]});
