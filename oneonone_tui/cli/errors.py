"""The exit codes of every command."""

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2  # done; failed (said why); bad usage
