"""Run one command; print its wall time, CPU time, peak RSS and whether it finished, as one JSON line.

    python benchmarks/timed.py [--cap SECONDS] -- COMMAND...

run.py starts every timed build through this small, fresh process rather than directly. A
child's peak RSS (``ru_maxrss``) counts what it held before ``exec``, and a child forked from
the benchmark itself (which has loaded a whole site to time the checks and the edits) would
report the benchmark's memory as its own; forked from here, it starts from a bare interpreter.
The CPU time (user and system) is the command's with every process it waited for (pool
workers) and every thread (Hugo's): the work done, whatever the disk and the machine's other
load made the wall time.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time


def run(cmd: list[str], cap: float | None) -> dict[str, object]:
    # stderr to a file, not a pipe: a pipe nobody reads while we wait would stall a chatty command.
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=errors)
        deadline = None if cap is None else started + cap
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if deadline is not None and time.perf_counter() > deadline:
                proc.kill()
                _, status, usage = os.wait4(proc.pid, 0)
                proc.returncode = os.waitstatus_to_exitcode(status)
                cpu = _cpu(usage)
                return {"seconds": cap, "cpu_seconds": cpu, "max_rss_mb": usage.ru_maxrss / 1024, "ok": False, "error": ""}
            time.sleep(0.01)
        elapsed = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        error = ""
        if proc.returncode != 0:
            errors.seek(0)
            error = f"exit {proc.returncode}: " + errors.read().decode(errors="replace")[-2000:]
    return {
        "seconds": elapsed,
        "cpu_seconds": _cpu(usage),
        "max_rss_mb": usage.ru_maxrss / 1024,
        "ok": proc.returncode == 0,
        "error": error,
    }


def _cpu(usage: resource.struct_rusage) -> float:
    return float(usage.ru_utime + usage.ru_stime)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cap", type=float, help="stop the command after this many seconds")
    parser.add_argument("command", nargs="+")
    args = parser.parse_args(argv)
    print(json.dumps(run(args.command, args.cap)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
