"""`debatemap serve` as a process: however it is stopped, it leaves nothing behind."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from .helpers import minimal_site
from .serving import Served


@pytest.mark.parametrize("stop", ["SIGINT", "SIGTERM", "SIGHUP"])
def test_a_stop_signal_deletes_the_temporary_site(tmp_path: Path, stop: str) -> None:
    """Ctrl-C cleaned up; `kill`, `timeout` and a closed terminal left the whole site behind."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    served = Served(minimal_site(tmp_path / "content"), temp=temp)
    try:
        assert [path.name[:16] for path in temp.iterdir()] == ["debatemap-serve-"]
        served.process.send_signal(getattr(signal, stop))
        assert served.process.wait(timeout=30) == 0
        assert list(temp.iterdir()) == []
    finally:
        served.stop()
