"""The gap heatmap and the dataset page in English (``?lang=en``): the same real figures as the Dutch pages, in
English words and English number formats, and none of the catalogue's Dutch."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest
from babel.messages.pofile import read_po

from viz.i18n import LOCALE

PLACEHOLDER = re.compile(r"%\(\w+\)s")


def english(client, path: str) -> str:
    """The page at ``path`` in English (the session's client is shared: its language cookie is cleared)."""
    response = client.get(path + ("&" if "?" in path else "?") + "lang=en", headers={"Accept": "text/html"})
    client.cookies.clear()
    assert response.status_code == 200
    return response.text


def shown(html: str) -> str:
    """What a person reads: the text and the tooltips (SVG titles), without styles and scripts."""
    html = re.sub(r"<(style|script)\b.*?</\1>", " ", html, flags=re.S)
    return unescape(re.sub(r"<[^>]+>", "\n", html))


def dutch_phrases() -> set[str]:
    """The Dutch of the catalogue, cut at its placeholders: every piece of at least two words that is not in its
    English source (``inwoners op``, ``geen project (lacune)``)."""
    with (LOCALE / "nl" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalogue = read_po(handle)
    phrases = set()
    for message in catalogue:
        if not message.id:
            continue
        english_text = " ".join(message.id) if isinstance(message.id, tuple) else message.id
        for text in message.string if isinstance(message.string, tuple) else [message.string]:
            for piece in PLACEHOLDER.split(text):
                piece = piece.strip(" .,:;()")
                if " " in piece and len(piece) >= 10 and piece not in english_text:
                    phrases.add(piece)
    return phrases


def gaps_data(html: str) -> dict:
    return json.loads(
        unescape(re.search(r'<script type="application/json" id="gaps-data">(.*?)</script>', html).group(1))
    )


def test_gap_cell_summary_in_english(client):
    html = english(client, "/viz/gaps?year=2018")
    cells = gaps_data(html)["cells"]
    # the four SALK 1 projects in Midden-Limburg in 2018, one with a budget (Thor Park: 57 million)
    assert cells["salk-1|midden-limburg"]["summary"] == (
        "4 projects; budget reported for 1 of 4: €57,000,000; no amount per inhabitant: not every municipality has "
        "a population figure"
    )
    assert cells["salk-1|noord-limburg"]["summary"] == "no project (gap)"
    assert cells["salk-1|maasland"]["summary"] == "no municipalities known in this deelregio"
    assert "SALK part 1 – short-term actions — not assigned: " in shown(html)


def test_gap_page_in_english(client):
    html = english(client, "/viz/gaps")
    text = shown(html)
    cells = gaps_data(html)["cells"]
    assert cells["salk-3|midden-limburg"]["summary"] == (
        "2 projects; budget reported for 2 of 2: €892,000,000; €5,821.47 per inhabitant (indicative: inhabitants "
        "of different reference dates added up; budgets of different scope added up)"
    )
    assert (
        "Empty cells mostly show thin data, not proven gaps in the agenda: 97 of the 201 projects have no objective "
        "in the data and 50 no location, so they fill no cell; the deelregio of 25 of the 38 municipalities is not "
        "known (municipalities known for 2 of the 5 deelregio's: Noord-Limburg, Midden-Limburg)."
    ) in text
    notes = re.findall(r'<li data-mark="[^"]+">([^<]*)</li>', html)
    assert [unescape(n) for n in notes] == [
        "¹ Noord-Limburg: 141,413 inhabitants on 1 Jan 2022.",
        "² Midden-Limburg: 153,226 inhabitants: sum of figures on 1 Jan 2020 and 1 Jan 2022 (no population on one "
        "day).",
        "³ not assigned: 500,468 inhabitants: sum of figures on 1 Jan 2020 and 1 Jan 2022 (no population on one "
        "day); without Hasselt (no figure).",
    ]
    for heading in ("Biggest gaps", "Objectives without a project (34)", "Missing data", "Click a cell"):
        assert f"<h2>{heading}</h2>" in html, heading
    assert "141,413 inh.¹" in text and "no municipalities" in text
    assert "IJzeren Rijn: no objective or location" in text
    assert "ABVV Limburg (social partner)" in text


def test_dataset_page_in_english(client):
    html = english(client, "/dataset")
    assert "<h1>LIRES Graph: regional economic cooperation in Limburg</h1>" in html
    assert "<tr><th>municipality</th><td>50</td></tr>" in html  # class names in English, not Municipality
    assert '<a href="/dumps/csv/municipality.csv">municipality</a>' in html
    assert '<tr><th>Vocabulary</th><td><a href="/ns" id="vocabulary">' in html
    for label in ("Publisher", "Licence", "Last modified", "SPARQL endpoint", "Entities per class"):
        assert f">{label}<" in html, label


def test_dataset_page_in_dutch_links_the_vocabulary(client):
    html = client.get("/dataset", headers={"Accept": "text/html"}).text
    assert "<h1>LIRES Graph: regionale economische samenwerking in Limburg</h1>" in html
    assert '<tr><th>Vocabularium</th><td><a href="/ns" id="vocabulary">' in html
    assert "<tr><th>gemeente</th><td>50</td></tr>" in html


@pytest.mark.parametrize(
    "path",
    ["/viz/gaps", "/viz/gaps?by=arrondissement&year=2018", "/dataset", "/", "/viz/plan", "/completeness"],
)
def test_no_dutch_from_the_catalogue_on_english_pages(client, path):
    text = shown(english(client, path))
    assert sorted(p for p in dutch_phrases() if p in text) == []
