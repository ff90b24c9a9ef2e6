"""oneonone: run a timed, keyboard-driven sales one-on-one from the terminal."""

__version__ = "0.1.0"
