"""``oneonone serve``: the same app in a browser, through textual-serve.

Every browser tab that opens the page gets its own ``oneonone`` process (the installed
console script, with the global options this command was given), which draws into an
xterm.js terminal in the page over a websocket. textual-serve (and aiohttp with it) is
imported only when the server starts, so the rest of the CLI never pays for it.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
from pathlib import Path
from typing import Any

from oneonone_tui.cli.errors import EXIT_ERROR, EXIT_OK, EXIT_USAGE
from oneonone_tui.cli.serve_guard import DEFAULT_MAX_SESSIONS, Guard
from oneonone_tui.paths import ENV_DB
from oneonone_tui.services.settings import Settings, agenda_entries, open_store

DEFAULT_PORT, DEFAULT_HOST = 8000, "127.0.0.1"
INSTALL_HINT = "pip install 'oneonone[web]'"

# textual-serve's page asks Google Fonts for Roboto Mono, which the package itself ships
# (static/fonts): the page is served with that link replaced by the bundled files, so it
# needs nothing beyond this server.
_LOCAL_FONTS = """<link rel="preload" as="font" type="font/ttf" crossorigin
      href="{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf" />
    <style>
      @font-face {
        font-family: "Roboto Mono";
        font-style: normal;
        font-weight: 100 700;
        src: url("{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf")
          format("truetype");
      }
      @font-face {
        font-family: "Roboto Mono";
        font-style: italic;
        font-weight: 100 700;
        src: url("{{ config.static.url }}fonts/RobotoMono-Italic-VariableFont_wght.ttf")
          format("truetype");
      }
    </style>
    <title>oneonone</title>"""


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add ``serve`` to the ``oneonone`` sub-commands."""
    parser = subparsers.add_parser(
        "serve",
        help=f"the app in a browser on this machine (needs {INSTALL_HINT})",
        description="Serve the app to a web browser through textual-serve. Each browser tab "
        "runs its own oneonone with the same global options (--db, --agendas, "
        "...). The address it prints carries a random token; without it the "
        "page and its websocket are refused, and so is any other web site.",
    )
    parser.add_argument(
        "--port",
        default=str(DEFAULT_PORT),
        metavar="PORT",
        help=f"TCP port, 1-65535 (default {DEFAULT_PORT})",
    )
    parser.add_argument(
        "--host",
        default=DEFAULT_HOST,
        metavar="HOST",
        help=f"address to listen on (default {DEFAULT_HOST}, loopback only)",
    )
    parser.add_argument(
        "--max-sessions",
        default=str(DEFAULT_MAX_SESSIONS),
        metavar="N",
        help=f"browser tabs served at once, each an app process (default {DEFAULT_MAX_SESSIONS})",
    )
    parser.add_argument(
        "--public-url",
        metavar="URL",
        help="the address browsers use when a TLS proxy stands in front "
        "(https://oneonone.example.com)",
    )
    return parser


class PortError(ValueError):
    """A port that cannot be used: a usage error (exit 2)."""


def parse_port(text: str) -> int:
    """The port number in ``text``, or :class:`PortError` saying why not."""
    try:
        port = int(str(text).strip())
    except ValueError:
        raise PortError(
            f"--port {text!r} is not a number (use 1-65535, e.g. --port 8000)"
        ) from None
    if not 1 <= port <= 65535:
        raise PortError(f"--port {port} is out of range (use 1-65535, e.g. --port 8000)")
    return port


def parse_sessions(text: str) -> int:
    """``--max-sessions``: a whole number from 1 to 50."""
    try:
        value = int(str(text).strip())
    except ValueError:
        value = 0
    if not 1 <= value <= 50:
        raise PortError(f"--max-sessions {text!r} must be a whole number from 1 to 50")
    return value


def parse_public_url(text: str | None) -> str | None:
    """``--public-url``: an http(s) address without a path, or None."""
    if text is None:
        return None
    from urllib.parse import urlsplit

    parts = urlsplit(text.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.path not in ("", "/"):
        raise PortError(
            f"--public-url {text!r} must be an address like https://oneonone.example.com"
        )
    return f"{parts.scheme}://{parts.netloc}"


def check_port_free(host: str, port: int) -> None:
    """Bind ``host:port`` the way the server will (and let go at once), so that a port in
    use or an address this machine does not have is one clear line, not a traceback."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise PortError(
            f"--host {host!r} is not an address of this machine ({exc.strerror})"
        ) from None
    for family, kind, proto, _name, address in infos:
        with socket.socket(family, kind, proto) as sock:
            if os.name == "posix":
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                sock.bind(address)
            except OSError as exc:
                raise PortError(_bind_problem(host, port, exc)) from None


def _bind_problem(host: str, port: int, exc: OSError) -> str:
    if exc.errno == errno.EADDRINUSE:
        return (
            f"port {port} on {host} is already in use; pick another with --port "
            f"(e.g. --port {port + 1 if port < 65535 else 8000})"
        )
    if exc.errno == errno.EACCES:
        return f"not allowed to listen on port {port} (ports below 1024 need root); use --port"
    if exc.errno == errno.EADDRNOTAVAIL:
        return f"--host {host!r} is not an address of this machine"
    return f"cannot listen on {host}:{port}: {exc.strerror or exc}"


def is_loopback(host: str) -> bool:
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def public_url(host: str, port: int) -> str:
    """The address a browser on this machine uses (IPv6 literals in brackets)."""
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{shown}:{port}"


def console_script() -> list[str]:
    """The command that starts this same oneonone: the console script that is running
    (or the one installed beside this Python), else ``python -m oneonone_tui``."""
    argv0 = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if argv0 is not None and argv0.name == "oneonone" and argv0.is_file():
        return [str(argv0.resolve())]
    import shutil

    beside = Path(sys.executable).parent / "oneonone"
    if beside.is_file():
        return [str(beside)]
    found = shutil.which("oneonone")
    if found:
        return [found]
    return [sys.executable, "-m", "oneonone_tui"]


def global_argv(parser: argparse.ArgumentParser, args: argparse.Namespace) -> list[str]:
    """The top-level options the user gave (``--db``, ``--agendas``, and any added later),
    as arguments for the app processes. Options left at their default are not repeated
    (their environment variables reach the app processes as they are)."""
    out: list[str] = []
    for action in parser._actions:
        if not action.option_strings or action.dest in ("help", "version", "db"):
            continue  # the database goes through the environment (ONEONONE_DB), not argv
        value = getattr(args, action.dest, None)
        if value is None or value == action.default:
            continue
        flag = max(action.option_strings, key=len)
        if isinstance(action, argparse._CountAction):
            out.extend([flag] * value)
        elif action.nargs == 0:  # store_true / store_false / store_const
            out.append(flag)
        elif isinstance(action, argparse._AppendAction):
            out.extend(f"{flag}={item}" for item in value)
        elif isinstance(value, list):  # nargs="+" / "*" / N
            out.extend([flag, *map(str, value)])
        else:
            out.append(f"{flag}={value}")  # one token: a value starting with '-' stays one
    return out


def app_command(parser: argparse.ArgumentParser, args: argparse.Namespace) -> str:
    """The shell command textual-serve runs for each browser session."""
    import shlex

    return shlex.join([*console_script(), *global_argv(parser, args)])


def _page_templates(into: Path) -> Path:
    """textual-serve's page template with the bundled fonts instead of Google Fonts."""
    import re

    import textual_serve

    source = Path(textual_serve.__file__).parent / "templates" / "app_index.html"
    html = re.sub(
        r"<link[^>]*fonts\.googleapis\.com[^>]*>",
        lambda _m: _LOCAL_FONTS,
        source.read_text(encoding="utf-8"),
    )
    into.mkdir(parents=True, exist_ok=True)
    (into / "app_index.html").write_text(html, encoding="utf-8")
    return into


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Validate, then serve until Ctrl+C. 0 when stopped, 2 for a bad --port/--host.
    ``args.parser`` is the parser that read ``args`` (the global options are repeated for
    each browser session)."""
    import tempfile

    from oneonone_tui.store.database import describe_target

    host = args.host.strip()
    try:
        port = parse_port(args.port)
    except PortError as exc:
        print(f"oneonone: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        from aiohttp import web
        from textual_serve.server import Server
    except ImportError as exc:
        # textual-serve itself, or (a broken install) one of its own dependencies
        missing = (
            ""
            if (exc.name or "textual_serve").startswith("textual_serve")
            else f" ({exc.name} is missing)"
        )
        print(
            f"oneonone: error: 'oneonone serve' needs textual-serve{missing}; install it "
            f"with: {INSTALL_HINT}",
            file=sys.stderr,
        )
        return EXIT_ERROR
    # a database or agendas folder that cannot be used is said here, once, rather than
    # in the server log each time a browser tab starts an app that exits at once
    open_store(settings)
    agenda_entries(settings)
    try:
        check_port_free(host, port)
    except PortError as exc:
        print(f"oneonone: error: {exc}", file=sys.stderr)
        return EXIT_USAGE

    try:
        sessions = parse_sessions(args.max_sessions)
        public = parse_public_url(args.public_url)
    except PortError as exc:
        print(f"oneonone: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    url = public_url(host, port)
    guard = Guard(url, public or url, sessions)
    address = guard.address(public or url)
    command = app_command(args.parser, args)
    database = describe_target(settings.db)

    class OneOnOneServer(Server):
        async def _make_app(self) -> Any:
            @web.middleware
            async def guarded(request: Any, handler: Any) -> Any:
                return await guard.middleware(request, handler)

            app = await super()._make_app()
            app.middlewares.append(guarded)
            return app

        async def on_startup(self, app: object) -> None:
            # textual-serve's banner repeats the command, database URL and password
            # included: this one says where, never the password
            print(f"oneonone: serving the app at {address}  (database {database})", flush=True)
            if not is_loopback(host):
                print(
                    f"oneonone: warning: listening on {host}: anyone who can reach it and "
                    "has the address above (with its token) opens every note",
                    file=sys.stderr,
                    flush=True,
                )
            print(
                "oneonone: open the address in a browser (it holds this start's token); "
                "Ctrl+C stops the server",
                flush=True,
            )

    # the app processes write to textual-serve's pipes, not to a terminal; they find the
    # database in their environment, never in their command line (ps shows that)
    os.environ["ONEONONE_ALLOW_NO_TTY"] = "1"
    os.environ[ENV_DB] = settings.db
    with tempfile.TemporaryDirectory(prefix="oneonone-serve-") as tmp:
        server = OneOnOneServer(
            command,
            host=host,
            port=port,
            title="oneonone",
            public_url=public or url,
            templates_path=_page_templates(Path(tmp)),
        )
        try:
            server.serve()
        except OSError as exc:  # lost the race for the port since check_port_free
            if exc.errno not in (errno.EADDRINUSE, errno.EACCES, errno.EADDRNOTAVAIL):
                raise
            print(f"oneonone: error: {_bind_problem(host, port, exc)}", file=sys.stderr)
            return EXIT_USAGE
    return EXIT_OK
