"""Textual's Footer, rebuilt only when the keys it shows change."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer as TextualFooter


class Footer(TextualFooter):
    """Textual's Footer recomposes all of its keys (a widget each: CSS, layout) whenever
    its screen's bindings *may* have changed: every focus change, and every push or pop
    over or back to its screen (the summary over the meeting, each dialog). This one
    compares what it would show with what it shows and only then recomposes: the same
    keys, drawn the same way, for a fraction of the work."""

    _shown: tuple | None = None

    def bindings_changed(self, screen: Screen) -> None:
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            shown = self._keys(screen)
            if self._bindings_ready and shown == self._shown:
                return
            self._shown = shown
        super().bindings_changed(screen)

    def _keys(self, screen: Screen) -> tuple:
        """Everything :meth:`Footer.compose` reads to make its keys."""
        app = self.app
        return (
            self.show_command_palette,
            app.ENABLE_COMMAND_PALETTE,
            app.COMMAND_PALETTE_BINDING,
            tuple(
                (
                    key,
                    binding.key,
                    binding.action,
                    binding.description,
                    binding.show,
                    binding.tooltip,
                    binding.group,
                    enabled,
                    tooltip,
                    app.get_key_display(binding),
                )
                for key, (_node, binding, enabled, tooltip) in screen.active_bindings.items()
            ),
        )
