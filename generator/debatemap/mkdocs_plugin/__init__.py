"""The MkDocs plugin: debate maps inside any MkDocs site, in its own theme.

A thin front end over the same core as the CLI (``pipeline.load_site`` and the render stage):
``plugin`` answers MkDocs' events, ``site`` loads and reports, ``pages`` and ``nav`` add the
generated pages, ``embeds`` handles ```` ```debatemap ```` blocks, ``fragments`` renders our
templates inside the host's layout, ``links`` maps our URLs onto MkDocs', and ``styles`` scopes
the theme's stylesheet. Nothing outside this package imports MkDocs.
"""
