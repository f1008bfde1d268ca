"""The `redflag` command line: parse options, call the package, hand results to a formatter.

``app.py`` holds the Typer app and the error handling, ``options.py`` the options several commands
share, and each command has its own module (``check.py``, ``rules.py``, ...).
"""

from redflag.cli.app import app, main

__all__ = ["app", "main"]
