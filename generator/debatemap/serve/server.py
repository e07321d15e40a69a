"""The preview's HTTP server: the built site, the reload stream, and nothing else.

A threaded server (one thread per connection, so a slow client or an open event stream never
blocks another request) that answers only GET and HEAD, only for files inside the built site,
only to requests addressed to this machine by name or IP (a DNS-rebinding page on another
origin is refused by its Host header). Every response has a length or is a stream that ends
when the server stops; idle connections time out, so no request can hang it.
"""

from __future__ import annotations

import errno
import ipaddress
import socket
import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import parse_qs, urlsplit

from ..diagnostics import UsageError
from .events import Broadcaster
from .overlay import EVENTS_URL, SCRIPT_URL, inject, script_tag
from .paths import BadRequest, Found, Redirect, content_type, resolve

HEARTBEAT_SECONDS = 15.0
"""An event stream sends a comment this often, so a closed tab's thread notices and ends."""
IDLE_SECONDS = 30.0
"""A connection that sends nothing for this long is closed (keep-alive, half-sent requests)."""
LIVE_SCRIPT = resources.files("debatemap.serve").joinpath("live.js").read_bytes()
FALLBACK_404 = b"<!doctype html>\n<html lang=en><meta charset=utf-8><title>Not found</title><body><h1>Not found</h1>\n"
"""Sent when the site has no 404.html yet (the first build failed)."""
TEXT = "text/plain; charset=utf-8"


class Live(Protocol):
    """What the server needs from the preview: the site folder, the events, the current overlay."""

    @property
    def site_dir(self) -> Path: ...

    @property
    def events(self) -> Broadcaster: ...

    @property
    def overlay(self) -> str | None: ...


def allowed_host(header: str | None, bound: str) -> bool:
    """Whether a Host header names this machine: an IP address, localhost, or the host it was told to bind."""
    if header is None:
        return True  # HTTP/1.0 clients; browsers, whose requests rebinding needs, always send one
    host = header.strip().lower()
    if host.startswith("["):
        host = host[1 : host.find("]")] if "]" in host else host
    elif host.count(":") == 1:
        host = host.split(":", 1)[0]
    if host in ("localhost", bound.lower()) or host.endswith(".localhost"):
        return True
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True
    """Handler threads are not waited for on close (an idle keep-alive connection may linger IDLE_SECONDS)."""
    request_queue_size = 512
    """Bursts of hundreds of connections queue instead of being refused."""

    def __init__(self, host: str, port: int, live: Live) -> None:
        self.live = live
        self.bound_host = host
        if ":" in host:
            self.address_family = socket.AF_INET6
        try:
            super().__init__((host.strip("[]"), port), PreviewHandler)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise UsageError(
                    f"port {port} on {host} is already in use: stop the other server, or choose another port "
                    "with --port (--port 0 picks a free one)"
                ) from None
            if exc.errno == errno.EADDRNOTAVAIL or isinstance(exc, socket.gaierror):
                raise UsageError(f"cannot listen on {host}: no such address on this machine") from None
            raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None

    @property
    def url(self) -> str:
        host, port = str(self.server_address[0]), self.server_address[1]
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{port}/"

    def handle_error(self, request: Any, client_address: Any) -> None:  # noqa: ARG002 - socketserver's signature
        """A client that hangs up mid-response is normal; anything else gets one line, not a traceback."""
        error = sys.exc_info()[1]
        if isinstance(error, (ConnectionError, TimeoutError)):
            return
        print(f"debatemap serve: error while answering {client_address[0]}: {error!r}", file=sys.stderr)


class PreviewHandler(BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"
    timeout = IDLE_SECONDS

    def version_string(self) -> str:
        return "debatemap-serve"

    def do_GET(self) -> None:
        self._answer(head=False)

    def do_HEAD(self) -> None:
        self._answer(head=True)

    def _not_allowed(self) -> None:
        self._send(HTTPStatus.METHOD_NOT_ALLOWED, b"Only GET and HEAD.\n", TEXT, extra={"Allow": "GET, HEAD"})

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_TRACE = do_CONNECT = _not_allowed

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the terminal is for rebuilds and errors, not for every request."""

    # -- answering ---------------------------------------------------------------------------

    def _answer(self, *, head: bool) -> None:
        live = self.server.live
        if not allowed_host(self.headers.get("Host"), self.server.bound_host):
            self._send(HTTPStatus.FORBIDDEN, b"This server answers only to its own address.\n", TEXT, head=head)
            return
        target = urlsplit(self.path)
        if target.path == EVENTS_URL:
            self._stream(parse_qs(target.query), head=head)
            return
        if target.path == SCRIPT_URL:
            self._send(HTTPStatus.OK, LIVE_SCRIPT, "text/javascript; charset=utf-8", head=head)
            return
        try:
            found = resolve(live.site_dir, target.path)
        except BadRequest as exc:
            self._send(HTTPStatus.BAD_REQUEST, f"Bad request: {exc}.\n".encode(), TEXT, head=head)
            return
        if isinstance(found, Redirect):
            location = found.location + (f"?{target.query}" if target.query else "")
            self._send(HTTPStatus.MOVED_PERMANENTLY, b"", TEXT, head=head, extra={"Location": location})
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
            body = inject(body, script_tag(live.events.epoch, live.events.version), live.overlay)
        self._send(status, body, kind, head=head)

    def _send(
        self, status: HTTPStatus, body: bytes, kind: str, *, head: bool = False, extra: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.send_header("X-Content-Type-Options", "nosniff")
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _stream(self, query: dict[str, list[str]], *, head: bool) -> None:
        """Server-Sent Events: what changed since the page's version, then each rebuild as it happens."""
        events = self.server.live.events
        epoch = query.get("epoch", [""])[0]
        last = self.headers.get("Last-Event-ID") or query.get("since", ["0"])[0]
        version = int(last) if last.isdigit() else 0
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
