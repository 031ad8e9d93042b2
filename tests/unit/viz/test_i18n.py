"""The pages' texts: every text in the templates and page modules has its Dutch, the catalogue holds nothing
else, and the schema gives every class, slot and enum value a name in both languages."""

from __future__ import annotations

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from ontology.vocab import LANGUAGES, vocabulary
from tests.support import ROOT
from viz.i18n import LOCALE, gettext, number
from viz.templates import environment

METHOD_MAP = [
    ("api/**.py", "python"),
    ("graph/**.py", "python"),
    ("loaders/**.py", "python"),
    ("records/**.py", "python"),
    ("viz/**.py", "python"),
    ("viz/templates/**.html", "jinja2"),
]
OPTIONS = {"viz/templates/**.html": {"extensions": "jinja2.ext.i18n"}}


def _extracted() -> set[str]:
    ids = set()
    for _, _, message, _, _ in extract_from_dir(ROOT, METHOD_MAP, OPTIONS):
        ids.add(message if isinstance(message, str) else message[0])
    return ids


def test_catalogue_translates_exactly_the_texts_in_use():
    with (LOCALE / "nl" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalogue = read_po(handle)
    entries = {m.id if isinstance(m.id, str) else m.id[0]: m for m in catalogue if m.id}
    used = _extracted()
    assert sorted(used - entries.keys()) == [], "texts without Dutch: run `make translations` and translate them"
    assert sorted(entries.keys() - used) == [], "texts no page uses any more: run `make translations`"
    untranslated = [i for i, m in entries.items() if not (m.string if isinstance(m.string, str) else all(m.string))]
    assert untranslated == []
    assert [i for i, m in entries.items() if m.fuzzy] == []


def test_layout_in_both_languages():
    template = environment().from_string('{% extends "layout.html" %}')
    from viz.i18n import Language

    dutch = template.render(lang=Language("nl", "/viz/gaps", "year=2018"))
    english = template.render(lang=Language("en", "/viz/gaps", "year=2018"))
    assert '<html lang="nl">' in dutch and ">Lacunes<" in dutch and 'href="/viz/gaps?year=2018&amp;lang=en"' in dutch
    assert '<html lang="en">' in english and ">Gaps<" in english and ">Nederlands<" in english


def test_python_texts_and_numbers():
    assert gettext("nl")("Gaps") == "Lacunes"
    assert gettext("en")("Gaps") == "Gaps"
    assert (number(66447, "nl"), number(66447, "en")) == ("66.447", "66,447")


def test_every_schema_name_has_both_languages():
    vocab = vocabulary()
    for cls in vocab.classes.values():
        assert all(cls.labels.get(lang) for lang in LANGUAGES), cls.name
    for slot in vocab.slots.values():
        assert all(slot.labels.get(lang) for lang in LANGUAGES), slot.name
    for enum in vocab.enum_defs.values():
        for value, labels in enum.values.items():
            assert all(labels.get(lang) for lang in LANGUAGES), f"{enum.name}.{value}"


def test_enum_values_read_as_words():
    vocab = vocabulary()
    assert vocab.value_label("status", "in_progress", "nl") == "in uitvoering"
    assert vocab.value_label("status", "in_progress", "en") == "in progress"
    assert vocab.value_label("organisation_kind", "municipal_government", "nl") == "stads- of gemeentebestuur"
    assert vocab.value_label("role", "founding_member", "nl") == "stichtend lid"
    assert vocab.value_label("had_role", "funder", "en") == "funder"
    assert vocab.value_label("theme", "energy", "nl") == "energy"  # not an enum: unchanged
    assert vocab.classes["Municipality"].label("en") == "municipality"
