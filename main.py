"""Entry point: no arguments (or an audit file) opens the GUI; a subcommand runs the command line."""

from __future__ import annotations

import sys


def main(argv: list[str]) -> int:
    from app.cli import COMMANDS

    if argv and (argv[0] in COMMANDS or argv[0].startswith("-")):
        from app.cli import main as cli_main

        return cli_main(argv)
    if argv and not (len(argv) == 1 and _names_a_file(argv[0])):  # a mistyped command must not open a window
        if _names_a_file(argv[0]):
            print("main.py: the app opens one audit file at a time; see main.py --help", file=sys.stderr)
        else:
            print(f"main.py: '{argv[0]}' is not a command ({', '.join(COMMANDS)}) nor an audit file; see "
                  "main.py --help", file=sys.stderr)
        return 2
    import gc

    gc.disable()  # during start-up: see app.ui.application.start, which resumes collection once the window is painted
    from app.ui.application import run

    return run(argv)


def _names_a_file(argument: str) -> bool:
    """An audit file to open: one that is there, or a name with a suffix or a folder (told if it is missing)."""
    from pathlib import Path

    path = Path(argument)
    if not argument.strip():
        return False
    try:
        if path.is_dir():
            return False
        there = path.exists()
    except OSError:  # a name too long to ask about: a file name all the same, which opening will refuse clearly
        there = False
    return there or bool(path.suffix) or len(path.parts) > 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
