"""The local preview a curator leaves running: build, serve, watch, rebuild, reload the tabs.

The site is built into a private temporary folder (the curator's own ``site/`` is never
touched) and kept up to date there by ``IncrementalBuild``. While the content has errors the
last good build stays on disk and every page carries the errors; the terminal prints them too.
"""

from __future__ import annotations

import contextlib
import shutil
import signal
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from ..incremental import IncrementalBuild, Interrupted, Outcome
from .events import Broadcaster, url_paths
from .overlay import error_text
from .paths import site_base
from .server import PreviewServer, is_loopback
from .status import Status, new_warnings
from .watch import watch_loop


class Preview:
    """Use ``start()`` then ``close()`` (tests), or ``run()`` until Ctrl-C (the command)."""

    def __init__(self, content_root: Path, *, host: str = "127.0.0.1", port: int = 8000, log: TextIO | None = None) -> None:
        self.content_root = content_root
        self.log = log or sys.stdout
        self._temp = Path(tempfile.mkdtemp(prefix="debatemap-serve-"))
        self.site_dir = self._temp / "site"
        self.events = Broadcaster()
        self.status = Status()
        self.overlay: str | None = None
        """The panels every page carries (errors, warnings), or None."""
        self.base_path = "/"
        """Where the site is served: the path of its base_url, as it will be when hosted."""
        self.builder = IncrementalBuild(content_root, self.site_dir, parallel=True)
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []
        self._extras: threading.Thread | None = None
        try:
            self.server = PreviewServer(host, port, self)
        except BaseException:
            shutil.rmtree(self._temp, ignore_errors=True)
            raise
        if not is_loopback(host):
            self._say(
                f"warning: serving on {host}: anyone who can reach this machine can read the preview. "
                "Use the default 127.0.0.1 unless you mean to share it."
            )

    @property
    def url(self) -> str:
        """The site's address: the server's, under the site's base path."""
        return self.server.url + self.base_path[1:]

    def start(self) -> str:
        """Build, then serve and watch in background threads; return the URL."""
        try:
            self.rebuild([], first=True)
        finally:
            self.builder.parallel = False  # the server's and the watcher's threads start: no forking from here
        self._spawn(self.server.serve_forever, "debatemap-http")
        self._spawn(self._watch, "debatemap-watch")
        return self.url

    def run(self, on_ready: Callable[[str], object] | None = None) -> None:
        """Serve in the foreground until Ctrl-C; ``on_ready`` gets the URL once the site is built.

        SIGTERM (``kill``, ``timeout``, a service manager) and SIGHUP (the terminal closed) stop it
        as Ctrl-C does, so the temporary site is deleted whichever way it ends.
        """
        previous = _on_stop_signals(_interrupt)
        try:
            self.start()
            self._say(f"Serving {self.content_root} at {self.url} (Ctrl-C to stop)")
            if on_ready is not None:
                on_ready(self.url)
            while not self._stop.wait(0.5):
                pass
        except KeyboardInterrupt:
            self._say("Stopping.")
        finally:
            _on_stop_signals(signal.SIG_IGN)  # a second signal must not cut the clean-up short
            try:
                self.close()
            finally:
                for number, handler in previous.items():
                    signal.signal(number, handler)

    def close(self) -> None:
        """Stop serving and watching, end every open event stream, delete the temporary site."""
        self._stop.set()
        self.builder.stop()  # a rebuild under way ends at its next page
        self.events.close()
        if any(thread.name == "debatemap-http" for thread in self._threads):
            self.server.shutdown()  # only once serve_forever runs: it waits for that loop to end
        self.server.server_close()
        for thread in self._threads:
            thread.join(timeout=5)
        # Not while a rebuild writes into it; but a stop is never held up for long.
        locked = self._lock.acquire(timeout=10)
        try:
            shutil.rmtree(self._temp, ignore_errors=True)
        finally:
            if locked:
                self._lock.release()

    # -- rebuilding ------------------------------------------------------------------------

    def rebuild(self, changed: list[str], *, first: bool = False, complete: bool = False) -> Outcome:
        """Rebuild after ``changed`` files were saved (``complete``: and no others); publish what changed and report it."""
        with self._lock:
            outcome = self.builder.rebuild(changed, defer_extras=not first, complete=complete)
            self._apply(outcome, first=first)
            return outcome

    def refresh_extras(self) -> Outcome | None:
        """Make the deferred extra files (search index, drawings' downloads) when saving pauses.

        They are made outside the lock, so a save meanwhile is rebuilt at once instead of waiting
        for whole-site work (seconds at 10,000 claims); that save's rebuild makes them stale, so
        they are dropped and made again at the next pause.
        """
        with self._lock:
            job = self.builder.extras_job()
        if job is None:
            return None
        job.run()
        with self._lock:
            if self._stop.is_set():
                return None
            outcome = self.builder.finish_extras(job)
            if outcome is not None:
                self._apply(outcome, first=False, extras=True)
            return outcome

    def _apply(self, outcome: Outcome, *, first: bool, extras: bool = False) -> None:
        """Show what a rebuild did: the panels, the tabs to reload, lines in the terminal."""
        had_errors, warnings = self.status.has_errors, self.status.warnings
        self.status.record(outcome, extras=extras)
        panel, self.overlay = self.overlay, self.status.panel()
        base, self.base_path = self.base_path, site_base(self.builder.site)
        if not outcome.ok:
            self._say(error_text(outcome.diagnostics, outcome.problem))
            shown = "no good build yet" if not self.builder.built else "still serving the last good build"
            self._say(f"{_clock()} content has errors: {shown}; fix them and save.")
            self.events.publish(None)
            return
        listed = "" if extras else new_warnings(warnings, self.status.warnings, first=first)
        if first:
            self._say(f"Built {len(outcome.written)} files in {outcome.seconds:.2f} s")
            self._say(listed)
            return
        fixed = had_errors and not self.status.has_errors
        changed = (*outcome.written, *outcome.removed)
        if fixed or outcome.full or panel != self.overlay or base != self.base_path:
            self.events.publish(None)
        elif changed:
            self.events.publish(url_paths(changed))
        if changed or fixed:
            what = "everything" if outcome.full else f"{outcome.rendered} page{'s' if outcome.rendered != 1 else ''}"
            files = f"{len(changed)} file{'s' if len(changed) != 1 else ''}"
            self._say(f"{_clock()} {'fixed: no errors now; ' if fixed else ''}rebuilt {what}, "
                      f"{files} changed, in {outcome.seconds * 1000:.0f} ms")  # fmt: skip
        self._say(listed)

    def _watch(self) -> None:
        try:
            watch_loop(self.builder.watched, self._on_change, self._on_idle, self._stop)
        except Exception:  # the watcher must not die silently: say so, keep serving the last build
            self._say("debatemap serve: file watching stopped after an internal error:\n" + traceback.format_exc())

    def _on_change(self, changed: list[str], complete: bool) -> None:
        try:
            self.rebuild(changed, complete=complete)
        except Interrupted:  # stopping
            return
        except Exception:  # a bug in a rebuild: report it, keep serving the last good build
            self._internal_error()

    def _on_idle(self) -> None:
        if not self.builder.extras_pending or (self._extras is not None and self._extras.is_alive()):
            return
        self._extras = threading.Thread(target=self._make_extras, name="debatemap-extras", daemon=True)
        self._extras.start()

    def _make_extras(self) -> None:
        try:
            self.refresh_extras()
        except Exception:
            self._internal_error()

    def _internal_error(self) -> None:
        detail = traceback.format_exc()
        self.status.internal = "internal error in debatemap (please report it):\n" + detail
        self.overlay = self.status.panel()
        self.events.publish(None)
        self._say("debatemap serve: internal error while rebuilding (please report it):\n" + detail)

    def _spawn(self, target: Callable[[], None], name: str) -> None:
        thread = threading.Thread(target=target, name=name, daemon=True)
        thread.start()
        self._threads.append(thread)

    def _say(self, text: str) -> None:
        if text:
            with contextlib.suppress(OSError, ValueError):  # the terminal is gone (SIGHUP) or the log closed
                print(text, file=self.log, flush=True)


_STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


def _interrupt(number: int, frame: object) -> None:  # noqa: ARG001 - a signal handler's signature
    raise KeyboardInterrupt


def _on_stop_signals(handler: Callable[[int, Any], Any] | int) -> dict[int, Any]:
    """Handle the signals that stop serve (only the main thread may); the handlers they had."""
    if threading.current_thread() is not threading.main_thread():
        return {}
    return {number: signal.signal(number, handler) for number in _STOP_SIGNALS}


def _clock() -> str:
    return time.strftime("%H:%M:%S")
