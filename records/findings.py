"""Graded findings: what a loader or a check found wrong, and where."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class Severity(IntEnum):
    """How bad a finding is: a build refuses ERROR; WARNING is reported only."""

    WARNING = 1
    ERROR = 2


@dataclass(frozen=True)
class Finding:
    """One problem: file, 1-based line and column (0 = whole row/file), the value and what was expected."""

    severity: Severity
    file: str
    line: int
    column: str
    message: str
    value: str | None = None

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "") + (f" column {self.column}" if self.column else "")
        shown = f" (got {self.value!r})" if self.value is not None else ""
        return f"{self.severity.name}: {where}: {self.message}{shown}"


class DataError(Exception):
    """Raised when input data has errors; carries every finding, errors first."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = sorted(dict.fromkeys(findings), key=lambda f: -f.severity)  # e.g. one workbook, two sheets
        errors = [f for f in self.findings if f.severity is Severity.ERROR]
        shown = "\n".join(str(f) for f in errors[:20])
        more = f"\n... and {len(errors) - 20} more" if len(errors) > 20 else ""
        super().__init__(f"{len(errors)} error(s) in the input data:\n{shown}{more}")
