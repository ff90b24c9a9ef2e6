"""A throwaway PostgreSQL server for the test session: initdb on a temporary data
directory, a free port on loopback, stopped at the end. Used by the storage and CLI
tests' ``postgresql`` parameter; skipped (with the reason) only when PostgreSQL cannot
be started, and a failure on CI, where .ci/run installs it."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

PASSWORD = "test-only-secret"


def _bin(name: str) -> str | None:
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    return candidates[0] if candidates else shutil.which(name)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresServer:
    def __init__(self) -> None:
        self.dir: Path | None = None
        self.url: str | None = None
        self.reason = ""
        self._as: list[str] = []

    def start(self) -> bool:
        initdb, pg_ctl = _bin("initdb"), _bin("pg_ctl")
        if not initdb or not pg_ctl:
            self.reason = "PostgreSQL server binaries not found (apt-get install postgresql)"
            return False
        self.dir = Path(tempfile.mkdtemp(prefix="oneonone-pg-"))
        if os.geteuid() == 0:  # postgres refuses to run as root
            try:
                user = pwd.getpwnam("postgres")
            except KeyError:
                self.reason = "running as root and there is no 'postgres' user"
                return False
            os.chown(self.dir, user.pw_uid, user.pw_gid)
            self._as = ["runuser", "-u", "postgres", "--"]
        data = self.dir / "data"
        pwfile = self.dir / "pw"
        pwfile.write_text(PASSWORD)
        if self._as:
            os.chown(pwfile, pwd.getpwnam("postgres").pw_uid, -1)
        port = _free_port()
        steps = [
            [
                *self._as,
                initdb,
                "-D",
                str(data),
                "-U",
                "oneonone",
                "-A",
                "scram-sha-256",
                f"--pwfile={pwfile}",
                "--no-sync",
                "-E",
                "UTF8",
                "--locale=C",
            ],
            [
                *self._as,
                pg_ctl,
                "-D",
                str(data),
                "-l",
                str(self.dir / "log"),
                "-w",
                "-t",
                "30",
                "-o",
                f"-p {port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off "
                "-c max_connections=50",
                "start",
            ],
        ]
        for step in steps:
            out = subprocess.run(step, capture_output=True, text=True)
            if out.returncode != 0:
                self.reason = (
                    f"{Path(step[len(self._as)]).name} failed: "
                    + (out.stderr.strip() or out.stdout.strip())[-300:]
                )
                return False
        self.url = f"postgresql://oneonone:{PASSWORD}@127.0.0.1:{port}/postgres"
        for _ in range(50):
            try:
                import psycopg2

                psycopg2.connect(self.url).close()
                return True
            except Exception as exc:  # server still starting
                self.reason = str(exc)
                time.sleep(0.1)
        return False

    def reset(self) -> None:
        """An empty database for the next test."""
        import psycopg2

        con = psycopg2.connect(self.url)
        con.autocommit = True
        with con.cursor() as cur:
            cur.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
        con.close()

    def stop(self) -> None:
        if self.dir is None:
            return
        pg_ctl = _bin("pg_ctl")
        if pg_ctl and (self.dir / "data").exists():
            subprocess.run(
                [*self._as, pg_ctl, "-D", str(self.dir / "data"), "-m", "fast", "-w", "stop"],
                capture_output=True,
            )
        shutil.rmtree(self.dir, ignore_errors=True)
