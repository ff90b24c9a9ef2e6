"""Drive the installed ``oneonone`` in a real terminal: tmux send-keys and capture-pane."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from oneonone_tui.domain.clock import ENV_NOW

from ..helpers import PINNED_NOW

CONSOLE_SCRIPT = Path(sys.executable).parent / "oneonone"


def require_tmux() -> None:
    if shutil.which("tmux") is None:
        if os.environ.get("CI"):
            pytest.fail("tmux is missing on CI: .ci/run must install it")
        pytest.skip("tmux is not installed (apt-get install tmux)")
    if not CONSOLE_SCRIPT.exists():
        pytest.fail(f"the console script {CONSOLE_SCRIPT} is not installed (pip install -e .)")


class Terminal:
    """One tmux session running one command; ``text()`` is what a person would see."""

    def __init__(self, env: dict[str, str], width: int = 120, height: int = 35) -> None:
        self.name = f"oneonone-e2e-{uuid.uuid4().hex[:8]}"
        self.env = env
        self.width, self.height = width, height
        self.started = False

    def _tmux(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(["tmux", *args], capture_output=True, text=True, check=check)

    def start(self, *args: str) -> None:
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in self.env.items())
        command = f"env -i {exports} {shlex.quote(str(CONSOLE_SCRIPT))} " + " ".join(
            shlex.quote(a) for a in args
        )
        if not self.started:
            self._tmux(
                "new-session",
                "-d",
                "-s",
                self.name,
                "-x",
                str(self.width),
                "-y",
                str(self.height),
                command,
            )
            self._tmux("set-option", "-t", self.name, "remain-on-exit", "on")
            self._tmux("set-option", "-t", self.name, "window-size", "manual")
            self._tmux(
                "resize-window", "-t", self.name, "-x", str(self.width), "-y", str(self.height)
            )
            self.started = True
        else:
            self._tmux("respawn-pane", "-k", "-t", self.name, command)

    def resize(self, width: int, height: int) -> None:
        self._tmux("resize-window", "-t", self.name, "-x", str(width), "-y", str(height))

    def text(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", self.name, check=False).stdout

    def wait_for(self, needle: str, timeout: float = 15.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.text()
            if needle in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{needle!r} did not appear on screen:\n{self.text()}")

    def wait_gone(self, needle: str, timeout: float = 15.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if needle not in self.text():
                return
            time.sleep(0.05)
        raise AssertionError(f"{needle!r} stayed on screen:\n{self.text()}")

    def keys(self, *keys: str) -> None:
        self._tmux("send-keys", "-t", self.name, *keys)

    def type(self, text: str) -> None:
        self._tmux("send-keys", "-t", self.name, "-l", text)

    def pid(self) -> int:
        return int(
            self._tmux("display-message", "-p", "-t", self.name, "#{pane_pid}").stdout.strip()
        )

    def kill9(self) -> None:
        os.kill(self.pid(), 9)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if (
                self._tmux("display-message", "-p", "-t", self.name, "#{pane_dead}").stdout.strip()
                == "1"
            ):
                return
            time.sleep(0.05)
        raise AssertionError("the app did not die")

    def close(self) -> None:
        if self.started:
            self._tmux("kill-session", "-t", self.name, check=False)


def app_env(tmp_path: Path) -> dict[str, str]:
    return {
        "ONEONONE_DB": str(tmp_path / "team.db"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "HOME": str(tmp_path),
        "TERM": "xterm-256color",
        "PATH": os.environ.get("PATH", ""),
        "LANG": "C.UTF-8",
        ENV_NOW: PINNED_NOW,  # the app's "today" is the fixtures' today, whatever the date
    }
