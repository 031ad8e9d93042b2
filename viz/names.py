"""How the pages name things in running text: entities in the reader's language, objectives by their code in
their plan, and short lists ("LRM, POM Limburg en 2 andere")."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from records.labels import display_label
from records.model import Key, Record
from viz.i18n import gettext, number, translations


def name(records: Mapping[Key, Record], key: Key, lang: str) -> str:
    """The entity's display name in ``lang`` (else the other language, else its ref)."""
    return display_label(records[key], lang)


def strategy_short(records: Mapping[Key, Record], strategy: Key, lang: str) -> str:
    """A strategy's short name: its name up to a dash (``SALK – Strategisch Actieplan ...`` -> ``SALK``)."""
    return name(records, strategy, lang).split(" – ")[0].split(" (")[0]


def objective_name(records: Mapping[Key, Record], objective: Key, lang: str) -> str:
    """``SALK 1.6 Lopende investeringsdossiers`` for an objective with a code in its plan (skos:notation), else its
    name; a name that already starts with the strategy's short name (``SALK part 1 – ...``) is kept as it is."""
    record = records[objective]
    notation, label = record.first("notation"), name(records, objective, lang)
    scheme = record.one("in_scheme", Key)
    if notation is None or scheme is None:
        return label
    short = strategy_short(records, scheme, lang)
    if label.startswith(short):
        return label
    # "Operationele doelstelling 1.1" already holds its code: not "... 1.1 Operationele doelstelling 1.1"
    return f"{short} {label}" if str(notation) in label.split() else f"{short} {notation} {label}"


def listing(names: Sequence[str], lang: str, limit: int = 3) -> str:
    """``A``, ``A en B``, ``A, B en C``, ``A, B, C en 2 andere`` (English: and, more), at most ``limit`` names."""
    _ = gettext(lang)
    if len(names) > limit:
        shown, rest = list(names[:limit]), len(names) - limit
        return _("%(names)s and %(n)s more") % {"names": ", ".join(shown), "n": rest}
    if len(names) < 2:
        return "".join(names)
    return _("%(names)s and %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]}


def counted(type_: str, n: int, lang: str) -> str:
    """``31 gemeenten``, ``1 project``: ``n`` entities of a type the pages count, in ``lang``."""
    t = translations(lang)
    forms = {
        "Municipality": t.ngettext("%(n)s municipality", "%(n)s municipalities", n),
        "Organisation": t.ngettext("%(n)s organisation", "%(n)s organisations", n),
        "Structure": t.ngettext("%(n)s structure", "%(n)s structures", n),
        "Project": t.ngettext("%(n)s project", "%(n)s projects", n),
        "Strategy": t.ngettext("%(n)s strategy", "%(n)s strategies", n),
        "Objective": t.ngettext("%(n)s objective", "%(n)s objectives", n),
    }
    return forms[type_] % {"n": number(n, lang)}
