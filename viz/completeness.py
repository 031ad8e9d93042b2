"""The data steward's to-do list in words (``/completeness`` and ``lires validate --completeness``): each gap in
the data of graph.analysis.completeness with what it blocks, where to fill it in, and the entities that lack it
with the sources to check, in Dutch or English."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from graph.analysis.completeness import DataCompleteness, Missing
from loaders.workbook import SHEETS, heading
from ontology.vocab import vocabulary
from records.labels import display_label
from records.model import Key, Record, Text
from viz.i18n import gettext


@dataclass(frozen=True)
class Source:
    """A source to check: its title and URL."""

    title: str
    url: str


@dataclass(frozen=True)
class Entry:
    """One thing to complete: the entity (name, ref, page) and the sources it was read from."""

    label: str
    ref: str
    href: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Task:
    """One line of the to-do list: a heading (``31 of 38 municipalities have no deelregio``), what it blocks, where
    it is filled in, and the entries."""

    what: str
    title: str
    blocks: str
    where: str
    entries: tuple[Entry, ...]
    share: float
    """The share of the entities in scope that lack it (graph.analysis.completeness.Missing.share)."""
    check: tuple[Source, ...] = ()
    """Sources for the whole task (for deelregio's: those the deelregio's were read from); an entry's own
    sources are those of the entity (a project's)."""


def _titles(item: Missing, lang: str) -> tuple[str, str]:
    _ = gettext(lang)
    n, of = len(item.entities), item.of
    return {
        "subregion": (
            _("%(n)s of %(of)s municipalities have no deelregio") % {"n": n, "of": of},
            _("they are in no deelregio column of the gap matrix"),
        ),
        "objective": (
            _("%(n)s of %(of)s projects have no objective") % {"n": n, "of": of},
            _("they fill no row of the gap matrix: a gap there may be a project without its objective"),
        ),
        "location": (
            _("%(n)s of %(of)s projects have no location") % {"n": n, "of": of},
            _("they fill no column of the gap matrix"),
        ),
        "partner": (
            _("%(n)s of %(of)s projects have no partner") % {"n": n, "of": of},
            _("they are missing from the cooperation network and from the synergies between projects"),
        ),
        "population": (
            _("%(n)s of %(of)s municipalities have no population figure") % {"n": n, "of": of},
            _("gaps there cannot be ranked by inhabitants; their territory gets no budget per inhabitant"),
        ),
        "period": (
            _("%(n)s of %(of)s projects have no start date") % {"n": n, "of": of},
            _("they count as active in every year of the as-of-year view"),
        ),
        "budget": (
            _("%(n)s of %(of)s projects have no budget") % {"n": n, "of": of},
            _("no budget per inhabitant can be given for the cells they fill"),
        ),
        "centre": (
            _("%(n)s of %(of)s municipalities have no centre of their own in the source of the map")
            % {"n": n, "of": of},
            _("the map draws them between their predecessors' centres, or not at all"),
        ),
    }[item.what]


def _sources(records: Mapping[Key, Record], record: Record) -> tuple[Source, ...]:
    found = []
    for key in record.many("was_derived_from", Key):
        source = records.get(key)
        if source is not None and (url := source.one("url", str)):
            title = source.one("label", Text)
            found.append(Source(title.value if title else key.ref, url))
    return tuple(found)


def _all_sources(records: Mapping[Key, Record], keys: tuple[Key, ...]) -> tuple[Source, ...]:
    return tuple(dict.fromkeys(s for k in keys for s in _sources(records, records[k])))


def tasks(counted: DataCompleteness, records: Mapping[Key, Record], lang: str) -> list[Task]:
    """The to-do list of ``counted``, most blocking first."""
    _ = gettext(lang)
    classes = vocabulary().classes
    out = []
    for item in counted.items:
        title, blocks = _titles(item, lang)
        if item.what == "subregion":
            blocks += "; " + _("%(n)s of %(of)s deelregio columns are empty: %(names)s") % {
                "n": len(counted.subregions_without_municipality),
                "of": len(counted.subregions),
                "names": ", ".join(display_label(records[s], lang) for s in counted.subregions_without_municipality),
            }
        where = _("%(file)s, column %(column)s (in the workbook: sheet %(sheet)s, column %(heading)s)") % {
            "file": f"{item.table}.csv",
            "column": item.column,
            "sheet": SHEETS.get(item.table, item.table),
            "heading": heading(item.table, item.column),
        }
        if item.table not in SHEETS:
            where = _("%(file)s, column %(column)s") % {"file": f"{item.table}.csv", "column": item.column}
        own = item.type == "Project"  # a municipality's sources tell its name and code, not its deelregio
        entries = tuple(
            Entry(
                display_label(records[k], lang),
                k.ref,
                f"/doc/{classes[k.type].path}/{k.ref}",
                _sources(records, records[k]) if own else (),
            )
            for k in item.entities
        )
        check = () if own or item.what != "subregion" else _all_sources(records, counted.subregions)
        out.append(Task(item.what, title, blocks, where, entries, item.share, check))
    return out
