debatemapIndex("t/ph",{"phnjcmlwdd4":[1,3],"physical":[2,4]});
