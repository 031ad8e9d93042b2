"""Municipal boundaries placed in the data directory (loaders.boundaries): the build keeps them, the map draws them
as areas under the symbols; a file in the wrong coordinates is refused with the feature at fault."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import ApiSettings
from graph.build import build
from loaders.boundaries import BOUNDARIES
from records.findings import DataError
from tests.support import BASE, DATA, UNLIMITED


def squares(half: float) -> dict:
    """A test FeatureCollection (not real boundaries): a square of ``half`` degrees around each municipality
    centre of data/municipality_centres.csv, the NIS code in ``NISCODE`` as in Informatie Vlaanderen's file."""
    with (DATA / "municipality_centres.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    features = []
    for row in rows:
        lat, lon = float(row["latitude"]), float(row["longitude"])
        ring = [[lon - half, lat - half], [lon + half, lat - half], [lon + half, lat + half], [lon - half, lat + half]]
        features.append(
            {
                "type": "Feature",
                "properties": {"NISCODE": row["nis_code"]},
                "geometry": {"type": "Polygon", "coordinates": [[*ring, ring[0]]]},
            }
        )
    return {"type": "FeatureCollection", "features": features}


@pytest.fixture(scope="module")
def with_boundaries(tmp_path_factory) -> TestClient:
    data = tmp_path_factory.mktemp("boundaries") / "data"
    shutil.copytree(DATA, data)
    (data / BOUNDARIES).write_text(json.dumps(squares(0.01)), encoding="utf-8")
    store = data.parent / "store"
    build(data, store, BASE)
    return TestClient(create_app(ApiSettings(store=store, data=data, base_iri=BASE, rate_limit=UNLIMITED)))


def test_the_map_draws_the_boundaries_under_the_symbols(with_boundaries):
    html = with_boundaries.get("/viz/map").text
    areas = re.findall(r'<a href="/doc/(municipality/\d+)" class="area"', html)
    symbols = re.findall(r'<a href="/doc/(municipality/\d+)" class="place"', html)
    assert len(areas) == 34, "the municipalities of today that have a boundary in the file"
    assert set(areas) <= set(symbols) and len(symbols) == 38
    assert html.index('class="area"') < html.index('class="place"'), "areas first, symbols on top"
    assert "Grenzen: het bestand municipality_boundaries.geojson" in html
    assert "gemeentegrens (uit de datamap)" in html
    assert html.count('class="area"') == len(re.findall(r'<path d="M[\d. L]+ Z"', html))


def test_without_boundaries_the_map_has_symbols_only(client):
    assert 'class="area"' not in client.get("/viz/map").text


def test_boundaries_in_metres_are_refused_with_the_feature(tmp_path: Path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    lambert = squares(0.01)
    lambert["features"][2]["geometry"]["coordinates"] = [
        [[230000, 180000], [231000, 180000], [231000, 181000], [230000, 180000]]
    ]
    (data / BOUNDARIES).write_text(json.dumps(lambert), encoding="utf-8")
    with pytest.raises(DataError) as raised:
        build(data, tmp_path / "store", BASE)
    finding = raised.value.findings[0]
    assert (finding.file, finding.line, finding.column) == (BOUNDARIES, 3, "geometry")
    assert "expected WGS 84 longitude and latitude" in finding.message and "ogr2ogr" in finding.message
    assert not (tmp_path / "store" / "current").exists(), "nothing switched in"
