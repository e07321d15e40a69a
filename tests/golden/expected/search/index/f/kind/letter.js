debatemapIndex("f/kind/letter",[7,7]);
