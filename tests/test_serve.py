"""`debatemap serve` against a real server on a free port, with real HTTP requests.

Pages, 404s, refused paths and hosts, methods, MIME types; then a content edit followed by
the reload event and the new page, and a broken edit followed by the overlay and recovery.
"""

from __future__ import annotations

import http.client
import io
import json
import re
import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from debatemap.cli import main
from debatemap.serve import Preview
from debatemap.serve.server import allowed_host

from .helpers import minimal_site

WAIT = 20.0
"""Seconds to wait for the watcher to see a save and the rebuild to land (generous for CI)."""


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def request(port: int, path: str, method: str = "GET", headers: dict[str, str] | None = None) -> Reply:
    """One request, the path sent exactly as given (no client-side normalising)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request(method, path, headers=headers or {})
        response = connection.getresponse()
        return Reply(response.status, {k.lower(): v for k, v in response.getheaders()}, response.read())
    finally:
        connection.close()


class EventStream:
    """The page's reload stream, read as the browser script reads it."""

    def __init__(self, port: int, page: str) -> None:
        match = re.search(r'data-epoch="([0-9a-f]+)" data-version="(\d+)"', page)
        assert match, "the page carries no reload script"
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=WAIT)
        self.connection.request("GET", f"/__debatemap/events?epoch={match[1]}&since={match[2]}")
        self.response = self.connection.getresponse()
        assert self.response.status == 200
        assert self.response.getheader("Content-Type", "").startswith("text/event-stream")
        self.version = int(match[2])

    def next(self) -> dict[str, Any]:
        """The next event (comments and retry lines skipped)."""
        data = None
        while True:
            line = self.response.fp.readline().decode("utf-8")
            if line == "":
                raise EOFError("the stream ended")
            if line.startswith("data: "):
                data = json.loads(line[6:])
            elif line == "\n" and data is not None:
                return data

    def wait_for(self, wanted: str | None) -> dict[str, Any]:
        """The first event newer than the page that reloads ``wanted`` (None: every page)."""
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            event = self.next()
            if event["version"] <= self.version:
                continue
            self.version = event["version"]
            if event["paths"] is None or (wanted is not None and wanted in event["paths"]):
                return event
        raise AssertionError(f"no reload of {wanted} within {WAIT} s")

    def close(self) -> None:
        self.connection.close()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Preview, Path]]:
    content = minimal_site(tmp_path / "content")
    preview = Preview(content, port=0, log=io.StringIO())
    preview.start()
    yield preview, content
    preview.close()


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Preview, Path]]:
    """One preview for the tests that only read from it."""
    content = minimal_site(tmp_path_factory.mktemp("shared") / "content")
    preview = Preview(content, port=0, log=io.StringIO())
    preview.start()
    yield preview, content
    preview.close()


def test_only_the_first_build_may_fork_render_workers_the_server_threads_start_after_it(tmp_path: Path) -> None:
    preview = Preview(minimal_site(tmp_path / "content"), port=0, log=io.StringIO())
    try:
        assert preview.builder.parallel
        preview.start()
        assert not preview.builder.parallel  # a theme or settings change later renders in this process
    finally:
        preview.close()


def port_of(preview: Preview) -> int:
    return int(preview.server.server_address[1])


# -- pages -------------------------------------------------------------------------------


def test_serves_pages_with_the_reload_script_and_files_unchanged(shared: tuple[Preview, Path]) -> None:
    preview, _ = shared
    port = port_of(preview)
    home = request(port, "/debates/")
    assert home.status == 200
    assert home.headers["content-type"] == "text/html; charset=utf-8"
    assert '<script src="/__debatemap/live.js"' in home.text
    assert int(home.headers["content-length"]) == len(home.body)
    claim = request(port, "/debates/claims/faster-innovation/")
    assert claim.status == 200 and "Open weights speed up innovation." in claim.text
    on_disk = (preview.site_dir / "claims" / "faster-innovation" / "index.html").read_bytes()
    assert b"__debatemap" not in on_disk  # injected into responses only, never written
    script = request(port, "/__debatemap/live.js")
    assert script.status == 200 and script.headers["content-type"].startswith("text/javascript")


def test_missing_pages_get_the_sites_404_page(shared: tuple[Preview, Path]) -> None:
    preview, _ = shared
    reply = request(port_of(preview), "/debates/claims/no-such-claim/")
    assert reply.status == 404
    assert "Page not found" in reply.text
    assert "/__debatemap/live.js" in reply.text  # so the tab reloads once the page exists


def test_a_folder_without_slash_redirects_and_folders_are_never_listed(served: tuple[Preview, Path]) -> None:
    preview, _ = served
    port = port_of(preview)
    moved = request(port, "/debates/claims/faster-innovation?x=1")
    assert moved.status == 301 and moved.headers["location"] == "/debates/claims/faster-innovation/?x=1"
    (preview.site_dir / "bare").mkdir()
    (preview.site_dir / "bare" / "file.txt").write_text("x")
    listing = request(port, "/debates/bare/")
    assert listing.status == 404 and "file.txt" not in listing.text
    assert request(port, "/debates/assets/").status == 404


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("/debates/assets/style.css", "text/css; charset=utf-8"),
        ("/debates/assets/site.js", "text/javascript; charset=utf-8"),
        ("/debates/feed.xml", "application/atom+xml; charset=utf-8"),
        ("/debates/sitemap.xml", "application/xml; charset=utf-8"),
        ("/debates/robots.txt", "text/plain; charset=utf-8"),
        ("/debates/maps/open/map.svg", "image/svg+xml"),
        ("/debates/search/index/meta.js", "text/javascript; charset=utf-8"),
    ],
)
def test_files_have_their_mime_type(shared: tuple[Preview, Path], name: str, kind: str) -> None:
    preview, _ = shared
    reply = request(port_of(preview), name)
    assert reply.status == 200, name
    assert reply.headers["content-type"] == kind
    assert reply.headers["x-content-type-options"] == "nosniff"


def test_only_get_and_head_are_answered(shared: tuple[Preview, Path]) -> None:
    preview, _ = shared
    port = port_of(preview)
    get, head = request(port, "/debates/"), request(port, "/debates/", "HEAD")
    assert head.status == 200 and head.body == b""
    assert head.headers["content-length"] == get.headers["content-length"]
    for method in ("POST", "PUT", "DELETE", "PATCH", "OPTIONS"):
        reply = request(port, "/debates/", method)
        assert reply.status == 405, method
        assert reply.headers["allow"] == "GET, HEAD"


# -- safety ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/debates/../../../etc/passwd",
        "/debates/claims/../../etc/passwd",
        "/debates/%2e%2e/%2e%2e/etc/passwd",
        "/debates/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "/debates/claims/..%2f..%2fetc%2fpasswd",
        "/debates/claims%2ffaster-innovation%2findex.html",
        "/debates//etc/passwd",
        "/debates/..\\..\\etc\\passwd",
        "/debates/claims\\faster-innovation\\index.html",
        "/debates/%5c..%5cetc%5cpasswd",
        "/debates/.debatemap-build",
        "/debates/claims/.hidden",
        "/debates/claims/faster-innovation/index.html%00.css",
        "/debates/%c0%ae%c0%ae/etc/passwd",
    ],
)
def test_paths_that_could_leave_the_site_are_refused(shared: tuple[Preview, Path], path: str) -> None:
    preview, _ = shared
    reply = request(port_of(preview), path)
    assert reply.status in (400, 404), path
    assert b"root:" not in reply.body


def test_absolute_form_requests_are_confined_too(shared: tuple[Preview, Path]) -> None:
    preview, _ = shared
    port = port_of(preview)
    assert request(port, f"http://127.0.0.1:{port}/debates/../../etc/passwd").status == 404
    assert request(port, f"http://127.0.0.1:{port}/debates/claims/faster-innovation/").status == 200


def test_symlinks_out_of_the_site_are_not_followed(served: tuple[Preview, Path], tmp_path: Path) -> None:
    preview, _ = served
    secret = tmp_path / "secret.txt"
    secret.write_text("top secret")
    (preview.site_dir / "leak.txt").symlink_to(secret)
    (preview.site_dir / "leakdir").symlink_to(tmp_path, target_is_directory=True)
    port = port_of(preview)
    assert request(port, "/debates/leak.txt").status == 404
    assert request(port, "/debates/leakdir/secret.txt").status == 404


def test_requests_for_other_host_names_are_refused(shared: tuple[Preview, Path]) -> None:
    preview, _ = shared
    port = port_of(preview)
    assert request(port, "/debates/", headers={"Host": "attacker.example"}).status == 403
    assert request(port, "/debates/", headers={"Host": f"attacker.example:{port}"}).status == 403
    assert request(port, "/__debatemap/events", headers={"Host": "rebind.attacker.example"}).status == 403
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", "localhost", f"[::1]:{port}"):
        assert request(port, "/debates/", headers={"Host": host}).status == 200, host


def test_host_rule() -> None:
    assert allowed_host("127.0.0.1:8000", "127.0.0.1")
    assert allowed_host("192.168.1.20:8000", "0.0.0.0")  # an address cannot be rebound
    assert allowed_host("my-laptop:8000", "my-laptop")
    assert not allowed_host("my-laptop:8000", "127.0.0.1")
    assert not allowed_host("127.0.0.1.attacker.example", "127.0.0.1")


def test_a_taken_port_gives_a_message_not_a_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = minimal_site(tmp_path / "content")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", str(content), "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert f"port {port} on 127.0.0.1 is already in use" in err
    assert "--port 0" in err and "Traceback" not in err


def test_binding_beyond_this_machine_warns(tmp_path: Path) -> None:
    content = minimal_site(tmp_path / "content")
    log = io.StringIO()
    preview = Preview(content, host="0.0.0.0", port=0, log=log)
    preview.close()
    assert "warning: serving on 0.0.0.0" in log.getvalue()
    quiet = io.StringIO()
    Preview(content, port=0, log=quiet).close()
    assert "warning" not in quiet.getvalue()


# -- live reload -------------------------------------------------------------------------


def test_an_edit_sends_the_reload_event_and_serves_the_new_page(served: tuple[Preview, Path]) -> None:
    preview, content = served
    port = port_of(preview)
    page = request(port, "/debates/claims/faster-innovation/").text
    stream = EventStream(port, page)
    try:
        map_file = content / "maps" / "open.yaml"
        map_file.write_text(map_file.read_text().replace("Open weights speed up innovation.", "Open weights speed up science."))
        event = stream.wait_for("/claims/faster-innovation/")
        assert "/claims/misuse-risk/" not in event["paths"]  # an unrelated claim's tab stays put
    finally:
        stream.close()
    again = request(port, "/debates/claims/faster-innovation/")
    assert "Open weights speed up science." in again.text
    assert "speed up innovation" not in again.text


def test_a_broken_edit_shows_the_overlay_then_recovers(served: tuple[Preview, Path]) -> None:
    preview, content = served
    port = port_of(preview)
    map_file = content / "maps" / "open.yaml"
    good = map_file.read_text()
    stream = EventStream(port, request(port, "/debates/").text)
    try:
        map_file.write_text(good.replace("  cons:\n", "  cons:\n    - ref: <img src=x onerror=alert(1)>\n", 1))
        stream.wait_for(None)
        broken = request(port, "/debates/claims/faster-innovation/")
        assert broken.status == 200
        assert "Open weights speed up innovation." in broken.text  # the last good page, under the errors
        assert 'id="debatemap-errors"' in broken.text
        assert re.search(r"maps/open\.yaml:\d+:\d+: error\[", broken.text)
        assert "<img src=x" not in broken.text and "&lt;img src=x" in broken.text
        assert 'id="debatemap-errors"' in request(port, "/debates/no-such-page/").text
        map_file.write_text(good.replace("Weights should be open.", "Weights should be open, mostly."))
        stream.wait_for(None)
    finally:
        stream.close()
    fixed = request(port, "/debates/claims/open-weights/")
    assert 'id="debatemap-errors"' not in fixed.text
    assert "Weights should be open, mostly." in fixed.text


def test_a_burst_of_saves_ends_on_the_last_one(served: tuple[Preview, Path]) -> None:
    preview, content = served
    port = port_of(preview)
    map_file = content / "maps" / "open.yaml"
    good = map_file.read_text()
    stream = EventStream(port, request(port, "/debates/claims/faster-innovation/").text)
    try:
        for n in range(25):
            map_file.write_text(good.replace("Open weights speed up innovation.", f"Open weights speed up innovation {n}."))
            assert request(port, "/debates/").status == 200
            time.sleep(0.01)
        deadline = time.monotonic() + WAIT
        while "innovation 24." not in request(port, "/debates/claims/faster-innovation/").text:
            assert time.monotonic() < deadline, "the last save never showed"
            stream.wait_for("/claims/faster-innovation/")
    finally:
        stream.close()


def test_shutdown_ends_open_event_streams(tmp_path: Path) -> None:
    content = minimal_site(tmp_path / "content")
    preview = Preview(content, port=0, log=io.StringIO())
    preview.start()
    port = port_of(preview)
    stream = EventStream(port, request(port, "/debates/").text)
    stream.next()  # the catch-up event
    idle = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    idle.request("GET", "/debates/")
    idle.getresponse().read()  # a keep-alive connection left open, as browsers do
    ended = threading.Event()

    def read_to_end() -> None:
        try:
            while True:
                stream.next()
        except (EOFError, OSError):
            ended.set()

    reader = threading.Thread(target=read_to_end, daemon=True)
    reader.start()
    started = time.monotonic()
    preview.close()
    assert ended.wait(5), "an open event stream kept the server from stopping"
    assert time.monotonic() - started < 5
    assert not preview.site_dir.exists()  # the temporary site is deleted
    idle.close()


def test_many_concurrent_requests_all_succeed(shared: tuple[Preview, Path]) -> None:
    preview, _ = shared
    port = port_of(preview)
    paths = ["/", "/claims/faster-innovation/", "/assets/style.css", "/nope/"] * 50
    with ThreadPoolExecutor(50) as pool:
        statuses = list(pool.map(lambda p: request(port, "/debates" + p).status, paths))
    assert statuses == [404 if p == "/nope/" else 200 for p in paths]
