"""Run one hostile case through the real command line and watch what it touches.

Each case gets a folder of its own: ``content/`` (the helper site with the case's files), the
output folder ``out/site``, and ``outside/``, files a case may point links at, which nothing may
read. ``debatemap build`` runs in a process forked for the case, so a Python audit hook sees
every file it opens, lists, makes, renames or deletes, in that process and in the workers it
forks (they inherit the hook and report through a file opened before they start).

The hook lives in the forked process, never in the test run's own: Python cannot remove an audit
hook, and on Python 3.11 ``sys.settrace`` calls the hooks inside a guard that is one for the whole
process, so while a Python hook runs, a thread that starts under coverage (which traces new
threads through ``sys.settrace``) dies with "Cannot install a trace function while another trace
function is being installed". In the test run that killed test servers' request threads and a
pool's handler threads (the pool then hung in ``terminate()``) in tests long after this suite.
"""

from __future__ import annotations

import io
import multiprocessing
import os
import subprocess
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from debatemap.cli import main

from ..helpers import minimal_site, time_limit
from .cases import Case, Fifo, Folder, Link, Outside, Spec

REPO = Path(__file__).resolve().parents[2]
_READ_EVENTS = frozenset({"open", "os.scandir", "os.listdir"})
_WRITE_EVENTS = frozenset(
    {"os.mkdir", "os.rename", "os.replace", "os.remove", "os.unlink", "os.rmdir", "shutil.rmtree", "os.symlink", "os.link",
     "os.truncate", "os.chmod", "os.chown", "os.utime"}
)  # fmt: skip
_WRITING = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


class Audit:
    """Records file-system access outside the allowed folders while ``watching``."""

    def __init__(self) -> None:
        self.reads: tuple[str, ...] = ()
        self.writes: tuple[str, ...] = ()
        self.log = -1
        self.active = False
        self.busy = False
        sys.addaudithook(self.hook)

    @contextmanager
    def watching(self, reads: list[Path], writes: list[Path], log: Path) -> Iterator[None]:
        system = [sys.prefix, sys.base_prefix, sys.exec_prefix, *(p for p in sys.path if p and Path(p).is_dir())]
        ours = [*map(str, reads), *system, str(REPO / "themes"), str(REPO / "generator")]
        self.reads = (*sorted({os.path.realpath(p) + os.sep for p in ours}), "/dev/", "/proc/", "/sys/")
        self.writes = (*(os.path.realpath(p) + os.sep for p in writes), "/dev/shm/", "/dev/null")
        self.log = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        self.active = True
        try:
            yield
        finally:
            self.active = False
            os.close(self.log)

    def hook(self, event: str, args: tuple[Any, ...]) -> None:
        if not self.active or self.busy or (event not in _READ_EVENTS and event not in _WRITE_EVENTS):
            return
        self.busy = True
        try:
            paths = args[:2] if event in ("os.rename", "os.replace", "os.symlink", "os.link") else args[:1]
            writing = event in _WRITE_EVENTS or (event == "open" and _opens_for_writing(args))
            for path in paths:
                if isinstance(path, str | bytes | os.PathLike):
                    if not os.path.isabs(os.fsdecode(path)) and _inside_rmtree():
                        continue  # a name relative to a folder rmtree holds open; its "shutil.rmtree" event was checked
                    if os.path.basename(os.fsdecode(path)).startswith(".coverage"):
                        continue  # coverage's own data files, when the suite runs under coverage (CI)
                    real = os.path.realpath(os.fsdecode(path)) + os.sep
                    allowed = self.writes if writing else self.reads + self.writes
                    if not real.startswith(allowed):
                        os.write(self.log, f"{'write' if writing else 'read'} {event} {real[:-1]}\n".encode())
        finally:
            self.busy = False


def _inside_rmtree() -> bool:
    frame = sys._getframe(2)
    for _ in range(12):
        if frame is None:
            return False
        if frame.f_code.co_name.startswith("_rmtree") and frame.f_code.co_filename.endswith("shutil.py"):
            return True
        frame = frame.f_back  # type: ignore[assignment]
    return False


def _note(ran: list[str], args: tuple[Any, ...]) -> None:
    """Record a command the build starts, unless it is git reading the content's history (the maps'
    change lists: debatemap's own, fixed command lines, never made from content)."""
    argv = args[0] if args else []
    if not (isinstance(argv, list | tuple) and argv and argv[0] == "git"):
        ran.append(repr(args))


def _opens_for_writing(args: tuple[Any, ...]) -> bool:
    mode, flags = (*args, None, 0)[1:3]
    return bool(isinstance(mode, str) and set(mode) & set("wax+")) or bool(isinstance(flags, int) and flags & _WRITING)


AUDIT: Audit | None = None


def audit() -> Audit:
    global AUDIT  # noqa: PLW0603 - one hook per process: Python cannot remove one
    if AUDIT is None:
        AUDIT = Audit()
    return AUDIT


def make_tree(case: Case, where: Path) -> Path:
    """The helper site under ``where/content`` with the case's files written, linked or removed."""
    content = where / "content"
    outside = where / "outside"
    outside.mkdir(parents=True)
    (outside / "secret.txt").write_text("TOP-SECRET-CANARY\n")
    plain = {name: spec for name, spec in case.files.items() if isinstance(spec, str | bytes)}
    minimal_site(content, plain)
    for name, spec in case.files.items():
        _place(content / name, spec, outside)
    if case.setup is not None:
        case.setup(content)
    return content


def _place(path: Path, spec: Spec, outside: Path) -> None:
    if isinstance(spec, str | bytes):
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    if spec is None:
        path.unlink()
    elif isinstance(spec, Folder):
        path.mkdir()
    elif isinstance(spec, Fifo):
        os.mkfifo(path)
    elif isinstance(spec, Link):
        path.symlink_to(spec.target)
    elif isinstance(spec, Outside):
        target = outside / path.name
        target.write_text(spec.text, encoding="utf-8")
        path.symlink_to(target)


@dataclass
class Outcome:
    code: int
    out: str
    err: str
    violations: list[str]
    ran: list[str]


def run_build(case: Case, where: Path) -> Outcome:
    """`debatemap build content --out out/site` (or the case's command) in ``where``, under its time
    limit, in a forked process that holds the audit hook (see the module's docstring)."""
    make_tree(case, where)
    (where / "out").mkdir()
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_run_in_child, args=(case, where, send), name=f"hostile-{case.name}")
    child.start()
    send.close()
    try:
        result: Outcome | str = receive.recv()
    except EOFError:
        result = "the process that ran the case ended without an outcome"
    finally:
        child.join()
        receive.close()
    if child.exitcode != 0:
        raise AssertionError(f"the process that ran the case exited with {child.exitcode}")
    if isinstance(result, str):
        raise AssertionError(result)
    return result


def _run_in_child(case: Case, where: Path, send: Connection) -> None:
    """Run the case and send its ``Outcome``, or the traceback of what went wrong instead."""
    try:
        send.send(_run(case, where))
    except BaseException:
        send.send(traceback.format_exc())
    finally:
        send.close()


def _run(case: Case, where: Path) -> Outcome:
    ran: list[str] = []
    before = os.getcwd()
    os.chdir(where)
    stdout, stderr = io.StringIO(), io.StringIO()
    log = where / "audit.log"
    real_popen, real_system, real_popen_os = subprocess.Popen, os.system, os.popen
    subprocess.Popen = lambda *a, **k: _note(ran, a) or real_popen(*a, **k)  # type: ignore[assignment, misc]
    os.system = lambda *a: ran.append(repr(a)) or 0  # type: ignore[assignment]
    os.popen = lambda *a, **k: ran.append(repr(a)) or real_popen_os("true")  # type: ignore[assignment]
    try:
        argv = ["build", "content", "--out", "out/site"] if case.command == "build" else [case.command, "content"]
        cache = where / ".debatemap-cache"  # the build cache's default folder, beside the content
        watching = audit().watching(reads=[where / "content", where / "out", cache], writes=[where / "out", cache], log=log)
        with time_limit(case.seconds), redirect_stdout(stdout), redirect_stderr(stderr), watching:
            code = main(argv)
    finally:
        subprocess.Popen, os.system, os.popen = real_popen, real_system, real_popen_os  # type: ignore[misc]
        os.chdir(before)
    violations = log.read_text().splitlines() if log.exists() else []
    return Outcome(code, stdout.getvalue(), stderr.getvalue(), violations, ran)
