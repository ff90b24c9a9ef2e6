"""``oneonone serve`` refuses every other web page: no token, a wrong token, a foreign
Origin or Host are turned away; the right token is a cookie and the team; sessions are
capped; the database never appears on an app process's command line. Driven with a
websocket client against the installed console script (no browser needed)."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import aiohttp
import pytest

from .test_serve import REPS, make_team, serving
from .tmux import CONSOLE_SCRIPT, app_env

pytestmark = pytest.mark.e2e


async def _page(url: str, *, cookies: dict[str, str] | None = None, **headers: str):
    async with (
        aiohttp.ClientSession(cookies=cookies) as session,
        session.get(url, headers=headers, allow_redirects=False) as response,
    ):
        return response.status, await response.text(), response.headers


async def _websocket(base: str, token: str | None, origin: str | None, seconds: float = 20):
    """(HTTP status of the handshake, what the app drew until a rep's name showed)."""
    headers = {"Origin": origin} if origin else {}
    cookies = {"oneonone_token": token} if token else None
    async with aiohttp.ClientSession(cookies=cookies) as session:
        try:
            ws = await session.ws_connect(f"{base}/ws?width=120&height=35", headers=headers)
        except aiohttp.WSServerHandshakeError as exc:
            return exc.status, b"", None
        drawn = b""
        try:
            async with asyncio.timeout(seconds):
                async for message in ws:
                    drawn += message.data if isinstance(message.data, bytes) else b""
                    if REPS[0].encode() in drawn:
                        break
        except TimeoutError:
            pass
        return 101, drawn, ws


def test_only_the_printed_address_opens_the_team(tmp_path: Path):
    if not CONSOLE_SCRIPT.exists():
        pytest.fail("the console script is not installed (pip install -e .)")
    env = app_env(tmp_path)
    env.pop("ONEONONE_DB")
    db = make_team(tmp_path / "team.db", env)
    with serving(db, env, tmp_path / "serve.log", "--max-sessions", "1") as (base, address):
        token = address.split("?token=", 1)[1]
        assert len(token) >= 32

        async def walk() -> None:
            status, text, _ = await _page(base + "/")
            assert status == 403 and "?token=" in text and REPS[0] not in text
            status, _, _ = await _page(base + "/?token=wrong")
            assert status == 403
            status, _, headers = await _page(address)
            assert status == 302 and headers["Location"] == "/"
            cookie = headers["Set-Cookie"]
            assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and token in cookie
            status, _, _ = await _page(base + "/", cookies={"oneonone_token": token})
            assert status == 200
            status, _, _ = await _page(
                base + "/", cookies={"oneonone_token": token}, Host="evil.example"
            )
            assert status == 403  # DNS rebinding: another name for this address

            for bad_token, origin in (
                (None, base),
                ("wrong", base),
                (token, "http://evil.example"),
                (token, None),
            ):
                status, drawn, _ = await _websocket(base, bad_token, origin, seconds=3)
                assert status == 403 and drawn == b"", (bad_token, origin)

            status, drawn, live = await _websocket(base, token, base)
            assert status == 101 and REPS[0].encode() in drawn
            children = _app_processes()
            assert children, "no app process for the session"
            assert all("--db" not in argv and str(db) not in argv for argv in children)
            full, _, _ = await _websocket(base, token, base, seconds=3)
            assert full == 503  # one session at a time here (--max-sessions 1)
            await live.close()

        asyncio.run(walk())


def _app_processes() -> list[str]:
    """The command lines of the app processes the server started (not the server)."""
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            argv = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if str(CONSOLE_SCRIPT) in argv and " serve " not in argv and "pytest" not in argv:
            found.append(argv)
    return found


def test_bad_serve_options_are_one_line(tmp_path: Path):
    import subprocess

    for args, says in (
        (["--max-sessions", "0"], "--max-sessions '0' must be a whole number from 1 to 50"),
        (["--public-url", "ftp://x"], "--public-url 'ftp://x' must be an address like"),
    ):
        out = subprocess.run(
            [str(CONSOLE_SCRIPT), "--db", str(tmp_path / "t.db"), "serve", *args],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert out.returncode == 2 and says in out.stderr and "Traceback" not in out.stderr
