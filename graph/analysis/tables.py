"""What the analysis reads of a build, held compactly: projects, organisations and participations as integer
ids and arrays, every other entity it needs as a Record.

At EU scale (1.5 x 10^6 projects, 500,000 organisations, 6 x 10^6 participations) the records of a build as
Python objects take over 10 GB; the analysis needs a few slots of each. So:

- projects: ``status``, ``start_date``/``end_date`` (as calendar years), ``budget_eur``, ``serves``,
  ``at_location``, ``strategy`` (as CSR arrays of ids: the ids of project ``p`` are ``ids[ptr[p]:ptr[p + 1]]``,
  in the order read) and whether ``was_associated_with`` names a partner;
- organisations: ``organisation_kind`` and ``governs``; participations: ``agent``, ``activity``, ``had_role``;
- the labels of both (for display), and in full (``small``) the municipalities, territories, strategies,
  objectives, structures and memberships, which are few (at most a few hundred thousand memberships).

Ids follow record order (the order of an entity's first line in ``records.jsonl``), so lists that were in record
order still are. ``Tables.records`` reads like the records by key, with the slots above for projects and
organisations. ``tables_of(build)`` makes the tables once per build and keeps them beside it
(``analysis-tables/``), so later analyses read arrays instead of the records.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import orjson

from graph.analysis.as_of import RUNS_ON
from graph.gcpause import paused_gc
from records.jsonl import from_json, to_json
from records.labels import display_label
from records.model import Key, Record, Text, merge

SMALL_TYPES = ("Province", "Arrondissement", "Subregion", "Municipality", "Strategy", "Objective", "Structure")
"""Entity types kept as Records (besides memberships): few, and read slot by slot."""
NO_YEAR_BEFORE, NO_YEAR_AFTER = -(2**31), 2**31 - 1
"""Start and end year of a period without a start or an end: before and after every year."""
CACHE = "analysis-tables"
"""Folder of a build where ``tables_of`` keeps the tables (``arrays.npz`` and ``tables.json``)."""
FORMAT = 1
"""Version of the cached form; a cache of another version is made again."""

Ids = np.ndarray
"""A 1-d numpy array of int64 ids."""


@dataclass(frozen=True)
class Csr:
    """Values per row: those of row ``r`` are ``values[ptr[r]:ptr[r + 1]]`` (ids, in the order read)."""

    ptr: np.ndarray
    values: np.ndarray

    def row(self, r: int) -> np.ndarray:
        """The values of row ``r``."""
        return self.values[self.ptr[r] : self.ptr[r + 1]]

    def pairs(self, rows: Ids) -> tuple[Ids, Ids]:
        """``(i, value)`` for every value of row ``rows[i]``, by i."""
        starts, counts = self.ptr[rows], np.diff(self.ptr)[rows]
        i = np.repeat(np.arange(len(rows)), counts)
        offsets = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
        return i, self.values[np.repeat(starts, counts) + offsets].astype(np.int64)


@dataclass(frozen=True)
class Tables:
    """The analysis's view of one build (see the module docstring). ``small`` holds the Records of
    SMALL_TYPES and memberships by key, in record order; ``municipalities``, ``objectives`` and ``strategies``
    list their keys in id order (ids of ``at_location``, ``serves``, ``strategy`` and ``governs``)."""

    small: dict[Key, Record]
    municipalities: list[Key]
    objectives: list[Key]
    strategies: list[Key]
    project_refs: list[str]
    project_labels: list[tuple[Text, ...]]
    start_year: np.ndarray
    end_year: np.ndarray
    """End year, or NO_YEAR_AFTER for an operational project (it runs on after its end: graph.analysis.as_of)."""
    status: list[str | None]
    budget: list[Decimal | None]
    serves: Csr
    at_location: Csr
    strategy: Csr
    has_partner: np.ndarray
    organisation_refs: list[str]
    organisation_labels: list[tuple[Text, ...]]
    organisation_kind: list[str | None]
    governs: np.ndarray
    """Municipality id an organisation is the government of, -1 for none."""
    agent: np.ndarray
    activity: np.ndarray
    role: list[str | None]
    memberships: list[Key] = field(default_factory=list)

    @cached_property
    def project_index(self) -> dict[str, int]:
        """Project ref -> id."""
        return {ref: i for i, ref in enumerate(self.project_refs)}

    @cached_property
    def organisation_index(self) -> dict[str, int]:
        """Organisation ref -> id."""
        return {ref: i for i, ref in enumerate(self.organisation_refs)}

    @cached_property
    def municipality_index(self) -> dict[Key, int]:
        """Municipality key -> id."""
        return {k: i for i, k in enumerate(self.municipalities)}

    @cached_property
    def objective_index(self) -> dict[Key, int]:
        """Objective key -> id."""
        return {k: i for i, k in enumerate(self.objectives)}

    @property
    def projects(self) -> int:
        """Number of projects."""
        return len(self.project_refs)

    def project_key(self, p: int) -> Key:
        """The key of project id ``p``."""
        return Key("Project", self.project_refs[p])

    def organisation_key(self, o: int) -> Key:
        """The key of organisation id ``o``."""
        return Key("Organisation", self.organisation_refs[o])

    def project_keys(self, ids: Iterable[int]) -> tuple[Key, ...]:
        """The keys of project ``ids``, in that order."""
        refs = self.project_refs
        return tuple(Key("Project", refs[p]) for p in ids)

    def label(self, key: Key, lang: str = "nl") -> str:
        """The entity's name as records.labels.display_label gives it (in ``lang``, else the other language, else
        its ref), without making its record. Raises KeyError for an unknown key."""
        if key.type == "Project":
            texts = self.project_labels[self.project_index[key.ref]]
        elif key.type == "Organisation":
            texts = self.organisation_labels[self.organisation_index[key.ref]]
        else:
            return display_label(self.small[key], lang)
        return next((t.value for t in sorted(texts, key=lambda t: t.lang != lang)), key.ref)

    @cached_property
    def records(self) -> Mapping[Key, Record]:
        """Records by key as far as the analysis knows them: in full for ``small``, with label and the analysis's
        slots for projects and organisations (made on each look-up; do not iterate it at scale)."""
        return _Records(self)


class _Records(Mapping[Key, Record]):
    """Tables.records (see there)."""

    def __init__(self, tables: Tables) -> None:
        self.tables = tables

    def __getitem__(self, key: Key) -> Record:
        t = self.tables
        if key.type == "Project":
            return _project_record(t, t.project_index[key.ref])
        if key.type == "Organisation":
            o = t.organisation_index[key.ref]
            values: dict[str, tuple[Any, ...]] = {"label": t.organisation_labels[o]}
            if t.organisation_kind[o] is not None:
                values["organisation_kind"] = (t.organisation_kind[o],)
            if t.governs[o] >= 0:
                values["governs"] = (t.municipalities[t.governs[o]],)
            return Record(key, values)
        return t.small[key]

    def __iter__(self) -> Iterator[Key]:
        t = self.tables
        yield from t.small
        yield from (Key("Project", r) for r in t.project_refs)
        yield from (Key("Organisation", r) for r in t.organisation_refs)

    def __len__(self) -> int:
        t = self.tables
        return len(t.small) + len(t.project_refs) + len(t.organisation_refs)

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, Key):
            return False
        if key.type == "Project":
            return key.ref in self.tables.project_index
        if key.type == "Organisation":
            return key.ref in self.tables.organisation_index
        return key in self.tables.small


def _project_record(t: Tables, p: int) -> Record:
    values: dict[str, tuple[Any, ...]] = {"label": t.project_labels[p]}
    if t.status[p] is not None:
        values["status"] = (t.status[p],)
    if t.budget[p] is not None:
        values["budget_eur"] = (t.budget[p],)
    for slot, csr, keys in (
        ("serves", t.serves, t.objectives),
        ("at_location", t.at_location, t.municipalities),
        ("strategy", t.strategy, t.strategies),
    ):
        row = csr.row(p)
        if len(row):
            values[slot] = tuple(keys[i] for i in row.tolist())
    return Record(Key("Project", t.project_refs[p]), values)


class _Builder:
    """Collects record fragments (any order of types; an entity may come in several fragments) into Tables."""

    def __init__(self) -> None:
        self.small: dict[Key, Record] = {}
        self.ids: dict[str, dict[str, int]] = {t: {} for t in ("Project", "Organisation")}
        self.keys: dict[str, dict[Key, int]] = {t: {} for t in ("Municipality", "Objective", "Strategy")}
        self.order: dict[str, list[int]] = {"Project": [], "Organisation": []}
        self.seen: dict[str, set[int]] = {"Project": set(), "Organisation": set()}
        self.labels: dict[str, dict[int, tuple[Text, ...]]] = {"Project": {}, "Organisation": {}}
        self.slot: dict[str, dict[int, Any]] = {
            s: {} for s in ("status", "start", "end", "budget", "partner", "kind", "governs")
        }
        self.links: dict[str, tuple[list[int], list[int]]] = {
            s: ([], []) for s in ("serves", "at_location", "strategy")
        }
        self.participations: tuple[list[int], list[int], list[str | None]] = ([], [], [])

    def _id(self, type_: str, ref: str) -> int:
        ids = self.ids[type_]
        found = ids.get(ref)
        if found is None:
            found = ids[ref] = len(ids)
        return found

    def _key_id(self, key: Key) -> int:
        ids = self.keys[key.type]
        found = ids.get(key)
        if found is None:
            found = ids[key] = len(ids)
        return found

    def _own(self, type_: str, i: int) -> None:
        if i not in self.seen[type_]:
            self.seen[type_].add(i)
            self.order[type_].append(i)

    def add(self, record: Record) -> None:
        """Take one fragment (a Record; several fragments of one key are merged as records.model.merge does)."""
        type_ = record.key.type
        values = record.values
        if type_ in SMALL_TYPES or type_ == "Membership":
            merge([record], self.small)
            if type_ in self.keys:
                self._key_id(record.key)
        elif type_ == "Project":
            self._project(record.key.ref, values)
        elif type_ == "Organisation":
            o = self._id("Organisation", record.key.ref)
            self._own("Organisation", o)
            self._label("Organisation", o, values)
            for slot, name in (("organisation_kind", "kind"), ("governs", "governs")):
                if values.get(slot):
                    self.slot[name].setdefault(o, values[slot][0])
        elif type_ == "Participation":
            agent, activity = values.get("agent", ()), values.get("activity", ())
            if agent and activity:
                role = values.get("had_role", ())
                self.participations[0].append(self._id("Organisation", agent[0].ref))  # type: ignore[union-attr]
                self.participations[1].append(self._id("Project", activity[0].ref))  # type: ignore[union-attr]
                self.participations[2].append(role[0] if role else None)  # type: ignore[arg-type]

    def _label(self, type_: str, i: int, values: Mapping[str, tuple[Any, ...]]) -> None:
        label = values.get("label")
        if label:
            known = self.labels[type_].get(i, ())
            self.labels[type_][i] = tuple(dict.fromkeys(known + label))

    def _project(self, ref: str, values: Mapping[str, tuple[Any, ...]]) -> None:
        p = self._id("Project", ref)
        self._own("Project", p)
        self._label("Project", p, values)
        for slot, name in (
            ("status", "status"),
            ("start_date", "start"),
            ("end_date", "end"),
            ("budget_eur", "budget"),
        ):
            if values.get(slot):
                self.slot[name].setdefault(p, values[slot][0])
        if values.get("was_associated_with"):
            self.slot["partner"][p] = True
        for slot in ("serves", "at_location", "strategy"):
            rows, ids = self.links[slot]
            for key in values.get(slot, ()):
                rows.append(p)
                ids.append(self._key_id(key))

    def tables(self) -> Tables:
        """The Tables of everything added, ids renumbered into record order."""
        project_rank = _rank(self.order["Project"], len(self.ids["Project"]))
        organisation_rank = _rank(self.order["Organisation"], len(self.ids["Organisation"]))
        projects = _refs_in_order(self.ids["Project"], project_rank)
        organisations = _refs_in_order(self.ids["Organisation"], organisation_rank)
        n, m = len(projects), len(organisations)
        municipalities = _keys_in_order(self.keys["Municipality"])
        objectives = _keys_in_order(self.keys["Objective"])
        strategies = _keys_in_order(self.keys["Strategy"])
        municipality_ids = {k: i for i, k in enumerate(municipalities)}

        def per_project(name: str, default: Any) -> list[Any]:
            out = [default] * n
            for p, v in self.slot[name].items():
                out[project_rank[p]] = v
            return out

        start, end, status = per_project("start", None), per_project("end", None), per_project("status", None)
        operational = [s in RUNS_ON for s in status]
        org_kind: list[str | None] = [None] * m
        for o, v in self.slot["kind"].items():
            org_kind[organisation_rank[o]] = v
        governs = np.full(m, -1, dtype=np.int64)
        for o, v in self.slot["governs"].items():
            governs[organisation_rank[o]] = municipality_ids.get(v, -1)
        partner = np.zeros(n, dtype=bool)
        partner[project_rank[list(self.slot["partner"])]] = True
        agents, activities, roles = self.participations
        return Tables(
            small=self.small,
            municipalities=municipalities,
            objectives=objectives,
            strategies=strategies,
            project_refs=projects,
            project_labels=_labels_in_order(self.labels["Project"], project_rank, n),
            start_year=np.array([NO_YEAR_BEFORE if d is None else d.year for d in start], dtype=np.int64),
            end_year=np.array(
                [NO_YEAR_AFTER if d is None or o else d.year for d, o in zip(end, operational, strict=True)],
                dtype=np.int64,
            ),
            status=status,
            budget=per_project("budget", None),
            serves=_csr(*self.links["serves"], project_rank, n),
            at_location=_csr(*self.links["at_location"], project_rank, n),
            strategy=_csr(*self.links["strategy"], project_rank, n),
            has_partner=partner,
            organisation_refs=organisations,
            organisation_labels=_labels_in_order(self.labels["Organisation"], organisation_rank, m),
            organisation_kind=org_kind,
            governs=governs,
            agent=organisation_rank[np.array(agents, dtype=np.int64)],
            activity=project_rank[np.array(activities, dtype=np.int64)],
            role=roles,
            memberships=[k for k in self.small if k.type == "Membership"],
        )


def _rank(order: list[int], total: int) -> np.ndarray:
    """id -> new id: ids in ``order`` first (record order), then the ones only ever referred to."""
    rank = np.full(total, -1, dtype=np.int64)
    rank[np.array(order, dtype=np.int64)] = np.arange(len(order))
    missing = rank < 0
    rank[missing] = len(order) + np.arange(int(missing.sum()))
    return rank


def _refs_in_order(ids: dict[str, int], rank: np.ndarray) -> list[str]:
    refs = [""] * len(ids)
    for ref, i in ids.items():
        refs[rank[i]] = ref
    return refs


def _keys_in_order(ids: dict[Key, int]) -> list[Key]:
    return sorted(ids, key=ids.__getitem__)


def _labels_in_order(labels: dict[int, tuple[Text, ...]], rank: np.ndarray, n: int) -> list[tuple[Text, ...]]:
    out: list[tuple[Text, ...]] = [()] * n
    for i, label in labels.items():
        out[rank[i]] = label
    return out


def _csr(rows: list[int], ids: list[int], rank: np.ndarray, n: int) -> Csr:
    """Rows (old project ids, renumbered by ``rank``) x ids, each row's ids in the order read, repeats dropped."""
    r = rank[np.array(rows, dtype=np.int64)] if rows else np.zeros(0, dtype=np.int64)
    v = np.array(ids, dtype=np.int64)
    order = np.argsort(r, kind="stable")
    r, v = r[order], v[order]
    if len(r):
        _, first = np.unique(r * (int(v.max()) + 1) + v, return_index=True)
        keep = np.zeros(len(r), dtype=bool)
        keep[first] = True
        r, v = r[keep], v[keep]
    return Csr(np.concatenate([[0], np.cumsum(np.bincount(r, minlength=n))]).astype(np.int64), v.astype(np.int32))


def from_records(records: Iterable[Record]) -> Tables:
    """The Tables of ``records`` (whole records or fragments, e.g. the records of a build plus planned ones)."""
    builder = _Builder()
    for record in records:
        builder.add(record)
    return builder.tables()


SLOTS_READ = {
    "Project": frozenset(
        {"label", "status", "start_date", "end_date", "budget_eur", "was_associated_with"}
        | {"serves", "at_location", "strategy"}
    ),
    "Organisation": frozenset({"label", "organisation_kind", "governs"}),
    "Participation": frozenset({"agent", "activity", "had_role"}),
}
"""The slots _Builder reads of the many entities (the others are kept whole, as records): ``from_jsonl`` decodes
only these, and no origins, which halves the time the tables take at scale."""


def from_jsonl(path: Path) -> Tables:
    """The Tables of a build's ``records.jsonl`` (read once, line by line)."""
    builder = _Builder()
    keys: dict[tuple[str, str], Key] = {}
    kept = {*SMALL_TYPES, "Membership"}
    with open(path, "rb") as lines, paused_gc():
        for line in lines:
            item = orjson.loads(line)
            slots = SLOTS_READ.get(item["type"])
            if slots is not None:
                item["values"] = {s: v for s, v in item["values"].items() if s in slots}
                item["origins"] = ()
            elif item["type"] not in kept:
                continue
            builder.add(from_json(item, keys))
    return builder.tables()


ARRAYS = ("start_year", "end_year", "has_partner", "governs", "agent", "activity")
"""Fields of Tables saved as arrays (``arrays.npz``); CSR fields are saved as ``{name}_ptr`` and ``{name}_values``."""
LINKS = ("serves", "at_location", "strategy")


def save(tables: Tables, folder: Path) -> None:
    """Write ``tables`` to ``folder`` (created; replaced atomically when it exists)."""
    work = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    try:
        arrays = {name: getattr(tables, name) for name in ARRAYS}
        for name in LINKS:
            arrays[f"{name}_ptr"], arrays[f"{name}_values"] = getattr(tables, name).ptr, getattr(tables, name).values
        np.savez(work / "arrays.npz", **arrays)

        def labels(items: list[tuple[Text, ...]]) -> list[list[list[str]]]:
            return [[[t.value, t.lang] for t in label] for label in items]

        document = {
            "format": FORMAT,
            "small": [to_json(r) for r in tables.small.values()],
            "municipalities": [k.ref for k in tables.municipalities],
            "objectives": [k.ref for k in tables.objectives],
            "strategies": [k.ref for k in tables.strategies],
            "project_refs": tables.project_refs,
            "project_labels": labels(tables.project_labels),
            "status": tables.status,
            "budget": [None if b is None else format(b, "f") for b in tables.budget],
            "organisation_refs": tables.organisation_refs,
            "organisation_labels": labels(tables.organisation_labels),
            "organisation_kind": tables.organisation_kind,
            "role": tables.role,
        }
        (work / "tables.json").write_bytes(orjson.dumps(document))
        if folder.exists():
            shutil.rmtree(folder)
        os.replace(work, folder)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def load(folder: Path) -> Tables | None:
    """The Tables ``save`` wrote to ``folder``; None when there are none of this FORMAT."""
    try:
        document = orjson.loads((folder / "tables.json").read_bytes())
        if document.get("format") != FORMAT:
            return None
        arrays = np.load(folder / "arrays.npz", allow_pickle=False)
    except (OSError, ValueError):
        return None
    with paused_gc(keep=True):
        keys: dict[tuple[str, str], Key] = {}
        small = {r.key: r for r in (from_json(item, keys) for item in document["small"])}
        memo: dict[tuple[str, str], Text] = {}

        def link(name: str) -> Csr:
            return Csr(arrays[f"{name}_ptr"], arrays[f"{name}_values"])

        def labels(items: list[list[list[str]]]) -> list[tuple[Text, ...]]:
            out = []
            for label in items:
                out.append(tuple(memo.get((v, lang)) or memo.setdefault((v, lang), Text(v, lang)) for v, lang in label))
            return out

        return Tables(
            small=small,
            municipalities=[Key("Municipality", r) for r in document["municipalities"]],
            objectives=[Key("Objective", r) for r in document["objectives"]],
            strategies=[Key("Strategy", r) for r in document["strategies"]],
            project_refs=document["project_refs"],
            project_labels=labels(document["project_labels"]),
            status=document["status"],
            budget=[None if b is None else Decimal(b) for b in document["budget"]],
            organisation_refs=document["organisation_refs"],
            organisation_labels=labels(document["organisation_labels"]),
            organisation_kind=document["organisation_kind"],
            role=document["role"],
            memberships=[k for k in small if k.type == "Membership"],
            start_year=arrays["start_year"],
            end_year=arrays["end_year"],
            has_partner=arrays["has_partner"],
            governs=arrays["governs"],
            agent=arrays["agent"],
            activity=arrays["activity"],
            serves=link("serves"),
            at_location=link("at_location"),
            strategy=link("strategy"),
        )


def tables_of(build_path: Path) -> Tables:
    """The Tables of the build in ``build_path``: read from its ``analysis-tables/`` when an earlier analysis left
    them there, else made from ``records.jsonl`` and left there for the next (when the folder is writable)."""
    folder = build_path / CACHE
    found = load(folder)
    if found is not None:
        return found
    made = from_jsonl(build_path / "records.jsonl")
    with contextlib.suppress(OSError):  # a read-only build: the next analysis makes them again
        save(made, folder)
    return made
