"""The keys as the manager has them: every hint, notice and footer that names a key reads
it here by binding id, so a key remapped in config.yaml is shown as remapped."""

from __future__ import annotations

from textual.binding import Binding
from textual.dom import DOMNode


def binding_keys(bindings: object) -> dict[str, str]:
    """Binding id -> key(s) of a ``BINDINGS`` list."""
    return {
        b.id: b.key
        for b in (bindings if isinstance(bindings, list | tuple) else [])
        if isinstance(b, Binding) and b.id
    }


def pretty(keys: str) -> str:
    """``ctrl+o,f3`` as a hint shows it: ``^o / f3``."""
    return " / ".join(
        k.strip().replace("ctrl+", "^").replace("escape", "esc") for k in keys.split(",")
    )


def key_of(node: DOMNode, binding_id: str) -> str:
    """The first key bound to ``binding_id`` now (config.yaml's, else the default), as
    Textual names it: ``ctrl+s``, ``f9``, ``enter``. ``node`` is the screen or widget that
    shows the hint: the default is found in its bindings, its screen's or the app's, so no
    other screen is imported for it (start-up time)."""
    app = node.app
    remapped: dict[str, str] = getattr(app, "keymap", {})
    keys = remapped.get(binding_id, "")
    for holder in [] if keys else [*node.ancestors_with_self, app]:
        for cls in type(holder).__mro__:
            keys = binding_keys(cls.__dict__.get("BINDINGS")).get(binding_id, "")
            if keys:
                break
        if keys:
            break
    if not keys:  # a key of another screen: look through them all
        keys = getattr(app, "default_keys", {}).get(binding_id, "")
    return keys.split(",")[0].strip() if keys else "?"


def short_key(node: DOMNode, binding_id: str) -> str:
    """The key in a hint's short form: ``^O`` for ctrl+o, ``F9`` for f9, else as named."""
    key = key_of(node, binding_id)
    if key.startswith("ctrl+") and len(key) == 6:
        return "^" + key[-1].upper()
    if len(key) in (2, 3) and key[0] == "f" and key[1:].isdigit():
        return key.upper()
    return key
