debatemapIndex("t/br",{"bring":[6,16]});
