debatemapIndex("t/lo",{"lot":[0,4],"lovelace":[18,7],"low":[0,4]});
