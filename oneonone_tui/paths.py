"""Where oneonone keeps its files, and how it creates them privately.

One-on-one notes are personnel records: directories are created 0700 and the
database file 0600 before anything is written to them.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "oneonone"
ENV_DB = "ONEONONE_DB"
ENV_AGENDAS = "ONEONONE_AGENDAS"


def data_dir() -> Path:
    """The user data dir (platformdirs), where the default database lives."""
    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def config_dir() -> Path:
    """The user config dir (platformdirs), where the manager's agenda copies live."""
    return platformdirs.user_config_path(APP_NAME, appauthor=False)


def cache_dir() -> Path:
    """The user cache dir (platformdirs): parsed templates (see template_cache)."""
    return platformdirs.user_cache_path(APP_NAME, appauthor=False)


def default_db_path() -> Path:
    return data_dir() / "oneonone.db"


def default_agendas_dir() -> Path:
    return config_dir() / "agendas"


def ensure_private_dir(path: Path) -> None:
    """Create ``path`` (and parents) if missing; a directory we create is 0700."""
    if path.is_dir():
        return
    missing = []
    p = path
    while not p.exists():
        missing.append(p)
        if p.parent == p:
            break
        p = p.parent
    path.mkdir(parents=True, exist_ok=True)
    for created in missing:
        os.chmod(created, 0o700)


def create_private_file(path: Path) -> bool:
    """Create an empty file with mode 0600 if it does not exist. True if created."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    os.close(fd)
    os.chmod(path, 0o600)
    return True


def is_readable_by_others(path: Path) -> bool:
    try:
        return bool(path.stat().st_mode & 0o077)
    except OSError:
        return False


def exports_dir() -> Path:
    return data_dir() / "exports"


def write_private(path: Path, text: str) -> None:
    """Write ``text`` to a file created 0600 (exports carry personnel notes)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    os.chmod(path, 0o600)
