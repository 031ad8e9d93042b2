"""Graded findings: what a loader or a check found wrong, and where, in English and, through the pages'
catalogue (viz/locale), in Dutch."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import IntEnum

MAX_ERRORS = 1000
"""Errors a DataError keeps (and a build reports) at most; the rest are only counted."""


def N_(template: str) -> str:
    """Marks an English message template for the catalogue (``make translations`` extracts it); returns it as is.

    Templates take their values as ``{name}`` fields (``str.format``), so a translation may reorder them."""
    return template


class Term(str):
    """A schema class name given to a message (``Organisation``), shown by its display name in the reader's
    language (``organisatie``) rather than as written."""


def _same(text: str) -> str:
    return text


class Severity(IntEnum):
    """How bad a finding is: a build refuses ERROR; WARNING is reported only."""

    WARNING = 1
    ERROR = 2


@dataclass(frozen=True)
class Finding:
    """One problem: file, 1-based line and column (0 = whole row/file), the value and what was expected.

    ``file`` names a workbook's sheet in brackets (``lires.xlsx[projecten]``, see ``file_name`` and ``sheet``).
    ``message`` is English; ``template`` and ``args``, when set, are what it was made from, so that ``text``
    can say it in another language (use ``finding`` to make one).
    """

    severity: Severity
    file: str
    line: int
    column: str
    message: str
    value: str | None = None
    template: str | None = field(default=None, compare=False)
    args: Mapping[str, object] = field(default_factory=dict, compare=False, hash=False)

    @property
    def file_name(self) -> str:
        """The file alone: ``lires.xlsx`` of ``lires.xlsx[projecten]``."""
        return self.file.partition("[")[0]

    @property
    def sheet(self) -> str | None:
        """The workbook sheet, or None for a text file: ``projecten`` of ``lires.xlsx[projecten]``."""
        _, bracket, rest = self.file.partition("[")
        return rest.removesuffix("]") if bracket else None

    def text(self, translate: Callable[[str], str] = _same, term: Callable[[str], str] = _same) -> str:
        """What was expected, translated by ``translate`` (a gettext), schema names (``Term``) named by ``term``."""
        if self.template is None:
            return self.message
        return translate(self.template).format(
            **{k: term(v) if isinstance(v, Term) else v for k, v in self.args.items()}
        )

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "") + (f" column {self.column}" if self.column else "")
        shown = f" (got {self.value!r})" if self.value is not None else ""
        return f"{self.severity.name}: {where}: {self.message}{shown}"


def finding(
    severity: Severity,
    file: str,
    line: int,
    column: str,
    template: str,
    value: str | None = None,
    /,
    **args: object,
) -> Finding:
    """A Finding whose message is ``template`` (marked with ``N_``) filled with ``args``; ``Finding.text`` says it
    in another language."""
    return Finding(severity, file, line, column, template.format(**args), value, template, args)


class DataError(Exception):
    """Raised when input data has errors; carries every finding, errors first (at most MAX_ERRORS errors: then
    ``more`` counts those left out)."""

    def __init__(self, findings: list[Finding]) -> None:
        unique = sorted(dict.fromkeys(findings), key=lambda f: -f.severity)  # e.g. one workbook, two sheets
        errors = [f for f in unique if f.severity is Severity.ERROR]
        self.more = max(0, len(errors) - MAX_ERRORS)
        self.findings = errors[:MAX_ERRORS] + [f for f in unique if f.severity is not Severity.ERROR]
        shown = "\n".join(str(f) for f in errors[:20])
        more = f"\n... and {len(errors) - 20} more" if len(errors) > 20 else ""
        super().__init__(f"{len(errors)} error(s) in the input data:\n{shown}{more}")

    @property
    def errors(self) -> list[Finding]:
        """The ERROR findings kept (at most MAX_ERRORS)."""
        return [f for f in self.findings if f.severity is Severity.ERROR]
