"""The workbook a strategist edits: which tables it holds, their sheets and column headings in Dutch, and what
each column expects (the header comments). ``loaders.reader`` reads a sheet by these headings (or by the CSV
column names); ``graph.publish.workbook`` writes the workbook from them.

A workbook in the data directory (any ``*.xlsx``) gives the tables whose sheets it holds, by the Dutch sheet
name (``projecten``) or the table's name (``projects``); a table may come from one file only (see
``loaders.dataset``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from loaders.table import Table

SHEETS = {
    "organisations": "organisaties",
    "projects": "projecten",
    "project_partners": "projectpartners",
    "memberships": "lidmaatschappen",
    "subregion_memberships": "gemeenten per deelregio",
}
"""Table -> its sheet, in the workbook's order."""

LISTS_SHEET = "keuzelijsten"
"""The sheet holding the drop-downs' choices (read by nobody; a workbook may lack it)."""

_SOURCES_HELP = "Bronsleutels uit sources.csv, gescheiden door ';' (minstens één), bv. DE_MAASEIK."
_DATE_HELP = "Datum: 2017-04-01, 01/04/2017 (dag eerst), 2017-04 (een maand) of 2017 (een jaar)."

HEADINGS: dict[str, tuple[str, str]] = {
    "ref": (
        "code",
        "Vaste code: kleine letters, cijfers en koppeltekens, bv. t2-campus. Verander ze niet: andere "
        "tabbladen verwijzen ernaar.",
    ),
    "name_nl": ("naam (Nederlands)", "De naam in het Nederlands (naam in het Nederlands of het Engels: minstens één)."),
    "name_en": ("naam (Engels)", "De naam in het Engels, als die bestaat."),
    "description_en": ("beschrijving (Engels)", "Korte beschrijving in het Engels, in eigen woorden."),
    "sources": ("bronnen", _SOURCES_HELP),
    "organisations.kind": ("soort organisatie", "Kies uit de lijst; leeg als geen bron het zegt."),
    "kbo_number": ("KBO-nummer", "Ondernemingsnummer: tien cijfers, bv. 0123.456.789."),
    "website": ("website", "Volledig webadres, beginnend met https:// of http://."),
    "municipality_nis": (
        "bestuurt gemeente (NIS-code)",
        "Alleen voor een stads- of gemeentebestuur: de NIS-code van die gemeente, bv. 71016.",
    ),
    "theme": ("thema", "Vrij thema, bv. logistics."),
    "status": ("status", "Kies uit de lijst; leeg als onbekend."),
    "start": ("begin", _DATE_HELP),
    "end": ("einde", _DATE_HELP),
    "budget_eur": ("budget (euro)", "Bedrag in euro, bv. 57000000 of 57.000.000,00."),
    "locations": (
        "gemeenten (NIS-codes)",
        "NIS-codes van de gemeenten bij de start, gescheiden door ';', bv. 73107;72041.",
    ),
    "objectives": ("doelstellingen (codes)", "Codes uit objectives.csv, gescheiden door ';', bv. salk-1-6."),
    "strategies": ("kader of financiering (codes)", "Codes uit strategies.csv, gescheiden door ';', bv. salk."),
    "project": ("project (code)", "De code van het project (tabblad projecten)."),
    "organisation": ("organisatie (code)", "De code van de organisatie (tabblad organisaties)."),
    "project_partners.role": ("rol in het project", "Kies uit de lijst; leeg als onbekend."),
    "structure": ("structuur (code)", "De code van de structuur uit structures.csv."),
    "member_type": ("soort lid", "Kies uit de lijst: gemeente, organisatie of deelregio."),
    "member": ("lid (NIS-code of code)", "NIS-code van een gemeente, of de code van een organisatie of deelregio."),
    "memberships.role": ("rol in de structuur", "Kies uit de lijst; leeg als onbekend."),
    "period_start": ("begin", _DATE_HELP),
    "period_end": ("einde", _DATE_HELP),
    "nis_code": ("gemeente (NIS-code)", "NIS-code van de gemeente, bv. 72020."),
    "subregion": ("deelregio (code)", "Code van de LIRES-deelregio uit subregions.csv, bv. noord-limburg."),
    "basis": ("grondslag", "Kies uit de lijst: volgens een bron, of afgeleid (bv. van de gemeenten vóór een fusie)."),
    "confidence": (
        "betrouwbaarheid",
        "Kies uit de lijst: hoe zeker het onderzoek is dat de gemeente bij deze deelregio hoort; leeg als de bron "
        "het niet zegt.",
    ),
    "note": ("toelichting (Engels)", "Waarom deze deelregio, en hoe zeker dat is (in het Engels)."),
}
"""Column (or ``table.column`` where a name means something else per table) -> its Dutch heading and what it
expects. A column without an entry is headed by its own name."""


def _entry(table: str, column: str) -> tuple[str, str] | None:
    return HEADINGS.get(f"{table}.{column}") or HEADINGS.get(column)


def heading(table: str, column: str) -> str:
    """The column's heading in the workbook: ``budget (euro)`` for projects' ``budget_eur``."""
    entry = _entry(table, column)
    return entry[0] if entry else column


def explanation(table: str, column: str) -> str:
    """What the column expects, in Dutch, for its header comment (empty when nothing is declared)."""
    entry = _entry(table, column)
    return entry[1] if entry else ""


def columns_by_heading(table: Table) -> dict[str, str]:
    """Lower-cased heading or column name -> column name: what a sheet of ``table`` may call its columns."""
    names = {c.name: c.name for c in table.columns}
    return names | {heading(table.name, c.name).lower(): c.name for c in table.columns}


def table_of_sheet(sheet: str) -> str | None:
    """The table a sheet holds, by its Dutch name or the table's own (any case); None for another sheet."""
    wanted = sheet.strip().lower()
    for table, name in SHEETS.items():
        if wanted in (table, name):
            return table
    return None


def table_of_file(file: str) -> str:
    """The table a file (as findings and origins name it) holds: ``projects.csv`` and ``lires.xlsx[projecten]``
    -> ``projects``; a sheet that is no table gives its own name."""
    if file.endswith("]"):
        sheet = file[file.index("[") + 1 : -1]
        return table_of_sheet(sheet) or sheet
    return file.rsplit(".", 1)[0]
