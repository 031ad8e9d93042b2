"""The declared column map of a list of operations: which of the publisher's columns hold which field.

Every managing authority of EU cohesion funds publishes its list of operations (Regulation (EU) No 1303/2013,
art. 115 and Annex XII: beneficiary, operation name, start and end, total eligible expenditure, EU
co-financing, postcode or other location indicator, category of intervention), each in its own columns and
spellings; Kohesio republishes the same fields. A map is one small TOML file per programme, so the next
programme's file is a new map, not new code::

    [programme]
    strategy = "efro-vlaanderen-2007-2013"      # strategies.csv ref of the programme (a funding_programme)
    sources = ["EFRO_VL_2007_2013"]             # sources.csv keys: every fact read from the file
    sheet = "q_gegevens digitale kaart"         # the workbook's sheet (XLSX only)
    language = "nl"                             # language of the titles
    project = "efro-vlaanderen-2007-2013-{operation}"                      # project ref
    objective = "efro-vlaanderen-2007-2013-{priority_axis}-{operational_objective}"  # objective served

    [columns]                                   # field = the publisher's column header
    operation = "PROJECTNUMMER"
    ...

    [places]                                    # place of execution as written = NIS code ("" = no one territory)
    "Provincie Limburg" = "70000"

The templates take field names in braces; their values are written as slugs (``1.2`` -> ``1-2``).
"""

from __future__ import annotations

import re
import string
import tomllib
from dataclasses import dataclass
from pathlib import Path

from loaders import cells
from loaders.columns import source_key
from records.findings import DataError, Finding, Severity

FIELDS = {
    "operation": "the operation's code in the programme (e.g. its project number)",
    "title": "the operation's name",
    "beneficiary": "the lead beneficiary's name",
    "partners": "the other beneficiaries' names, separated by partners_separator",
    "eligible_expenditure": "total eligible expenditure, EUR",
    "eu_support": "the EU fund's support, EUR",
    "start": "the operation's start date",
    "end": "the operation's end date",
    "postcode": "the Belgian postal code of the operation or its beneficiary",
    "municipality": "the municipality's name of the operation or its beneficiary",
    "place": "the place of execution (a territory's name, looked up in [places])",
    "priority_axis": "the priority axis (its code)",
    "operational_objective": "the operational or specific objective within the priority axis (its code)",
}
"""The fields a map may name, and what each holds."""
REQUIRED = ("operation", "title", "beneficiary", "start")
"""Fields every map names: without them a row is no operation (the start dates the municipality)."""
PROGRAMME = {"strategy", "sources", "sheet", "language", "project", "objective", "partners_separator"}

_SPACES = re.compile(r"\s+")
_DASHES = re.compile(r"\s*[-\u2010-\u2015\u2212]\s*")


def normalised(name: str) -> str:
    """A name compared case-, space- and dash-insensitively: ``Provincie  LImburg`` and ``provincie limburg``, or
    ``STEBO - Ondernemersatelier`` and ``Stebo-Ondernemersatelier``, are the same."""
    return _SPACES.sub(" ", _DASHES.sub("-", name.casefold())).strip()


def slugged(value: str) -> str:
    """A code as a slug part: lowercase, anything but letters and digits written as ``-`` (``1.2`` -> ``1-2``)."""
    return re.sub(r"[^a-z0-9]+", "-", value.casefold()).strip("-")


@dataclass(frozen=True)
class OperationsMap:
    """One programme's list of operations, as declared in its TOML map (see the module docstring)."""

    path: Path
    strategy: str
    sources: tuple[str, ...]
    columns: dict[str, str]
    """Field -> the publisher's column header, lower-cased as the reader gives headers."""
    headers: dict[str, str]
    """Field -> the publisher's column header as written in the map (for messages and extracts)."""
    places: dict[str, str | None]
    """Normalised place of execution -> NIS code, or None for a place that is no one territory."""
    project: str
    objective: str | None
    sheet: str | None = None
    language: str = "nl"
    partners_separator: str = ";"

    @property
    def name(self) -> str:
        """The map's file name, for messages."""
        return self.path.name

    def project_ref(self, values: dict[str, object]) -> str:
        """The project ref of a row's field values."""
        return _fill(self.project, values)

    def objective_ref(self, values: dict[str, object]) -> str | None:
        """The ref of the objective a row serves; None when the map names none or the row leaves a code empty."""
        if self.objective is None or any(values.get(f) is None for f in _fields(self.objective)):
            return None
        return _fill(self.objective, values)


def _fields(template: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(template) if name]


def _fill(template: str, values: dict[str, object]) -> str:
    return template.format(**{f: slugged(str(values[f])) for f in _fields(template)})


def load_map(path: Path) -> OperationsMap:
    """Read and check a TOML column map; DataError naming the map, the key and what was expected."""

    def error(key: str, message: str, value: object = None) -> DataError:
        return DataError([Finding(Severity.ERROR, path.name, 0, key, message, None if value is None else str(value))])

    try:
        spec = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise error("", f"expected a readable UTF-8 TOML file ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise error("", f"expected valid TOML ({exc})") from None
    programme, columns, places = spec.get("programme", {}), spec.get("columns", {}), spec.get("places", {})
    if unknown := set(spec) - {"programme", "columns", "places"}:
        raise error(", ".join(sorted(unknown)), "expected only the tables [programme], [columns] and [places]")
    if unknown := set(programme) - PROGRAMME:
        raise error(", ".join(sorted(unknown)), "expected only these [programme] keys: " + ", ".join(sorted(PROGRAMME)))
    if unknown := set(columns) - set(FIELDS):
        raise error(", ".join(sorted(unknown)), "expected only these [columns] fields: " + ", ".join(FIELDS))
    if missing := [f for f in REQUIRED if f not in columns]:
        raise error("columns", "expected a column for each of " + ", ".join(missing))
    if "postcode" not in columns and "municipality" not in columns:
        raise error("columns", "expected a postcode or a municipality column (the operation's location)")
    if "place" in columns and not places:
        raise error("places", "expected a [places] table for the place column (each place as written = NIS code)")
    for key in ("strategy", "project"):
        if not isinstance(programme.get(key), str):
            raise error(f"programme.{key}", "expected a text value")
    try:
        cells.slug(programme["strategy"])
        sources = tuple(source_key(k) for k in programme.get("sources", []))
    except (cells.CellError, TypeError) as exc:
        raise error("programme", f"expected {exc}") from None
    if not sources:
        raise error("programme.sources", "expected at least one sources.csv key")
    for key in ("project", "objective"):
        template = programme.get(key)
        if template is not None and (bad := [f for f in _fields(template) if f not in columns]):
            raise error(f"programme.{key}", "expected fields named in [columns] only", ", ".join(bad))
    nis = {}
    for place, code in places.items():
        if not isinstance(code, str) or (code and not re.fullmatch(r"[0-9]{5}", code)):
            raise error(
                f"places.{place}", 'expected a five-digit NIS code, or "" for a place that is no one territory', code
            )
        nis[normalised(place)] = code or None
    return OperationsMap(
        path,
        programme["strategy"],
        sources,
        {f: h.lower() for f, h in columns.items()},
        dict(columns),
        nis,
        programme["project"],
        programme.get("objective"),
        programme.get("sheet"),
        programme.get("language", "nl"),
        programme.get("partners_separator", ";"),
    )
