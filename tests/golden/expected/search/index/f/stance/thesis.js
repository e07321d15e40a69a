debatemapIndex("f/stance/thesis",[2,9]);
