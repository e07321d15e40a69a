debatemapIndex("t/ad",{"ada":[18,7]});
