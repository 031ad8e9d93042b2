"""The pages' own texts in Dutch and English: gettext catalogues read with Babel, compiled from the ``.po`` on
first use (no ``.mo`` is committed), and the language a page is shown in.

Source texts (msgids) are English, in the templates (``{% trans %}``, ``_()``) and in the Python modules that
write page text (``_ = gettext(lang)``); ``viz/locale/nl/LC_MESSAGES/messages.po`` holds their Dutch. English
needs no catalogue. Names of classes, properties and enum values come from the schema instead
(``ontology.vocab``), never from here. ``make translations`` re-extracts the texts and updates the catalogue;
tests/unit/viz/test_i18n.py fails when a text has no Dutch translation.

How a request's language is chosen (``lang`` parameter, cookie, Accept-Language, Dutch) is api.language's job.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations

from ontology.vocab import vocabulary
from records.findings import Finding

LOCALE = Path(__file__).with_name("locale")
"""``{lang}/LC_MESSAGES/messages.po`` per translated language."""
LANGUAGES = ("nl", "en")
"""The languages of the site; the first is the default."""
DEFAULT = LANGUAGES[0]
NAMES = {"nl": "Nederlands", "en": "English"}
"""Each language's name in itself (the switch shows the other one)."""
NUMBER_LOCALES = {"nl": "nl_BE", "en": "en_GB"}
"""The CLDR locale whose number format each language uses (66.447 in Dutch, 66,447 in English)."""


@cache
def translations(lang: str) -> NullTranslations:
    """The compiled catalogue of ``lang``: read from its ``.po`` and compiled in memory on first use; English
    (the source language) and any language without a catalogue translate nothing."""
    po = LOCALE / lang / "LC_MESSAGES" / "messages.po"
    if not po.exists():
        return NullTranslations()
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled)


def gettext(lang: str) -> Callable[[str], str]:
    """The ``_`` of ``lang`` for Python code that writes page text: ``gettext("nl")("gap")`` -> ``lacune``."""
    return translations(lang).gettext


def finding_text(finding: Finding, lang: str) -> str:
    """What a loader finding says was expected, in ``lang``: ``verwacht een NIS-code van vijf cijfers, zoals
    71016``; schema class names given to it by their display name (``organisatie``)."""
    classes = vocabulary().classes
    return finding.text(gettext(lang), lambda name: classes[name].label(lang) if name in classes else name)


def number(value: int | float | Decimal, lang: str) -> str:
    """A number as ``lang`` writes it, exactly as given: 66447 -> ``66.447`` (nl) / ``66,447`` (en)."""
    return format_decimal(value, locale=NUMBER_LOCALES[lang], decimal_quantization=False)


@dataclass(frozen=True)
class Language:
    """The language a page is shown in (``code``) and the URL it was asked for (``path``, ``query``), so the
    page can link to itself in the other language."""

    code: str = DEFAULT
    path: str = "/"
    query: str = ""

    def __str__(self) -> str:
        return self.code

    @property
    def switch(self) -> list[dict[str, str]]:
        """Links to this page in every other language: ``[{"code", "name", "href"}]``; ``href`` is this URL with
        ``lang`` set (the server then remembers the choice in a cookie)."""
        kept = [(k, v) for k, v in parse_qsl(self.query, keep_blank_values=True) if k != "lang"]
        return [
            {"code": code, "name": NAMES[code], "href": f"{self.path}?{urlencode([*kept, ('lang', code)])}"}
            for code in LANGUAGES
            if code != self.code
        ]
