debatemapIndex("t/es",{"escaped":[1,5,10,10]});
