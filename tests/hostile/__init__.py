"""The hostile-input suite: crafted content trees (``cases.py``) and how each is run (``runner.py``)."""
