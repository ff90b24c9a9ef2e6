"""The user's config.yaml: key remaps by binding id, and the theme. No Textual here.

```yaml
theme: nord                 # any Textual theme name
keys:
  meeting.next: ctrl+right  # binding id -> key(s), comma-separated
  meeting.commitment: f3
```
A bad file never stops the app: its problems are ``FILE:LINE:COL: error:`` lines and
the app starts with the defaults, saying so.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from oneonone_tui.domain.agenda import AgendaError, Problem
from oneonone_tui.paths import config_dir, data_dir, ensure_private_dir, write_private

ENV_CONFIG = "ONEONONE_CONFIG"
KEY_RE = re.compile(r"^[a-z0-9_+\-]+(,[a-z0-9_+\-]+)*$")


@dataclass
class Config:
    theme: str | None = None
    keys: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    path: Path | None = None


def config_path() -> Path:
    env = os.environ.get(ENV_CONFIG)
    return Path(env).expanduser() if env else config_dir() / "config.yaml"


def _clashes(keys: dict[str, str], defaults: Mapping[str, str]) -> list[tuple[str, str, str]]:
    """(remapped id, the other id, the key) for every key the config gives to an id while
    another id of the same screen (or of the app, which is on every screen) has it."""
    bound = {**defaults, **keys}
    found = []
    for binding_id, spec in keys.items():
        scope = binding_id.split(".", 1)[0]
        for key in spec.split(","):
            for other, other_spec in bound.items():
                other_scope = other.split(".", 1)[0]
                if other == binding_id or key not in other_spec.split(","):
                    continue
                if other_scope == scope or "app" in (scope, other_scope):
                    found.append((binding_id, other, key))
    return found


def parse_config(
    text: str, filename: str, binding_ids: set[str] | Mapping[str, str] | None = None
) -> Config:
    """``binding_ids``: the ids config.yaml may name, or a mapping of each id to its default
    key(s), which also refuses a key given to two actions of one screen."""
    if not text.strip():
        return Config()
    from yaml.nodes import MappingNode  # PyYAML only when there is something to read

    from oneonone_tui.templates.yaml_checker import Checker, compose, show

    c = Checker(filename)
    root = compose(text, c, "the config", "theme:, keys: ...", "a mapping")
    if root is None:
        raise AgendaError(c.problems)
    nodes = c.mapping(root, ("theme", "keys"), "")
    theme = c.check(
        nodes, "theme", "theme", None, lambda v: isinstance(v, str) and v.strip(), "a theme name"
    )
    keys: dict[str, str] = {}
    node = nodes.get("keys")
    if node is not None:
        if not isinstance(node, MappingNode):
            c.error(node, f"keys must be a mapping of binding id to key, got {show(c.value(node))}")
        else:
            seen: dict[str, int] = {}
            for key_node, value_node in node.value:
                binding_id, keyspec = c.value(key_node), c.value(value_node)
                if not isinstance(binding_id, str):
                    c.error(key_node, f"keys: a binding id is a name, got {show(binding_id)}")
                elif binding_id in seen:
                    c.error(
                        key_node, f"keys: {binding_id!r} is already set on line {seen[binding_id]}"
                    )
                elif binding_ids is not None and binding_id not in binding_ids:
                    import difflib

                    close = difflib.get_close_matches(str(binding_id), sorted(binding_ids), 1)
                    hint = f" (did you mean {close[0]!r}?)" if close else ""
                    c.error(key_node, f"keys: unknown binding id {binding_id!r}{hint}")
                elif not isinstance(keyspec, str) or not KEY_RE.match(keyspec.replace(" ", "")):
                    c.error(
                        value_node,
                        f"keys.{binding_id} must be keys like 'ctrl+right' or "
                        f"'f3', got {show(keyspec)}",
                    )
                else:
                    seen[binding_id] = key_node.start_mark.line + 1
                    keys[binding_id] = keyspec.replace(" ", "")
            if isinstance(binding_ids, Mapping):
                for binding_id, other, key in _clashes(keys, binding_ids):
                    line = seen[binding_id]
                    c.error(
                        next(k for k, _v in node.value if c.value(k) == binding_id),
                        f"keys.{binding_id}: {key} is also the key of {other}; one key does "
                        f"one thing (line {line}: pick another key, or move {other} too)",
                    )
    if c.problems:
        raise AgendaError(sorted(c.problems, key=lambda p: (p.line, p.col)))
    return Config(theme=theme.strip() if theme else None, keys=keys)


def load_config(
    binding_ids: set[str]
    | Mapping[str, str]
    | Callable[[], set[str] | Mapping[str, str]]
    | None = None,
) -> Config:
    """The user's config, or the defaults with the problems that made it unusable.
    ``binding_ids`` may be a function: called only when there is a file to check (it
    imports every screen; most start-ups have no config.yaml)."""
    path = config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Config(path=path)
    except (OSError, UnicodeDecodeError) as exc:
        return Config(path=path, problems=[Problem(str(path), 1, 1, f"cannot read: {exc}")])
    try:
        config = parse_config(
            text, str(path), binding_ids() if callable(binding_ids) else binding_ids
        )
    except AgendaError as exc:
        return Config(path=path, problems=exc.problems)
    config.path = path
    return config


# --- remembered choices (the theme picked in the app) ---------------------------------


def _state_path() -> Path:
    return data_dir() / "state.json"


def remembered_theme(config_theme: str | None = None) -> str | None:
    """The theme last picked in the app, unless config.yaml's theme has changed since that
    pick (then config.yaml, edited later, wins). None when there is no usable pick."""
    try:
        state = json.loads(_state_path().read_text())
    except (OSError, ValueError):
        return None
    if not isinstance(state, dict):
        return None
    theme = state.get("theme")
    if not isinstance(theme, str) or state.get("config_theme") != config_theme:
        return None
    return theme


def remember_theme(name: str, config_theme: str | None = None) -> None:
    """Remember a theme picked in the app, with the config.yaml theme it was picked over."""
    try:
        ensure_private_dir(_state_path().parent)
        write_private(_state_path(), json.dumps({"theme": name, "config_theme": config_theme}))
    except OSError:
        pass  # a theme not remembered is not worth interrupting a meeting for
