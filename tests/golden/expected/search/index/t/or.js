debatemapIndex("t/or",{"org":[1,3]});
