"""``oneonone serve`` without a browser: bad ports, the command it serves, the banner.
The browser itself is in tests/e2e/test_serve.py."""

from __future__ import annotations

import argparse
import asyncio
import os
import shlex
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from oneonone_tui.cli import serve
from oneonone_tui.cli.main import main
from oneonone_tui.cli.parser import build_parser


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "oneonone_tui", *args], capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize(
    ("port", "message"),
    [
        ("abc", "--port 'abc' is not a number (use 1-65535, e.g. --port 8000)"),
        ("70000", "--port 70000 is out of range (use 1-65535, e.g. --port 8000)"),
        ("0", "--port 0 is out of range (use 1-65535, e.g. --port 8000)"),
        ("-5", "--port -5 is out of range (use 1-65535, e.g. --port 8000)"),
    ],
)
def test_bad_port_is_one_line_and_exit_2(tmp_path: Path, port: str, message: str) -> None:
    out = run("--db", str(tmp_path / "t.db"), "serve", f"--port={port}")
    assert (out.returncode, out.stderr.strip(), out.stdout) == (
        2,
        f"oneonone: error: {message}",
        "",
    )


def test_port_in_use_is_one_line_and_exit_2(tmp_path: Path) -> None:
    pytest.importorskip("textual_serve")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        out = run("--db", str(tmp_path / "t.db"), "serve", "--port", str(port))
    assert out.returncode == 2, out
    assert out.stderr.strip() == (
        f"oneonone: error: port {port} on 127.0.0.1 is already in "
        f"use; pick another with --port (e.g. --port {port + 1})"
    )


def test_host_that_is_not_here_is_exit_2(tmp_path: Path, capsys) -> None:
    pytest.importorskip("textual_serve")
    rc = main(["--db", str(tmp_path / "t.db"), "serve", "--host", "nosuch.invalid"])
    assert rc == 2
    assert capsys.readouterr().err.startswith(
        "oneonone: error: --host 'nosuch.invalid' is not an address of this machine"
    )


def test_missing_textual_serve_says_how_to_install(
    tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)  # import fails
    rc = main(["--db", str(tmp_path / "t.db"), "serve"])
    err = capsys.readouterr().err
    assert rc == 1
    assert err == (
        "oneonone: error: 'oneonone serve' needs textual-serve; install it with: "
        "pip install 'oneonone[web]'\n"
    )


def _every_global_option(parser: argparse.ArgumentParser) -> list[str]:
    """A value for every top-level option cli.py has (including ones added later)."""
    argv: list[str] = []
    for action in parser._actions:
        if not action.option_strings or action.dest in ("help", "version"):
            continue
        flag = max(action.option_strings, key=len)
        if action.nargs == 0:
            argv.append(flag)
        else:
            argv += [flag, f"-odd value with 'quotes' and spaces for {action.dest}"]
    return argv


def test_the_served_command_repeats_every_global_option() -> None:
    parser = build_parser()
    given = [
        "--db",
        "/tmp/a team/db's.sqlite",
        "--agendas",
        "/tmp/my agendas",
        *_every_global_option(parser),
    ]
    args = parser.parse_args([*given, "serve", "--port", "8123"])
    command = shlex.split(serve.app_command(parser, args))
    script = serve.console_script()
    assert command[: len(script)] == script
    forwarded = command[len(script) :]
    again = parser.parse_args(forwarded)
    assert again.command is None  # the app itself: no sub-command, no serve options
    for action in parser._actions:
        if action.option_strings and action.dest not in ("help", "version", "db"):
            assert getattr(again, action.dest) == getattr(args, action.dest), action.dest
    # the database reaches the app processes through ONEONONE_DB, never their argv (ps)
    assert again.db is None and not any("db's.sqlite" in a for a in forwarded)


def test_defaults_are_not_repeated() -> None:
    parser = build_parser()
    args = parser.parse_args(["serve"])
    assert serve.global_argv(parser, args) == []


def test_the_banner_never_shows_the_database_password(
    tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The URL is printed; a PostgreSQL password is not (nor is textual-serve's banner,
    which would repeat the whole command)."""
    server_module = pytest.importorskip("textual_serve.server")
    seen: dict[str, object] = {}

    def fake_serve(self, debug: bool = False) -> None:
        seen["command"] = self.command
        seen["page"] = (Path(self.templates_path) / "app_index.html").read_text()
        asyncio.run(self.on_startup(None))

    monkeypatch.setattr(server_module.Server, "serve", fake_serve)
    monkeypatch.setenv("ONEONONE_ALLOW_NO_TTY", "")  # run() sets it for the app processes
    monkeypatch.setattr("oneonone_tui.cli.serve.open_store", lambda settings: None)
    monkeypatch.delenv("ONEONONE_DB", raising=False)  # run() sets it for the app processes
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = "postgresql://ann:s3cret-pw@127.0.0.1:5999/team"
    rc = main(["--db", url, "serve", "--port", str(port)])
    out = capsys.readouterr()
    assert rc == 0
    assert f"serving the app at http://127.0.0.1:{port}/?token=" in out.out
    assert "postgresql://ann:***@127.0.0.1:5999/team" in out.out
    assert "s3cret" not in out.out + out.err
    # the app needs the URL: in its environment, not in its command line (ps shows that)
    assert "s3cret" not in str(seen["command"]) and "--db" not in str(seen["command"])
    assert os.environ["ONEONONE_DB"] == url
    page = str(seen["page"])
    assert "fonts.googleapis.com" not in page and "RobotoMono-VariableFont_wght.ttf" in page


@pytest.mark.parametrize(
    ("host", "url", "loopback"),
    [
        ("127.0.0.1", "http://127.0.0.1:8000", True),
        ("localhost", "http://localhost:8000", True),
        ("::1", "http://[::1]:8000", True),
        ("0.0.0.0", "http://0.0.0.0:8000", False),
    ],
)
def test_urls_and_loopback(host: str, url: str, loopback: bool) -> None:
    assert serve.public_url(host, 8000) == url
    assert serve.is_loopback(host) is loopback
