"""The `kiosk` subcommands, one module each with `add_parser()` and `main(args)`."""

from __future__ import annotations

# Exit status of every command (scripts depend on them): success, the deck or data has
# errors, usage error (bad flag, a path that does not exist).
EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2
