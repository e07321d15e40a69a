debatemapIndex("t/sh",{"shown":[11,4]});
