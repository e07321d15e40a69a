"""The preview's HTTP on the wire: keep-alive without delays, an answer to every malformed
request, no request desync, and a deadline for a request's head (slowloris)."""

from __future__ import annotations

import http.client
import io
import re
import socket
import statistics
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from debatemap.serve import Preview, handler

from .helpers import minimal_site


@pytest.fixture(scope="module")
def port(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    preview = Preview(minimal_site(tmp_path_factory.mktemp("http") / "content"), port=0, log=io.StringIO())
    preview.start()
    yield int(preview.server.server_address[1])
    preview.close()


def exchange(port: int, data: bytes, *, wait: float = 3.0) -> bytes:
    """Send raw bytes; everything the server sends back until it closes or goes quiet."""
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as connection:
        connection.sendall(data)
        received = b""
        try:
            while chunk := connection.recv(65536):
                received += chunk
        except TimeoutError:
            pass
        return received


def statuses(reply: bytes) -> list[int]:
    """The status of each response in ``reply`` (their bodies here never hold a status line)."""
    return [int(code) for code in re.findall(rb"(?:^|\n)HTTP/1\.[01] (\d{3}) ", reply)]


def test_keep_alive_requests_are_not_held_back(port: int) -> None:
    """Headers and body went out in two writes with Nagle's algorithm on: each request after the
    first waited for the client's delayed acknowledgement (40 ms or more on Linux), where a
    request on a new connection (the baseline, timed alike) did not."""

    def timed(keep_alive: bool) -> float:
        seconds = []
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        for _ in range(12):
            started = time.perf_counter()
            connection.request("GET", "/debates/claims/open-weights/")
            assert connection.getresponse().read()
            seconds.append(time.perf_counter() - started)
            if not keep_alive:
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.close()
        return statistics.median(seconds[1:])

    assert timed(keep_alive=True) < timed(keep_alive=False) + 0.02


@pytest.mark.parametrize(
    ("request_line", "headers", "status"),
    [
        (b"GET /debates/" + b"a" * 256 + b" HTTP/1.1", b"", 404),
        (b"GET /debates/claims/" + b"b" * 300 + b"/ HTTP/1.1", b"", 404),
        (b"GET /debates/" + b"%C3%A9" * 200 + b" HTTP/1.1", b"", 404),
        (b"GET /__debatemap/events?since=%C2%B2 HTTP/1.1", b"", 400),
        (b"GET /__debatemap/events?since=" + b"9" * 5000 + b" HTTP/1.1", b"", 400),
        (b"GET /__debatemap/events HTTP/1.1", b"Last-Event-ID: \xb2\r\n", 400),
        (b"GET /__debatemap/events?since=-1 HTTP/1.1", b"", 400),
        (b"GET http://[/ HTTP/1.1", b"", 400),
    ],
    ids=["long-name", "long-folder", "long-encoded", "since-superscript", "since-5000-digits", "bad-last-event-id",
         "since-negative", "bad-absolute-form"],
)  # fmt: skip
def test_a_malformed_request_gets_an_answer_not_a_closed_connection(
    port: int, request_line: bytes, headers: bytes, status: int, capfd: pytest.CaptureFixture[str]
) -> None:
    reply = exchange(port, request_line + b"\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + headers + b"\r\n")
    assert statuses(reply) == [status]
    assert "error while answering" not in capfd.readouterr().err


def test_a_refused_request_with_a_body_closes_the_connection_so_the_body_is_never_a_request(port: int) -> None:
    smuggled = b"GET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n"
    post = b"POST /debates/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: %d\r\n\r\n" % len(smuggled) + smuggled
    reply = exchange(port, post + b"GET /debates/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    assert statuses(reply) == [405]
    assert b"Connection: close" in reply
    chunked = b"POST /debates/ HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n%x\r\n" % len(smuggled)
    assert statuses(exchange(port, chunked + smuggled + b"\r\n0\r\n\r\n")) == [405]
    get = b"GET /debates/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: %d\r\n\r\n" % len(smuggled)
    assert statuses(exchange(port, get + smuggled)) == [200]


def test_a_request_without_a_body_keeps_its_connection(port: int) -> None:
    twice = b"POST /debates/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n"
    twice += b"GET /debates/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    assert statuses(exchange(port, twice, wait=1.0)) == [405, 200]


def test_a_request_head_sent_a_byte_at_a_time_is_cut_off_at_its_deadline(port: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Slowloris: each byte came well within the idle limit, so the connection (and its server
    thread) was held for as long as the client kept trickling."""
    monkeypatch.setattr(handler, "REQUEST_SECONDS", 1.0)
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        started = time.monotonic()
        connection.sendall(b"GET /debates/ HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        closed = False
        while time.monotonic() - started < 8 and not closed:
            try:
                connection.sendall(b"X")
                time.sleep(0.1)
            except (BrokenPipeError, ConnectionResetError):
                closed = True
        assert closed, "the server still waited for the request's head after 8 s"
        assert time.monotonic() - started < 5


def test_an_idle_keep_alive_connection_is_not_cut_off_by_the_request_deadline(port: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(handler, "REQUEST_SECONDS", 0.5)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    for _ in range(2):
        connection.request("GET", "/debates/")
        assert connection.getresponse().read()
        time.sleep(1.0)
    connection.close()


def test_a_response_to_a_head_request_has_no_body(port: int, tmp_path: Path) -> None:
    reply = exchange(port, b"HEAD /debates/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    head, _, body = reply.partition(b"\r\n\r\n")
    assert statuses(reply) == [200] and b"Content-Length: " in head and body == b""
