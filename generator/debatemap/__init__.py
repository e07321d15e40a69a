"""debatemap: a static site generator for debate maps.

The package follows the data flow: ``load`` (YAML with positions) -> ``validate`` against
``schema`` -> ``content`` (model objects) -> ``graph`` (the resolved site) -> ``checks`` ->
``render`` -> ``write``. ``pipeline`` and ``build`` tell that story; ``cli`` is a thin front end.
"""

__version__ = "0.1.0"
