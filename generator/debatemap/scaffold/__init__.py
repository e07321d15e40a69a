"""``debatemap new``: starter files (``starters``) and additions to existing maps made in place
(``replies``, which edits a file's text through ``insert`` and ``yaml_text``)."""
