"""Display rules shared by the Qt views and the pure-Python tools (no Qt here)."""
