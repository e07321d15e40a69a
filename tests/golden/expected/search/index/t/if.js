debatemapIndex("t/if",{"iframe":[1,5]});
