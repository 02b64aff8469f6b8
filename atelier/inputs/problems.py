"""Problems found in the inputs, located as file › sheet › row › column › value › expected."""

from __future__ import annotations

from dataclasses import dataclass, field

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    sheet: str = ""
    row: int | None = None  # spreadsheet row number as the designer sees it (header = row 1)
    column: str = ""  # the header as written in the file, or the canonical name
    value: str = ""
    expected: str = ""
    severity: str = ERROR

    def location(self) -> str:
        parts = [self.file]
        if self.sheet:
            parts.append(self.sheet)
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(self.column)
        return " › ".join(parts)

    def __str__(self) -> str:
        value = f" › {_show(self.value)}" if self.value != "" else " › (empty)" if self.row else ""
        tag = "" if self.severity == ERROR else "warning: "
        return f"{tag}{self.location()}{value} › {self.expected}"


def _show(value: object) -> str:
    text = str(value)
    if len(text) > 60:
        text = text[:57] + "…"
    return f"«{text}»"


@dataclass
class ProblemLog:
    """Collects problems while reading and validating, so that all are reported at once."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]


class InputProblems(Exception):
    """Raised when the inputs have errors; carries every problem (errors and warnings)."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=_sort_key)
        super().__init__(format_report(self.problems))


def _sort_key(p: Problem):
    return (p.severity != ERROR, p.file, p.sheet, p.row or 0, p.column, p.expected)


def format_report(problems: list[Problem]) -> str:
    problems = sorted(problems, key=_sort_key)
    errors = [p for p in problems if p.severity == ERROR]
    warnings = [p for p in problems if p.severity == WARNING]
    lines = []
    if errors:
        lines.append(f"{len(errors)} error(s) in the inputs — nothing was built:")
        lines += [f"  ✗ {p}" for p in errors]
    if warnings:
        lines.append(f"{len(warnings)} warning(s):")
        lines += [f"  ! {p}" for p in warnings]
    if not problems:
        lines.append("The inputs are valid.")
    return "\n".join(lines)
