"""A `debatemap serve` subprocess for tests: started on a free port, its output collected."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path


class Served:
    """``debatemap serve`` in a subprocess on a free port, its output collected."""

    def __init__(self, content: Path, *, temp: Path | None = None) -> None:
        """``temp``: the folder serve makes its temporary site in (TMPDIR)."""
        env = dict(os.environ, **({"TMPDIR": str(temp)} if temp is not None else {}))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "debatemap", "serve", str(content), "--port", "0"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
        )  # fmt: skip
        assert self.process.stdout is not None
        self.output: list[str] = []
        self.url = ""
        deadline = time.monotonic() + 60
        while not self.url:
            line = self.process.stdout.readline()
            assert line and time.monotonic() < deadline, "serve did not start:\n" + "".join(self.output)
            self.output.append(line)
            if found := re.search(r" at (http://\S+)", line):
                self.url = found[1]
        self.reader = threading.Thread(target=self._collect, daemon=True)
        self.reader.start()

    def _collect(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.output.append(line)

    def get(self, path: str) -> str:
        with urllib.request.urlopen(self.url + path.lstrip("/"), timeout=10) as response:
            return str(response.read().decode("utf-8"))

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.reader.join(timeout=5)
        assert self.process.stdout is not None
        self.process.stdout.close()


def until(condition: Callable[[], bool], what: str, bound: float = 10.0) -> None:
    """Wait for ``condition``; fail with ``what`` after ``bound`` seconds."""
    deadline = time.monotonic() + bound
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.02)
