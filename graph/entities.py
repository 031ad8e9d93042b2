"""An index of one build's entities, made once per build from its records.jsonl, so that listing and describing
one entity cost the same at 10^6 projects as at 19, without holding every record.

Entities are numbered in (type, ref) order, so a type is a range of numbers and a page of a list is a slice;
nothing is sorted per request. Per entity the index keeps its key, its display name in Dutch and in English (a
relation such as a membership named by its two ends), its own names (for graph.search), where its record's lines
are in records.jsonl (a record is read from there when asked for) and the links that point at it (as
graph.network has them). Arrays are numpy's; texts are kept as one string each with offsets. The figures are in
docs/scale.md.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import overload

import numpy as np
import orjson

from graph.gcpause import paused_gc
from graph.iri import mint
from graph.summary import EntitySummary
from ontology.vocab import vocabulary
from records.jsonl import from_json
from records.labels import display_label
from records.model import Key, Record, Text, merge

LANGUAGES = ("nl", "en")
"""The languages of the display names (records.labels.display_label)."""


@dataclass(frozen=True)
class Texts:
    """Many strings kept as one, with the offset where each starts (and a last one where the last ends)."""

    joined: str
    starts: np.ndarray

    @classmethod
    def of(cls, strings: Sequence[str]) -> Texts:
        """The strings of ``strings`` in order."""
        starts = np.zeros(len(strings) + 1, dtype=np.int64)
        np.cumsum([len(s) for s in strings], out=starts[1:])
        return cls("".join(strings), starts)

    def __getitem__(self, i: int) -> str:
        return self.joined[self.starts[i] : self.starts[i + 1]]

    def __len__(self) -> int:
        return len(self.starts) - 1


@dataclass(frozen=True)
class Grouped:
    """A sorted array of values per number (compressed sparse rows): the values of ``i`` are
    ``values[starts[i]:starts[i + 1]]``."""

    starts: np.ndarray
    values: np.ndarray

    @classmethod
    def of(cls, groups: np.ndarray, values: np.ndarray, size: int) -> Grouped:
        """``values`` grouped by ``groups`` (numbers below ``size``), each group in the order given."""
        order = np.argsort(groups, kind="stable")
        starts = np.zeros(size + 1, dtype=np.int64)
        np.cumsum(np.bincount(groups, minlength=size), out=starts[1:])
        return cls(starts, values[order])

    def __getitem__(self, i: int) -> np.ndarray:
        return self.values[self.starts[i] : self.starts[i + 1]]


class EntityIndex:
    """The entities of one build (see the module docstring); made by ``build``."""

    def __init__(
        self,
        records: Path,
        base_iri: str,
        types: list[str],
        type_starts: np.ndarray,
        refs: Texts,
        labels: dict[str, Texts],
        names: Texts,
        lines: Grouped,
        line_spans: np.ndarray,
        incoming: Grouped,
    ) -> None:
        self.records, self.base_iri = records, base_iri
        self.types, self.type_starts = types, type_starts
        self.refs, self.labels, self.names = refs, labels, names
        self.lines, self.line_spans, self.incoming_links = lines, line_spans, incoming
        self.slots = list(vocabulary().slots)

    def __len__(self) -> int:
        return len(self.refs)

    def type_of(self, i: int) -> str:
        """The class name of entity ``i``."""
        return self.types[int(np.searchsorted(self.type_starts, i, side="right")) - 1]

    def key(self, i: int) -> Key:
        """The key of entity ``i``."""
        return Key(self.type_of(i), self.refs[i])

    def of_type(self, type_: str) -> range:
        """The numbers of the entities of class ``type_`` (an empty range for a class without any)."""
        if type_ not in self.types:
            return range(0)
        t = self.types.index(type_)
        return range(int(self.type_starts[t]), int(self.type_starts[t + 1]))

    def find(self, key: Key) -> int | None:
        """The number of the entity ``key``, or None when the build has none (a binary search of its type)."""
        span = self.of_type(key.type)
        low, high = span.start, span.stop
        while low < high:
            middle = (low + high) // 2
            if self.refs[middle] < key.ref:
                low = middle + 1
            else:
                high = middle
        return low if low < span.stop and self.refs[low] == key.ref else None

    def label(self, i: int, lang: str = "nl") -> str:
        """The display name of entity ``i`` in ``lang`` (else the other language, else its ref; a relation such as
        a membership is named by its two ends: 'Pelt — Burgemeestersparlement Limburg')."""
        return self.labels[lang][i]

    def summary(self, i: int, lang: str = "nl") -> EntitySummary:
        """IRI, type, ref and display name (``label``) of entity ``i``."""
        key = self.key(i)
        return EntitySummary(iri=mint(self.base_iri, key), type=key.type, ref=key.ref, label=self.label(i, lang))

    def keys(self, numbers: range) -> KeyView:
        """The keys of the entities ``numbers`` (e.g. ``of_type``), made only as they are read."""
        return KeyView(self, numbers)

    def own_names(self, i: int) -> list[str]:
        """The names entity ``i`` has of its own (its labels, each once), for graph.search; [] for none."""
        joined = self.names[i]
        return joined.split("\n") if joined else []

    def record(self, i: int) -> Record:
        """The record of entity ``i``: its lines of records.jsonl, merged."""
        fragments = []
        with open(self.records, "rb") as lines:
            for line in self.lines[i]:
                offset, length = self.line_spans[line]
                lines.seek(int(offset))
                fragments.append(from_json(orjson.loads(lines.read(int(length)))))
        return next(iter(merge(fragments).values()))

    def incoming(self, i: int) -> list[tuple[str, int]]:
        """``(slot, entity)`` for every link to entity ``i`` but a source's (as graph.network has them: once per
        entity and slot), in the order the linking records were read."""
        return [(self.slots[int(link) & 0xFF], int(link) >> 8) for link in self.incoming_links[i]]

    @classmethod
    def build(cls, records: Path, base_iri: str) -> EntityIndex:
        """The index of the build whose records.jsonl is ``records`` (read once, line by line)."""
        with paused_gc():
            return _Reading(records).index(base_iri)


class KeyView(Sequence[Key]):
    """The keys of a range of entity numbers, as a sequence that makes a key only when it is read."""

    def __init__(self, entities: EntityIndex, numbers: range) -> None:
        self.entities, self.numbers = entities, numbers

    def __len__(self) -> int:
        return len(self.numbers)

    @overload
    def __getitem__(self, at: int) -> Key: ...

    @overload
    def __getitem__(self, at: slice) -> list[Key]: ...

    def __getitem__(self, at: int | slice) -> Key | list[Key]:
        if isinstance(at, slice):
            return [self.entities.key(i) for i in self.numbers[at]]
        return self.entities.key(self.numbers[at])


class _Reading:
    """One pass over records.jsonl, numbering entities as they are first named (as a record or a link); then
    renumbered in (type, ref) order."""

    def __init__(self, records: Path) -> None:
        self.records = records
        self.numbers: dict[str, int] = {}
        self.keys: list[Key] = []
        self.first_line: list[int] = []
        self.texts: list[list[Text]] = []
        self.ends: dict[int, list[int]] = {}
        self.line_entity, self.line_offset, self.line_length = array("i"), array("q"), array("i")
        self.link_source, self.link_slot, self.link_target = array("i"), array("B"), array("i")
        vocab = vocabulary()
        self.slot_codes = {name: code for code, name in enumerate(vocab.slots)}
        self.relations = {name: relation[:2] for name, relation in vocab.qualified_relations.items()}

    def number(self, type_: str, ref: str) -> int:
        name = f"{type_}\x00{ref}"
        number = self.numbers.get(name)
        if number is None:
            number = self.numbers[name] = len(self.keys)
            self.keys.append(Key(type_, ref))
            self.first_line.append(-1)
            self.texts.append([])
        return number

    def read(self) -> None:
        """Number every entity and note its lines, labels, links and (for a relation) its two ends; the loop binds
        what it calls to local names, as it runs once per line (10^7 lines at 10^6 projects)."""
        number, first_line, texts, ends_of = self.number, self.first_line, self.texts, self.ends
        add_line, add_offset, add_length = self.line_entity.append, self.line_offset.append, self.line_length.append
        add_source, add_slot, add_target = self.link_source.append, self.link_slot.append, self.link_target.append
        slot_codes, relations, loads = self.slot_codes, self.relations, orjson.loads
        offset = 0
        with open(self.records, "rb") as lines:
            for count, line in enumerate(lines):
                item = loads(line)
                entity = number(item["type"], item["ref"])
                add_line(entity)
                add_offset(offset)
                add_length(len(line))
                offset += len(line)
                if first_line[entity] < 0:
                    first_line[entity] = count
                ends = relations.get(item["type"], ())
                for slot, values in item["values"].items():
                    if slot == "label":
                        texts[entity].extend(Text(v["text"], v["lang"]) for v in values)
                        continue
                    code = slot_codes[slot]
                    for value in values:
                        if value.__class__ is dict and "key" in value and value["key"][0] != "Source":
                            target = number(*value["key"])
                            add_source(entity)
                            add_slot(code)
                            add_target(target)
                            if slot in ends:
                                ends_of.setdefault(entity, [-1, -1])[ends.index(slot)] = target

    def index(self, base_iri: str) -> EntityIndex:
        self.read()
        size = len(self.keys)
        by_type: dict[str, list[int]] = {}
        for number, key in enumerate(self.keys):
            if self.first_line[number] >= 0:  # a record of its own (every link's target has one in a build)
                by_type.setdefault(key.type, []).append(number)
        types = sorted(by_type)
        order = [n for t in types for n in sorted(by_type[t], key=lambda n: self.keys[n].ref)]
        renumber = np.full(size, -1, dtype=np.int64)
        renumber[order] = np.arange(len(order))
        labels = {lang: self._labels(order, renumber, lang) for lang in LANGUAGES}
        line_entity = renumber[np.frombuffer(self.line_entity, dtype=np.int32)]
        return EntityIndex(
            records=self.records,
            base_iri=base_iri,
            types=types,
            type_starts=np.cumsum([0, *(len(by_type[t]) for t in types)]),
            refs=Texts.of([self.keys[n].ref for n in order]),
            labels={lang: Texts.of(names) for lang, names in labels.items()},
            names=Texts.of(["\n".join(dict.fromkeys(t.value for t in self.texts[n])) for n in order]),
            lines=Grouped.of(line_entity, np.arange(len(line_entity)), len(order)),
            line_spans=np.column_stack(
                [np.frombuffer(self.line_offset, dtype=np.int64), np.frombuffer(self.line_length, dtype=np.int32)]
            ),
            incoming=self._incoming(renumber, len(order)),
        )

    def _labels(self, order: list[int], renumber: np.ndarray, lang: str) -> list[str]:
        """The display names in ``lang`` in the new order, a relation's made of its two ends' names."""
        names = [display_label(Record(self.keys[n], {"label": tuple(self.texts[n])}), lang) for n in order]
        labels = list(names)
        for number, (one, other) in self.ends.items():
            if one >= 0 and other >= 0 and min(renumber[[number, one, other]]) >= 0:
                labels[renumber[number]] = f"{names[renumber[one]]} — {names[renumber[other]]}"
        return labels

    def _incoming(self, renumber: np.ndarray, size: int) -> Grouped:
        """Per entity, ``source << 8 | slot`` of each link to it: once per source and slot, in the order the
        sources' records were first read."""
        old_source = np.frombuffer(self.link_source, dtype=np.int32)
        source, target = renumber[old_source], renumber[np.frombuffer(self.link_target, dtype=np.int32)]
        code = source << 8 | np.frombuffer(self.link_slot, dtype=np.uint8)
        read = np.arange(len(code))
        first = np.asarray(self.first_line, dtype=np.int64)[old_source]
        by_link = np.lexsort((read, code, target))
        t, c = target[by_link], code[by_link]
        once = by_link[np.concatenate([[True], (t[1:] != t[:-1]) | (c[1:] != c[:-1])]) & (t >= 0) & (c >= 0)]
        once = once[np.lexsort((read[once], first[once], target[once]))]
        return Grouped.of(target[once], code[once], size)
