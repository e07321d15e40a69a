debatemapIndex("t/qu",{"question":[1,15]});
