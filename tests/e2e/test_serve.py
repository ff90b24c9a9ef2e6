"""End to end: ``oneonone serve`` in headless Chromium (the system browser, driven by
Selenium through the system chromedriver: nothing is downloaded).

The page draws the app on a canvas (xterm.js); the test reads the terminal's own text
buffer, which a script installed before the page's scripts hands over, and keeps
screenshots under ``tests/e2e/artifacts/`` (or ``$ONEONONE_ARTIFACTS``)."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from .tmux import CONSOLE_SCRIPT, app_env

pytestmark = pytest.mark.e2e

CHROMIUM = os.environ.get("ONEONONE_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("ONEONONE_CHROMEDRIVER", "/usr/bin/chromedriver")
ARTIFACTS = Path(os.environ.get("ONEONONE_ARTIFACTS") or Path(__file__).parent / "artifacts")
REPS = ["Dana Scully", "Fox Mulder", "Walter Skinner"]

# Runs before the page's own scripts: textual.js keeps its xterm.js Terminal in a
# closure, so catch it as it is stored (``this.terminal = new Terminal(...)``).
CATCH_TERMINAL = """
window.__oneononeTerminals = [];
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  set(value) {
    Object.defineProperty(this, "terminal",
      {value, writable: true, configurable: true, enumerable: true});
    if (value && value.buffer && value.buffer.active) window.__oneononeTerminals.push(value);
  },
});
"""
SCREEN_TEXT = """
const term = window.__oneononeTerminals[0];
if (!term) return null;
const buf = term.buffer.active, rows = [];
for (let y = 0; y < term.rows; y++) {
  const line = buf.getLine(buf.viewportY + y);
  rows.push(line ? line.translateToString(true) : "");
}
return rows.join("\\n");
"""


def require_browser() -> None:
    """Skip without Chromium, chromedriver, selenium or textual-serve; fail on CI, where
    .ci/run installs the browser and the test extra the rest."""
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not Path(p).is_file()]
    for module in ("selenium", "textual_serve"):
        try:
            __import__(module)
        except ImportError:
            missing.append(f"python package {module} (pip install -e '.[test]')")
    if missing:
        reason = "missing for the browser test: " + ", ".join(missing)
        if os.environ.get("CI"):
            pytest.fail(f"{reason} — on CI, .ci/run must install chromium and chromium-driver")
        pytest.skip(f"{reason} (apt-get install chromium chromium-driver)")
    if not CONSOLE_SCRIPT.exists():
        pytest.fail(f"the console script {CONSOLE_SCRIPT} is not installed (pip install -e .)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(
    what: str, probe: Callable[[], Any], timeout: float, describe: Callable[[], str] = lambda: ""
) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = probe()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"{what} within {timeout:.0f} s\n{describe()}")


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    environment = app_env(tmp_path)
    # the database reaches the app processes only through the forwarded --db
    environment.pop("ONEONONE_DB")
    return environment


def make_team(db: Path, env: dict[str, str]) -> Path:
    for name in REPS:
        subprocess.run(
            [str(CONSOLE_SCRIPT), "--db", str(db), "rep", "add", name],
            env=env,
            check=True,
            capture_output=True,
            timeout=30,
        )
    return db


@pytest.fixture
def team_db(tmp_path: Path, env: dict[str, str]) -> Path:
    require_browser()
    return make_team(tmp_path / "team.db", env)


@contextlib.contextmanager
def serving(db: Path, env: dict[str, str], log: Path, *extra: str) -> Iterator[tuple[str, str]]:
    """``oneonone --db DB serve --port N [EXTRA]`` on loopback: (its base URL, the address
    it printed, with the token); stopped (with every app process it started) whatever
    happens."""
    port = free_port()
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [str(CONSOLE_SCRIPT), "--db", str(db), "serve", "--port", str(port), *extra],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until(
            f"the server printing {url}/?token=",
            lambda: proc.poll() is not None or f"{url}/?token=" in log.read_text(errors="replace"),
            30,
            lambda: log.read_text(errors="replace"),
        )
        assert proc.poll() is None, f"the server exited:\n{log.read_text(errors='replace')}"
        printed = log.read_text(errors="replace").split("serving the app at ", 1)[1]
        address = printed.split()[0]

        def listening() -> bool:
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", port), timeout=1),
            ):
                return True
            return False

        wait_until("the server accepting connections", listening, 30)
        yield url, address
    finally:
        # Ctrl+C first (the app processes are told to quit), then the whole group
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGINT)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=10)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


@pytest.fixture
def server(team_db: Path, env: dict[str, str], tmp_path: Path) -> Iterator[tuple[str, str, Path]]:
    log = tmp_path / "serve.log"
    with serving(team_db, env, log) as (url, address):
        yield url, address, log


@pytest.fixture
def browser() -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1280,800",
        "--no-first-run",
        "--disable-extensions",
        "--disable-background-networking",
    ):
        options.add_argument(arg)
    # an explicit driver path: Selenium Manager (which downloads) is never asked
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": CATCH_TERMINAL})
    try:
        yield driver
    finally:
        driver.quit()


def screenshot(driver: Any, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    driver.save_screenshot(str(path))
    print(f"screenshot: {path}")
    return path


def test_serve_shows_the_team_in_a_browser_and_takes_keys(
    server: tuple[str, str, Path], browser: Any
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    url, address, log = server
    started = time.monotonic()
    browser.get(address)  # with the token: exchanged for a cookie, then the page

    def screen() -> str:
        return browser.execute_script(SCREEN_TEXT) or ""

    def on_screen(*needles: str, timeout: float = 30) -> str:
        return wait_until(
            f"{needles} on the page",
            lambda: (text := screen()) and all(n in text for n in needles) and text,
            timeout,
            lambda: (
                f"page text:\n{screen()}\nserver log:\n{log.read_text(errors='replace')[-3000:]}"
            ),
        )

    on_screen(*REPS, "your team", "3 reps")
    home_shot = screenshot(browser, "serve-home.png")

    # the page needs nothing but this server: no CDN, no web font from elsewhere
    loaded = browser.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
    )
    assert loaded, "the page loaded no resources at all?"
    assert all(name.startswith(url + "/") for name in loaded), loaded
    assert browser.execute_script("return document.fonts.check('16px \"Roboto Mono\"')"), (
        "bundled font not loaded"
    )

    keyboard = browser.find_element(By.CSS_SELECTOR, ".xterm-helper-textarea")
    keyboard.send_keys(Keys.F1)
    on_screen("Keys on this screen", "Esc closes this help.")
    help_shot = screenshot(browser, "serve-help.png")
    keyboard.send_keys(Keys.ESCAPE)
    wait_until("the help closing", lambda: "Esc closes this help." not in screen(), 15, screen)

    for shot in (home_shot, help_shot):
        assert shot.stat().st_size > 10_000, f"{shot} looks empty"
    assert time.monotonic() - started < 60
    # (that the printed line never holds a database password: tests/unit/test_serve_cli.py)
    output = log.read_text(errors="replace")
    assert f"serving the app at {url}/?token=" in output
    assert browser.current_url == url + "/"  # the token left the address bar
    assert "Traceback" not in output, output
