"""`pytest --cov` (the README's test command and .ci/run's) lets forked workers end cleanly.

A build forks its parse and render workers from a process that has imported debatemap already;
coverage starts afresh in each and warns, as the worker saves its data, that the module "was
previously imported, but not measured". Under the suite's ``filterwarnings = error`` that warning
was an exception: the worker exited 1 (after writing its data), which failed any test that looks
at a forked process's exit status. ``pyproject.toml`` turns that one warning off; this runs a
forked worker under the project's coverage settings, warnings as errors.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

WORKER = textwrap.dedent(
    """
    import multiprocessing, sys
    import debatemap.parity as parity

    def work():
        parity.side_name(parity.PRO)  # only the worker runs this

    child = multiprocessing.get_context("fork").Process(target=work)
    child.start()
    child.join()
    sys.exit(child.exitcode)
    """
)


def test_a_forked_worker_saves_its_coverage_with_warnings_as_errors(tmp_path: Path) -> None:
    pytest.importorskip("coverage")
    script = tmp_path / "fork.py"
    script.write_text(WORKER, encoding="utf-8")
    # A coverage run of its own: not the one measuring this test run, if any.
    env = {k: v for k, v in os.environ.items() if not k.startswith("COVERAGE_")}
    env["COVERAGE_FILE"] = str(tmp_path / ".coverage")
    run = [sys.executable, "-W", "error", "-m", "coverage", "run", f"--rcfile={REPO / 'pyproject.toml'}", str(script)]
    done = subprocess.run(run, check=False, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert len(list(tmp_path.glob(".coverage.*"))) == 2, "one data file from the script, one from its worker"
