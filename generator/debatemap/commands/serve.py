"""``debatemap serve``: the live preview."""

from __future__ import annotations

import argparse

from ..diagnostics import UsageError
from .common import EXIT_OK, content_root


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    serve = commands.add_parser("serve", help="preview the site locally; rebuilds and reloads the browser on every save")
    serve.add_argument("content", nargs="?", default="content", help="the content folder (default: content)")
    serve.add_argument("--host", default="127.0.0.1", help="the address to listen on (default: 127.0.0.1, this machine only)")
    serve.add_argument("--port", type=int, default=8000, help="the port (default: 8000; 0 picks a free one)")
    serve.add_argument("--open", action="store_true", help="open the site in the web browser")
    serve.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if not 0 <= args.port <= 65535:
        raise UsageError(f"--port {args.port} is not a port number (0 to 65535; 0 picks a free one)")
    import webbrowser  # noqa: PLC0415 - the imports of one command load only for it (startup time)

    from ..serve import Preview  # noqa: PLC0415

    preview = Preview(content_root(args.content, "debatemap serve {}"), host=args.host, port=args.port)
    preview.run(on_ready=webbrowser.open if args.open else None)
    return EXIT_OK
