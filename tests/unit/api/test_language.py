"""How a request's language is chosen: parameter, cookie, Accept-Language, Dutch."""

from __future__ import annotations

import pytest

from api.language import accepted, resolve
from viz.i18n import Language


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("nl-BE,nl;q=0.9,en;q=0.8", "nl"),
        ("en-GB,en;q=0.9,nl;q=0.5", "en"),
        ("fr-BE,fr;q=0.9,en;q=0.4", "en"),
        ("de, fr;q=0.5", None),
        ("en;q=0, nl;q=0.1", "nl"),
        ("*", None),
        ("en;q=abc, nl;q=0.2", "nl"),
        ("", None),
        (None, None),
    ],
)
def test_accept_language_picks_the_best_site_language(header, expected):
    assert accepted(header) == expected


@pytest.mark.parametrize(
    ("query", "cookie", "header", "expected"),
    [
        ("en", "nl", "nl", "en"),  # the parameter wins
        (None, "en", "nl", "en"),  # then the remembered choice
        (None, None, "en-US,en;q=0.9", "en"),  # then the browser
        (None, None, None, "nl"),  # Dutch when nothing says otherwise
        ("fr", "xx", "de", "nl"),  # values that are no site language are ignored
        ("EN", None, None, "en"),
    ],
)
def test_resolve_order(query, cookie, header, expected):
    assert resolve(query, cookie, header) == expected


def test_switch_links_keep_the_query_and_replace_lang():
    lang = Language("nl", "/viz/gaps", "year=2018&lang=nl&strategy=salk")
    assert lang.switch == [{"code": "en", "name": "English", "href": "/viz/gaps?year=2018&strategy=salk&lang=en"}]
