"""Located checklist problems, importable without the YAML machinery (the GUI catches them at start-up)."""

from typing import NamedTuple


class Problem(NamedTuple):
    file: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.message}"


class ChecklistError(Exception):
    """A checklist could not be loaded; ``problems`` says every place and why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems
