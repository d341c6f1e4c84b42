"""The `kiosk` subcommands, one module each with `add_parser()` and `main(args)`."""
