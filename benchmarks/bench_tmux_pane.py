"""The one terminal every app is measured in: a private tmux server with one 120x40
pane, read with ``capture-pane`` and driven with ``send-keys``."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from bench_common import HEIGHT, WIDTH, BenchError, read_or_empty

POLL = 0.010  # seconds between two looks at the pane
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


class Pane:
    """A private tmux server (its own socket) with one 120x40 pane, status bar off."""

    def __init__(self, env: dict[str, str]) -> None:
        self.socket = f"oneonone-bench-{os.getpid()}"
        self.env = env
        self.tmux(
            "new-session", "-d", "-s", "bench", "-x", str(WIDTH), "-y", str(HEIGHT), "sleep 100000"
        )
        for option in (("remain-on-exit", "on"), ("status", "off"), ("window-size", "manual")):
            self.tmux("set-option", "-t", "bench", *option)
        self.tmux("resize-window", "-t", "bench", "-x", str(WIDTH), "-y", str(HEIGHT))
        size = self.tmux(
            "display-message", "-p", "-t", "bench", "#{pane_width}x#{pane_height}"
        ).stdout.strip()
        if size != f"{WIDTH}x{HEIGHT}":
            raise BenchError(f"the tmux pane is {size}, not {WIDTH}x{HEIGHT}")
        self.socket_path = self.tmux(
            "display-message", "-p", "#{socket_path}", check=False
        ).stdout.strip()

    def tmux(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["tmux", "-u", "-L", self.socket, *args],
            capture_output=True,
            text=True,
            check=check,
            env={**os.environ, "LANG": "C.UTF-8"},
        )

    def launch(self, argv: list[str]) -> float:
        """Replace what runs in the pane by ``argv`` (under ``env -i``); the launch time."""
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in self.env.items())
        command = f"exec env -i {exports} " + " ".join(shlex.quote(a) for a in argv)
        self.tmux("clear-history", "-t", "bench", check=False)
        started = time.perf_counter()
        self.tmux("respawn-pane", "-k", "-t", "bench", command)
        return started

    def stop(self) -> None:
        self.tmux("respawn-pane", "-k", "-t", "bench", "sleep 100000", check=False)

    def text(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "bench", check=False).stdout

    def keys(self, *keys: str) -> float:
        started = time.perf_counter()
        self.tmux("send-keys", "-t", "bench", *keys)
        return started

    def literal(self, text: str) -> float:
        started = time.perf_counter()
        self.tmux("send-keys", "-t", "bench", "-l", text)
        return started

    def wait(
        self, check: Callable[[str], bool] | str, since: float | None = None, timeout: float = 60.0
    ) -> float:
        """Seconds from ``since`` until the pane shows what ``check`` wants (polled every
        ~10 ms); raises with the screen after ``timeout``."""
        if isinstance(check, str):
            needle = check
            check = lambda screen: needle in screen  # noqa: E731
        since = time.perf_counter() if since is None else since
        next_look = time.perf_counter()
        while True:
            screen = self.text()
            now = time.perf_counter()
            if check(screen):
                return now - since
            if now - since > timeout:
                raise BenchError(f"timed out waiting on the pane; it shows:\n{screen}")
            next_look += POLL
            pause = next_look - time.perf_counter()
            if pause > 0:
                time.sleep(pause)
            else:
                next_look = time.perf_counter()

    def dead(self) -> bool:
        return (
            self.tmux("display-message", "-p", "-t", "bench", "#{pane_dead}").stdout.strip() == "1"
        )

    def wait_dead(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while not self.dead():
            if time.monotonic() > deadline:
                raise BenchError("the app did not exit")
            time.sleep(0.05)

    def python_pid(self) -> int:
        """The pane's process, or its deepest python child (``exec`` keeps them one)."""
        pid = int(self.tmux("display-message", "-p", "-t", "bench", "#{pane_pid}").stdout.strip())
        for _ in range(5):
            if "python" in read_or_empty(f"/proc/{pid}/cmdline").replace("\0", " "):
                return pid
            children = read_or_empty(f"/proc/{pid}/task/{pid}/children").split()
            if not children:
                break
            pid = int(children[0])
        return pid

    def cpu_seconds(self) -> float:
        """user + system CPU time the pane's process has used so far."""
        stat = read_or_empty(f"/proc/{self.python_pid()}/stat")
        fields = stat.rsplit(")", 1)[-1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS if len(fields) > 12 else 0.0

    def wait_idle(self, window: float = 0.3, busy: float = 0.06, timeout: float = 10.0) -> None:
        """Until the pane's process used under ``busy`` s of CPU in ``window`` s (20%: an
        open meeting's 4 Hz clock alone stays below): what an action started before (a
        screen reload, say) has finished."""
        deadline = time.monotonic() + timeout
        last = self.cpu_seconds()
        while time.monotonic() < deadline:
            time.sleep(window)
            now = self.cpu_seconds()
            if now - last < busy:
                return
            last = now

    def peak_rss_kb(self) -> int:
        status = read_or_empty(f"/proc/{self.python_pid()}/status")
        found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.M)
        if not found:
            raise BenchError("cannot read VmHWM of the pane's process")
        return int(found.group(1))

    def close(self) -> None:
        self.tmux("kill-server", check=False)
        if self.socket_path:
            Path(self.socket_path).unlink(missing_ok=True)
