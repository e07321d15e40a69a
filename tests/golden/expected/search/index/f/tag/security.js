debatemapIndex("f/tag/security",[1,15]);
