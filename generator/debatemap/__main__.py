"""``python -m debatemap``."""

from .cli import run

run()
