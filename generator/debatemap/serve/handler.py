"""Answering one connection of the preview: files of the built site, the reload stream, errors.

Only GET and HEAD, only for files inside the built site, only to requests addressed to this
machine. Every request gets an answer (a malformed one 400, never a dropped connection); a
request's head must arrive within a deadline (a client trickling bytes cannot keep a thread);
a request with a body it does not read ends its connection (the body is never taken for the
next request); headers and body leave together, without waiting for Nagle's algorithm.
"""

from __future__ import annotations

import io
import re
import sys
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from importlib import resources
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

from .hosts import allowed_host
from .overlay import EVENTS_URL, SCRIPT_URL, inject, script_tag
from .paths import BadRequest, Found, Redirect, content_type, resolve, within
from .reading import DeadlineReader

if TYPE_CHECKING:
    from .server import PreviewServer

HEARTBEAT_SECONDS = 15.0
"""An event stream sends a comment this often, so a closed tab's thread notices and ends."""
IDLE_SECONDS = 30.0
"""A connection that sends nothing for this long is closed (keep-alive, half-sent requests)."""
REQUEST_SECONDS = 10.0
"""A request's line and headers must all arrive within this long of its first byte (slowloris)."""
WRITE_BUFFER = 64 * 1024
"""Headers and a body up to this size leave in one write."""
VERSION = re.compile(r"[0-9]{1,18}")
"""A rebuild number as a tab sends it back (ASCII digits only: ``str.isdigit`` also takes '²')."""
LIVE_SCRIPT = resources.files("debatemap.serve").joinpath("live.js").read_bytes()
FALLBACK_404 = b"<!doctype html>\n<html lang=en><meta charset=utf-8><title>Not found</title><body><h1>Not found</h1>\n"
"""Sent when the site has no 404.html yet (the first build failed)."""
TEXT = "text/plain; charset=utf-8"


class PreviewHandler(BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"
    timeout = IDLE_SECONDS
    disable_nagle_algorithm = True
    """With Nagle's algorithm on, a body written after its headers waited for the client's delayed
    acknowledgement: about 40 ms on every keep-alive request after the first."""
    wbufsize = WRITE_BUFFER

    def setup(self) -> None:
        super().setup()
        self.rfile.close()  # replaced by a reader that keeps the request's deadline
        self.reader = DeadlineReader(self.connection, IDLE_SECONDS)
        self.buffered = io.BufferedReader(self.reader)
        self.rfile = self.buffered
        self.started = False
        """Whether the current response has begun (after which an error can only close the connection)."""

    def version_string(self) -> str:
        return "debatemap-serve"

    def handle_one_request(self) -> None:
        """Wait up to IDLE_SECONDS for a request to begin, then REQUEST_SECONDS for the rest of its head."""
        self.started = False
        self.reader.deadline = time.monotonic() + IDLE_SECONDS
        try:
            begun = self.buffered.peek(1)
        except OSError:  # timed out or reset while idle
            begun = b""
        if not begun:
            self.close_connection = True
            return
        self.reader.deadline = time.monotonic() + REQUEST_SECONDS
        super().handle_one_request()

    def parse_request(self) -> bool:
        parsed = super().parse_request()
        self.reader.deadline = None
        self.connection.settimeout(IDLE_SECONDS)  # for the response: the reader shortened it
        if parsed and self._has_body():
            # Its body is never read, so the connection cannot carry another request: the body
            # would be read as one (request desync).
            self.close_connection = True
        return parsed

    def _has_body(self) -> bool:
        length = self.headers.get("Content-Length", "0").strip()
        return "Transfer-Encoding" in self.headers or length != "0"

    def do_GET(self) -> None:
        self._respond(head=False)

    def do_HEAD(self) -> None:
        self._respond(head=True)

    def _not_allowed(self) -> None:
        self._send(HTTPStatus.METHOD_NOT_ALLOWED, b"Only GET and HEAD.\n", TEXT, extra={"Allow": "GET, HEAD"})

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_TRACE = do_CONNECT = _not_allowed

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the terminal is for rebuilds and errors, not for every request."""

    # -- answering ---------------------------------------------------------------------------

    def _respond(self, *, head: bool) -> None:
        """Every request gets an answer: a malformed one 400, a bug 500, never a dropped connection."""
        try:
            self._answer(head=head)
        except BadRequest as exc:
            self._send(HTTPStatus.BAD_REQUEST, f"Bad request: {exc}.\n".encode(), TEXT, head=head)
        except (ConnectionError, TimeoutError):
            raise
        except Exception as exc:
            if self.started:
                raise
            print(f"debatemap serve: error while answering {self.path[:200]!r}: {exc!r}", file=sys.stderr)
            self.close_connection = True
            self._send(HTTPStatus.INTERNAL_SERVER_ERROR, b"Internal error in debatemap serve.\n", TEXT, head=head)

    def _answer(self, *, head: bool) -> None:
        live = self.server.live
        if not allowed_host(self.headers.get("Host"), self.server.bound_host):
            self._send(HTTPStatus.FORBIDDEN, b"This server answers only to its own address.\n", TEXT, head=head)
            return
        try:
            target = urlsplit(self.path)
        except ValueError:
            raise BadRequest("the request target is malformed") from None
        if target.path == EVENTS_URL:
            self._stream(parse_qs(target.query), head=head)
            return
        if target.path == SCRIPT_URL:
            self._send(HTTPStatus.OK, LIVE_SCRIPT, "text/javascript; charset=utf-8", head=head)
            return
        base = live.base_path
        query = f"?{target.query}" if target.query else ""
        inner = within(base, target.path)
        found: Found | Redirect | None = None
        if inner is not None:
            found = resolve(live.site_dir, inner)
        elif target.path == "/" or target.path + "/" == base:
            # The site lives under its base_url's path, as it will when hosted (root-relative
            # links and the 404 page work); '/' leads there. Found, not Moved: base_url may change.
            self._send(HTTPStatus.FOUND, b"", TEXT, head=head, extra={"Location": base + query})
            return
        if isinstance(found, Redirect):
            self._send(HTTPStatus.MOVED_PERMANENTLY, b"", TEXT, head=head, extra={"Location": base[:-1] + found.location + query})
            return
        status, name, body = HTTPStatus.OK, "", b""
        if isinstance(found, Found):
            try:
                body, name = found.path.read_bytes(), found.name
            except OSError:  # replaced between the check and the read: a rebuild removed it
                found = None
        if not isinstance(found, Found):
            status, name = HTTPStatus.NOT_FOUND, "404.html"
            try:
                body = (live.site_dir / "404.html").read_bytes()
            except OSError:
                body = FALLBACK_404
        kind = content_type(name)
        if kind.startswith("text/html"):
            body = inject(body, script_tag(live.events.epoch, live.events.version, base), live.overlay)
        self._send(status, body, kind, head=head)

    def _send(
        self, status: HTTPStatus, body: bytes, kind: str, *, head: bool = False, extra: dict[str, str] | None = None
    ) -> None:
        self.started = True
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.send_header("X-Content-Type-Options", "nosniff")
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _stream(self, query: dict[str, list[str]], *, head: bool) -> None:
        """Server-Sent Events: what changed since the page's version, then each rebuild as it happens."""
        events = self.server.live.events
        epoch = query.get("epoch", [""])[0]
        version = _version(self.headers.get("Last-Event-ID") or query.get("since", [""])[0])
        self.started = True
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        if head:
            return
        self.wfile.write(b"retry: 1000\n\n")
        while not events.closed:
            change = events.since(epoch, version)
            epoch, version = events.epoch, change.version
            self.wfile.write(f"id: {change.version}\ndata: {change.message(events.epoch)}\n\n".encode())
            self.wfile.flush()
            while not events.wait(version, HEARTBEAT_SECONDS):
                if events.closed:
                    return
                self.wfile.write(b": still here\n\n")
                self.wfile.flush()


def _version(text: str) -> int:
    """The rebuild a tab last saw, from ``since=`` or the Last-Event-ID header; none is 0."""
    if not text:
        return 0
    if not VERSION.fullmatch(text):
        raise BadRequest("the event stream's since= or Last-Event-ID is not a rebuild number")
    return int(text)
