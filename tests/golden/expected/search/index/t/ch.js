debatemapIndex("t/ch",{"chain":[0,4],"change":[15,5]});
