"""The RDF store is chosen from settings in one place, and a remote one is refused at start-up when incomplete."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from graph.settings import Settings
from graph.store import open_current
from graph.stores.base import StoreError
from graph.stores.choose import rdf_store
from graph.stores.oxigraph import OxigraphStore
from graph.stores.sparql import SparqlStore
from tests.support import BASE

REMOTE = {"rdf_store": "sparql", "rdf_store_query_url": "http://127.0.0.1:3030/lires/sparql"}


def test_the_embedded_store_is_the_default():
    assert isinstance(rdf_store(Settings(base_iri=BASE)), OxigraphStore)


def test_a_remote_store_is_a_setting():
    store = rdf_store(Settings(base_iri=BASE, **REMOTE, rdf_store_data_url="http://127.0.0.1:3030/lires/data"))
    assert isinstance(store, SparqlStore) and store.remote
    assert store.prefix == f"{BASE}graph/"


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({"rdf_store": "sparql"}, "needs LIRES_RDF_STORE_QUERY_URL"),
        (REMOTE, "LIRES_RDF_STORE_DATA_URL .* or LIRES_RDF_STORE_UPDATE_URL"),
        ({**REMOTE, "rdf_store_update_url": "http://h/u", "rdf_store_user": "lires"}, "USER and .*PASSWORD together"),
        ({"rdf_store": "qlever"}, "oxigraph.*sparql"),
        ({**REMOTE, "rdf_store_query_url": "not a url", "rdf_store_update_url": "http://h/u"}, "URL"),
    ],
)
def test_an_incomplete_remote_store_is_refused_at_start_up(given: dict, message: str):
    with pytest.raises(ValidationError, match=message):
        Settings(base_iri=BASE, **given)


def test_the_password_stays_out_of_the_settings_repr():
    settings = Settings(
        base_iri=BASE, **REMOTE, rdf_store_update_url="http://h/u", rdf_store_user="lires", rdf_store_password="s3cret!"
    )
    assert "s3cret!" not in repr(settings) and "s3cret!" not in str(settings.model_dump())


def test_a_build_opened_with_another_kind_of_store_says_so(store: Path):
    remote = SparqlStore(Settings(base_iri=BASE, **REMOTE, rdf_store_update_url="http://h/u"))
    with pytest.raises(StoreError, match="written to the 'oxigraph' store, but LIRES_RDF_STORE is 'sparql'"):
        _ = open_current(store, remote).rdf
