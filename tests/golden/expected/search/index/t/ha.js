debatemapIndex("t/ha",{"handbook":[8,2,1,2,1,2,5,17],"happen":[17,5]});
