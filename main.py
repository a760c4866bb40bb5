"""Entry point: no arguments (or an audit file) opens the GUI; a subcommand runs the command line."""

from __future__ import annotations

import sys


def main(argv: list[str]) -> int:
    from app.cli import COMMANDS

    if argv and (argv[0] in COMMANDS or argv[0].startswith("-")):
        from app.cli import main as cli_main

        return cli_main(argv)
    import gc

    gc.disable()  # during start-up: see app.ui.application.start, which resumes collection once the window is painted
    from app.ui.application import run

    return run(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
