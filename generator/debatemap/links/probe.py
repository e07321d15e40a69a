"""Ask one address whether it still answers: HEAD first, GET where HEAD is refused, redirects by hand.

Redirects are followed here rather than by urllib so that every hop is seen: the report shows
the chain, a loop is named as one, and a redirect to a non-web scheme stops the walk. A GET
reads only the status line and headers, never the body.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from .. import __version__

USER_AGENT = f"debatemap/{__version__} (link checker; +https://github.com/debatemap/debatemap)"
MAX_REDIRECTS = 10
HEAD_REFUSED = frozenset({400, 403, 405, 406, 501})
"""Answers to HEAD that many servers give when they do not support it; the check asks again with GET."""
REDIRECTS = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True, slots=True)
class Probe:
    """What one address answered."""

    url: str
    status: int | None
    """The last HTTP status (None when no answer came)."""
    final_url: str
    redirects: tuple[str, ...]
    """Every address the walk was sent to, in order."""
    seconds: float
    problem: str | None
    """Why the link is dead ('HTTP 404', 'timeout after 10 s', 'DNS failure: ...'); None when it answered 2xx."""
    method: str = "HEAD"
    """The method of the last request ('GET' when HEAD was refused)."""

    @property
    def ok(self) -> bool:
        return self.problem is None


Gate = Callable[[str], AbstractContextManager[object]]
"""Held around each request, given the host: how the checker keeps to one request per host at a time."""


class HostGate:
    """One lock per host name, so that a host gets one request at a time however many workers run
    (a redirect can send a worker to a host another worker is asking)."""

    def __init__(self) -> None:
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def __call__(self, host: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(host.lower(), threading.Lock())


def _no_gate(host: str) -> AbstractContextManager[object]:  # noqa: ARG001 - a Gate's signature
    return nullcontext()


def probe(url: str, *, timeout: float = 10.0, context: ssl.SSLContext | None = None, gate: Gate = _no_gate) -> Probe:
    """Check ``url``; never raises for anything the network or the server does."""
    started = time.monotonic()
    hops: list[str] = []

    def done(status: int | None, final: str, problem: str | None, method: str) -> Probe:
        return Probe(url, status, final, tuple(hops), time.monotonic() - started, problem, method)

    seen = {url}
    current = url
    status: int | None = None
    method = "HEAD"
    try:
        while True:
            status, location = _ask(current, "HEAD", timeout, context, gate)
            method = "HEAD"
            if status in HEAD_REFUSED:
                status, location = _ask(current, "GET", timeout, context, gate)
                method = "GET"
            if status not in REDIRECTS or location is None:
                break
            target = urljoin(current, location)
            if urlsplit(target).scheme not in ("http", "https"):
                return done(status, current, f"redirect to a non-web address: {target}", method)
            hops.append(target)
            if target in seen:
                return done(status, target, "redirect loop", method)
            if len(hops) > MAX_REDIRECTS:
                return done(status, target, f"more than {MAX_REDIRECTS} redirects", method)
            seen.add(target)
            current = target
    except TimeoutError:
        return done(status, current, f"timeout after {timeout:g} s", method)
    except ssl.SSLError as exc:
        return done(status, current, f"TLS failure: {_reason(exc)}", method)
    except socket.gaierror as exc:
        return done(status, current, f"DNS failure: {exc.strerror or exc}", method)
    except (OSError, http.client.HTTPException, ValueError) as exc:
        return done(status, current, f"connection failure: {_reason(exc)}", method)
    problem = None if status is not None and 200 <= status < 300 else f"HTTP {status}"
    return done(status, current, problem, method)


def _ask(url: str, method: str, timeout: float, context: ssl.SSLContext | None, gate: Gate) -> tuple[int, str | None]:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not a web address: {url}")
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    connection: http.client.HTTPConnection
    if parts.scheme == "https":
        connection = http.client.HTTPSConnection(
            parts.hostname, parts.port, timeout=timeout, context=context or ssl.create_default_context()
        )
    else:
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    with gate(parts.hostname):
        try:
            connection.request(method, path, headers={"User-Agent": USER_AGENT, "Accept": "*/*", "Connection": "close"})
            response = connection.getresponse()
            return response.status, response.getheader("Location")
        finally:
            connection.close()


def _reason(exc: BaseException) -> str:
    reason = getattr(exc, "reason", None) or getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return str(reason)
