"""`debatemap links` against servers this test starts on 127.0.0.1: no test touches the internet.

The servers answer 200, chains of 301s, 404, 500, a redirect loop, 405 to HEAD, and never
(a socket that accepts connections and says nothing); an HTTP server spoken to over https is
the TLS failure, and a name the test's resolver refuses is the DNS failure.
"""

from __future__ import annotations

import http.server
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from debatemap import __version__
from debatemap.cli import main
from debatemap.commands import links as links_command
from debatemap.links.probe import probe
from debatemap.links.run import check_all
from debatemap.links.store import dump
from debatemap.pipeline import load_site
from tests.helpers import SOURCE, minimal_site

ROUTES: dict[str, tuple[int, str | None]] = {
    "/ok": (200, None),
    "/a": (301, "/b"),
    "/b": (301, "/ok"),
    "/missing": (404, None),
    "/error": (500, None),
    "/loop-1": (302, "/loop-2"),
    "/loop-2": (302, "/loop-1"),
    "/away": (301, "ftp://example.org/file"),
}


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.requests: list[tuple[str, str, str]] = []
        self.in_flight = 0
        self.most_in_flight = 0
        self.lock = threading.Lock()


class _Handler(http.server.BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _answer(self, method: str) -> None:
        with self.server.lock:
            self.server.requests.append((method, self.path, self.headers.get("User-Agent", "")))
            self.server.in_flight += 1
            self.server.most_in_flight = max(self.server.most_in_flight, self.server.in_flight)
        time.sleep(0.02)  # long enough for overlapping requests to overlap
        with self.server.lock:  # before answering: the client may send its next request as soon as it reads this one
            self.server.in_flight -= 1
        if self.path == "/no-head" and method == "HEAD":
            status, location = 405, None
        elif self.path == "/no-head":
            status, location = 200, None
        else:
            status, location = ROUTES.get(self.path.split("?")[0], (200, None))
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", "2")
        self.end_headers()
        if method == "GET":
            self.wfile.write(b"ok")

    def do_HEAD(self) -> None:
        self._answer("HEAD")

    def do_GET(self) -> None:
        self._answer("GET")


@pytest.fixture(scope="module")
def server() -> Iterator[_Server]:
    httpd = _Server()
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def base(server: _Server) -> str:
    server.requests.clear()
    return f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="module")
def silent() -> Iterator[str]:
    """A port that accepts connections (the kernel's backlog) and never answers."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}/"
    sock.close()


def test_a_page_that_answers_is_ok_after_one_head(base: str, server: _Server) -> None:
    result = probe(base + "/ok", timeout=2)
    assert (result.ok, result.status, result.redirects, result.method) == (True, 200, (), "HEAD")
    assert server.requests == [
        ("HEAD", "/ok", f"debatemap/{__version__} (link checker; +https://github.com/debatemap/debatemap)")
    ]


def test_a_chain_of_redirects_is_followed_and_recorded(base: str) -> None:
    result = probe(base + "/a", timeout=2)
    assert result.ok
    assert result.redirects == (base + "/b", base + "/ok")
    assert result.final_url == base + "/ok"


@pytest.mark.parametrize(("path", "problem"), [("/missing", "HTTP 404"), ("/error", "HTTP 500")])
def test_client_and_server_errors_are_dead(base: str, path: str, problem: str) -> None:
    result = probe(base + path, timeout=2)
    assert (result.ok, result.problem) == (False, problem)


def test_head_refused_is_asked_again_with_get(base: str, server: _Server) -> None:
    result = probe(base + "/no-head", timeout=2)
    assert (result.ok, result.method) == (True, "GET")
    assert [(m, p) for m, p, _ in server.requests] == [("HEAD", "/no-head"), ("GET", "/no-head")]


def test_a_redirect_loop_and_a_redirect_off_the_web_are_dead(base: str) -> None:
    assert probe(base + "/loop-1", timeout=2).problem == "redirect loop"
    assert probe(base + "/away", timeout=2).problem == "redirect to a non-web address: ftp://example.org/file"


def test_a_server_that_never_answers_times_out(silent: str) -> None:
    started = time.monotonic()
    result = probe(silent, timeout=0.3)
    assert result.problem == "timeout after 0.3 s"
    assert time.monotonic() - started < 2


def test_tls_failure_and_refused_connection_are_dead(base: str) -> None:
    tls = probe(base.replace("http://", "https://") + "/ok", timeout=2)  # a plain HTTP server spoken to over TLS
    assert tls.problem is not None
    assert tls.problem.startswith("TLS failure: ")
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()
    assert probe(f"http://127.0.0.1:{port}/", timeout=2).problem == "connection failure: Connection refused"


def test_a_name_that_does_not_resolve_is_a_dns_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)  # the test never asks a real resolver
    assert probe("https://no-such-host.invalid/", timeout=2).problem == "DNS failure: Name or service not known"


def test_one_request_per_host_at_a_time_but_hosts_in_parallel(base: str, server: _Server) -> None:
    port = server.server_address[1]
    urls = [f"{base}/ok?{i}" for i in range(6)]
    server.most_in_flight = 0
    results = check_all(urls, timeout=2, concurrency=4)
    assert all(r.ok for r in results.values())
    assert list(results) == sorted(urls)
    assert server.most_in_flight == 1
    server.most_in_flight = 0
    check_all([*urls, *(f"http://localhost:{port}/ok?{i}" for i in range(6))], timeout=2, concurrency=4)
    assert server.most_in_flight == 2  # two host names, one request each at a time


# The command, on content whose sources point at the test's server


def _content(root: Path, base: str) -> Path:
    source = SOURCE.replace("https://example.org/report", base + "/missing")
    return minimal_site(
        root,
        {
            "sources/report.yaml": source,
            "sources/moved.yaml": SOURCE.replace("https://example.org/report", base + "/a") + f"archived: {base}/ok\n",
            "sources/gone.yaml": SOURCE.replace("https://example.org/report", base + "/error") + f"archived: {base}/loop-1\n",
        },
    )


def test_links_reports_dead_links_at_their_lines_and_saves_them(
    tmp_path: Path, base: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    root = _content(Path("content"), base)
    monkeypatch.setattr(links_command, "today", lambda: "2026-11-27")
    assert main(["links", str(root), "--timeout", "2", "--save"]) == 1
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert lines[:6] == [
        f"content/sources/gone.yaml:2:6: dead[url]: {base}/error: HTTP 500",
        "  = do: its `archived:` copy is dead too: find another snapshot at https://web.archive.org/web/*/" + base + "/error",
        f"content/sources/gone.yaml:8:11: dead[archived]: {base}/loop-1: redirect loop (via 2 redirects, last {base}/loop-1)",
        "  = do: the snapshot no longer answers: check the address, or take a new snapshot and update `archived:`",
        f"content/sources/report.yaml:2:6: dead[url]: {base}/missing: HTTP 404",
        f"  = do: look for a snapshot at https://web.archive.org/web/*/{base}/missing and add it as `archived:`, "
        "or update `url:` if the page moved",
    ]
    assert lines[-1].startswith("Checked 5 links on 1 host in ")
    assert lines[-1].endswith(": 2 answered (1 after redirects), 3 dead.")
    saved = (root / "links.yaml").read_text(encoding="utf-8")
    assert saved.split("links:\n", 1)[1] == (
        f'  - url: "{base}/a"\n    checked: 2026-11-27\n    status: 200\n    final: "{base}/ok"\n'
        f'  - url: "{base}/error"\n    checked: 2026-11-27\n    status: 500\n    problem: "HTTP 500"\n'
        f'  - url: "{base}/loop-1"\n    checked: 2026-11-27\n    status: 302\n    problem: "redirect loop"\n'
        f'  - url: "{base}/missing"\n    checked: 2026-11-27\n    status: 404\n    problem: "HTTP 404"\n'
        f'  - url: "{base}/ok"\n    checked: 2026-11-27\n    status: 200\n'
    )
    site = load_site(root)
    assert site.ok, site.diagnostics
    assert site.site.links[base + "/missing"].problem == "HTTP 404"
    assert site.site.links[base + "/a"].dead is False


def test_links_json_lists_every_link_with_its_uses(tmp_path: Path, base: str, capsys: pytest.CaptureFixture[str]) -> None:
    import json  # noqa: PLC0415

    root = _content(tmp_path, base)
    assert main(["links", str(root), "--timeout", "2", "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)["links"]
    moved = next(item for item in data if item["url"] == base + "/a")
    assert moved["ok"] is True
    assert moved["redirects"] == [base + "/b", base + "/ok"]
    assert moved["used_by"][0]["source"] == "moved"
    assert not (root / "links.yaml").exists()  # only --save writes


def test_saving_the_same_results_writes_the_same_bytes(base: str) -> None:
    results = check_all([base + "/ok", base + "/missing", base + "/a"], timeout=2)
    again = check_all([base + "/a", base + "/missing", base + "/ok"], timeout=2)
    assert dump(results, "2026-01-02") == dump(again, "2026-01-02")


def test_a_malformed_links_file_is_reported_at_its_line(tmp_path: Path) -> None:
    root = minimal_site(tmp_path, {"links.yaml": "links:\n  - url: https://example.org/report\n    checked: yesterday\n"})
    checked = load_site(root)
    assert [(d.code, d.position.line, d.position.column) for d in checked.diagnostics] == [("invalid-date", 3, 14)]


def test_bad_options_are_usage_errors(tmp_path: Path) -> None:
    root = minimal_site(tmp_path)
    assert main(["links", str(root), "--timeout", "0"]) == 2
    assert main(["links", str(root), "--concurrency", "many"]) == 2
