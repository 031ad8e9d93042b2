"""Finding entities by name, the way a person types one: any case, accents, spaces or hyphens, in Dutch or
English, with the Flemish abbreviation "st" for "sint".

Every name (each language's label) is *folded* (``fold``): lowercased, diacritics dropped, every run of
characters that is not a letter or digit read as one word break, and a word ``st`` read as ``sint`` (as in
"St-Truiden", "St.-Niklaas"); matching then ignores the word breaks altogether, so "sint truiden",
"Sint-Truïden", "st-truiden" and "sinttruiden" all find Sint-Truiden. A query matches a name

0. exactly (the whole name),
1. as a prefix of the name,
2. from the start of one of its words ("truiden" in Sint-Truiden, "genk" in Stad Genk),
3. anywhere in it ("ruide");

hits are ranked in that order, then shorter names first, then by name. A query whose word ``st`` might also
begin another word ("st" for "Stad Genk") is tried both as typed and expanded, and keeps its best rank.

Sources, memberships and participations are not searched: they have no name of their own.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from records.model import Key, Record, Text

SEARCHED_TYPES = (
    "Municipality",
    "Subregion",
    "Arrondissement",
    "Province",
    "Organisation",
    "Structure",
    "Strategy",
    "Objective",
    "Project",
)
"""The types search looks at, in the order their groups are shown."""
RANKS = ("exact", "prefix", "word", "contains")
"""How a hit matched, best first (its index is the hit's ``rank``)."""
ABBREVIATIONS = {"st": "sint"}
"""Word -> the word it abbreviates, applied to names and queries alike."""
_BREAK = re.compile(r"[^0-9a-z]+")


def _words(text: str) -> list[str]:
    """Lowercase words without diacritics: 'Sint-Truïden' -> ['sint', 'truiden']."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))
    return [w for w in _BREAK.split(plain) if w]


def fold(text: str) -> str:
    """The searchable form of a name or query: words as in ``_words`` with abbreviations expanded, joined by one
    space: 'St.-Truïden' -> 'sint truiden'."""
    return " ".join(ABBREVIATIONS.get(w, w) for w in _words(text))


@dataclass(frozen=True)
class _Name:
    compact: str
    """The folded name without word breaks: 'sinttruiden'."""
    starts: tuple[int, ...]
    """Where each word begins in ``compact``."""
    text: str


def _name(text: str) -> _Name:
    words = fold(text).split()
    starts, at = [], 0
    for word in words:
        starts.append(at)
        at += len(word)
    return _Name("".join(words), tuple(starts), text)


def _rank(name: _Name, query: str) -> int | None:
    if name.compact == query:
        return 0
    if name.compact.startswith(query):
        return 1
    if any(name.compact.startswith(query, i) for i in name.starts[1:]):
        return 2
    return 3 if query in name.compact else None


def _variants(query: str) -> set[str]:
    """The compact forms to try for a query: as typed, and with abbreviations expanded."""
    words = _words(query)
    return {v for v in ("".join(words), "".join(ABBREVIATIONS.get(w, w) for w in words)) if v}


@dataclass(frozen=True)
class Hit:
    """One entity found: its key, how well it matched (``rank``, see RANKS) and the name that matched."""

    key: Key
    rank: int
    matched: str

    @property
    def match(self) -> str:
        """``exact``, ``prefix``, ``word`` or ``contains``."""
        return RANKS[self.rank]


class SearchIndex:
    """The folded names of the searched entities of one build; ``search`` answers a query from them."""

    def __init__(self, entries: list[tuple[Key, tuple[_Name, ...]]]) -> None:
        self._entries = entries

    def __len__(self) -> int:
        return len(self._entries)

    def search(self, query: str, types: Collection[str] | None = None) -> list[Hit]:
        """Every entity (of ``types``, default all searched types) with a name matching ``query``, best first
        (see the module docstring). An empty or punctuation-only query matches nothing."""
        variants = _variants(query)
        hits = []
        for key, names in self._entries:
            if types is not None and key.type not in types:
                continue
            best: tuple[int, int, str] | None = None
            for name in names:
                for variant in variants:
                    rank = _rank(name, variant)
                    if rank is not None and (best is None or (rank, len(name.compact)) < best[:2]):
                        best = (rank, len(name.compact), name.text)
            if best is not None:
                hits.append((best, key))
        hits.sort(key=lambda h: (h[0][0], h[0][1], h[0][2].casefold(), h[1]))
        return [Hit(key, rank, text) for (rank, _, text), key in hits]


def search_index(records: Iterable[Record]) -> SearchIndex:
    """The search index of ``records``: the Dutch and English names (``label``) of every record of a
    SEARCHED_TYPES type, folded once. Build it once per build (api.current.LoadedGraph.memo keeps it); costs
    one pass over the records and about 200 bytes per name. A record without a name is found by its ref."""
    entries = []
    for rec in records:
        if rec.key.type not in SEARCHED_TYPES:
            continue
        texts = dict.fromkeys(v.value for v in rec.values.get("label", ()) if isinstance(v, Text)) or [rec.key.ref]
        entries.append((rec.key, tuple(_name(t) for t in texts)))
    return SearchIndex(entries)
