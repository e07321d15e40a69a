"""``debatemap build`` with every drawing left out, for run.py's build without drawings.

    python benchmarks/build_no_drawings.py CONTENT --out SITE

The equal-content Hugo peer draws nothing (Go templates cannot lay out a tree), so run.py also
times our build without the drawings: the map's drawing and overview, a claim's local map and
each map's ``map.svg`` download. The product has no switch for that (a site always has its
drawings); this script turns them off in the process before the build forks its workers and
then runs the ordinary command line, so everything else is the real build.
"""

from __future__ import annotations

import sys
from typing import Any

from debatemap.cli import main
from debatemap.render.drawing import Drawings


def _none(*_args: Any, **_kwargs: Any) -> None:
    return None


if __name__ == "__main__":
    Drawings.for_map = _none  # type: ignore[method-assign]
    Drawings.local_map = _none  # type: ignore[method-assign]
    Drawings.export = _none  # type: ignore[method-assign]
    sys.exit(main(["build", *sys.argv[1:]]))
