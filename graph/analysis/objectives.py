"""Objectives as SKOS concept schemes: lineage along ``skos:broader`` and roll-up to the top objective."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from records.model import Key, Record


def lineage(records: Mapping[Key, Record], objective: Key) -> tuple[Key, ...]:
    """``objective`` and its broader objectives up to the top of its scheme (narrowest first).

    Raises ValueError when the ``broader`` chain loops.
    """
    chain = [objective]
    while (rec := records.get(chain[-1])) is not None and (broader := rec.one("broader", Key)) is not None:
        if broader in chain:
            raise ValueError(f"skos:broader loops at objective {broader.ref}")
        chain.append(broader)
    return tuple(chain)


def closure(records: Mapping[Key, Record], objectives: Iterable[Key]) -> frozenset[Key]:
    """The objectives with every broader objective they roll up to."""
    return frozenset(o for objective in objectives for o in lineage(records, objective))


def narrowest(records: Mapping[Key, Record], objectives: Iterable[Key]) -> list[Key]:
    """Those of ``objectives`` that are not broader than another one of them, in record order."""
    given = set(objectives)
    broader = {o for objective in given for o in lineage(records, objective)[1:]}
    return [k for k in records if k in given and k not in broader]


def scheme_tops(records: Mapping[Key, Record], strategy: Key | None = None) -> list[Key]:
    """Top objectives (no ``broader``) of every scheme, or of ``strategy``'s scheme, in record order."""
    return [
        k
        for k, r in records.items()
        if k.type == "Objective"
        and r.first("broader") is None
        and (strategy is None or r.first("in_scheme") == strategy)
    ]


def scheme(records: Mapping[Key, Record], objective: Key) -> Key:
    """The strategy whose concept scheme ``objective`` is in (``skos:inScheme``, required by the schema).

    Raises KeyError for an unknown objective, ValueError for one without a scheme.
    """
    found = records[objective].one("in_scheme", Key)
    if found is None:
        raise ValueError(f"objective {objective.ref} is in no scheme")
    return found


def in_scheme(records: Mapping[Key, Record], strategy: Key) -> list[Key]:
    """Every objective of ``strategy``'s scheme, in record order."""
    return [k for k, r in records.items() if k.type == "Objective" and r.first("in_scheme") == strategy]
