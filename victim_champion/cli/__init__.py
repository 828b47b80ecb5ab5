"""The command line (shared/design/CLI.md): the parser, error handling and the handlers.

With app.py, the only place that wires core, store, content and ui together.
"""

from victim_champion.cli.main import main

__all__ = ["main"]
