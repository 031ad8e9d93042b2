"""docker-compose.yml and the Dockerfile agree with the app: settings' environment names, ports, commands,
the Neo4j version of scripts/neo4j. They are parsed, not run (no Docker engine needed)."""

from __future__ import annotations

import re
import shlex
import tomllib
from pathlib import Path

import dockerfile
import pytest
import typer.main
import yaml

from cli.main import app
from graph.settings import Settings
from tests.support import ROOT

SETTINGS_ENV = {f"LIRES_{name.upper()}" for name in Settings.model_fields} | {
    "NEO4J_URI",
    "NEO4J_USER",
    "NEO4J_PASSWORD",
}
"""Every environment variable Settings reads."""
VARIABLE = re.compile(r"\$\{(\w+)(?::[?-]([^}]*))?\}")


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def image() -> dict[str, list]:
    """Dockerfile instructions by name (FROM, ENV, ...), each a list of their values."""
    found: dict[str, list] = {}
    for command in dockerfile.parse_file(str(ROOT / "Dockerfile")):
        found.setdefault(command.cmd.upper(), []).append(command.value)
    return found


def interpolate(text: str, env: dict[str, str]) -> str:
    """Compose's ${VAR}, ${VAR:-default} and ${VAR:?error} with ``env``."""
    return VARIABLE.sub(lambda m: env.get(m[1]) or m[2] or "", text)


def lires_steps(command: list[str]) -> list[list[str]]:
    """`sh -c "lires a && lires b && exec lires c ..."` -> [["a"], ["b"], ["c", ...]]."""
    assert command[:2] == ["sh", "-c"]
    steps = [shlex.split(step) for step in command[2].split("&&")]
    return [step[step.index("lires") + 1 :] for step in steps]


def serve_port(step: list[str]) -> int:
    return int(step[step.index("--port") + 1])


def test_neo4j_service_matches_the_dev_script(compose):
    neo4j = compose["services"]["neo4j"]
    pom = (ROOT / "scripts" / "neo4j" / "pom.xml").read_text(encoding="utf-8")
    version = re.search(r"<neo4j.version>(\d+\.\d+)\.\d+</neo4j.version>", pom)[1]
    assert neo4j["image"] == f"neo4j:{version}-community" == "neo4j:5.26-community"
    assert VARIABLE.fullmatch(neo4j["environment"]["NEO4J_AUTH"].removeprefix("neo4j/"))[1] == "NEO4J_PASSWORD"
    assert "cypher-shell" in " ".join(neo4j["healthcheck"]["test"])
    assert any(v.split(":")[1] == "/data" for v in neo4j["volumes"])
    assert "127.0.0.1:7687:7687" in neo4j["ports"]


def test_neo4j_restarts_and_bounds_transactions_like_the_dev_script(compose):
    """The settings scripts/neo4j-local.sh writes into neo4j.conf (defaults) are the compose file's, in the
    image's NEO4J_ environment naming (``.`` -> ``_``, ``_`` -> ``__``)."""
    script = (ROOT / "scripts" / "neo4j-local.sh").read_text(encoding="utf-8")
    defaults = dict(re.findall(r'^(\w+)="\$\{NEO4J_\w+:-([^}]*)\}"$', script, re.MULTILINE))
    conf = dict(re.findall(r"^((?:db|dbms)\.[\w.]+)=(\S+)$", script, re.MULTILINE))
    wanted = {
        name: defaults.get(value.lstrip("$"), value)
        for name, value in conf.items()
        if name.startswith(("db.memory.transaction", "dbms.memory.transaction", "db.transaction."))
    }
    assert set(wanted) == {
        "db.memory.transaction.max",
        "db.memory.transaction.total.max",
        "dbms.memory.transaction.total.max",
        "db.transaction.timeout",
        "db.transaction.monitor.check.interval",
    }
    environment = compose["services"]["neo4j"]["environment"]
    assert {name: environment["NEO4J_" + name.replace("_", "__").replace(".", "_")] for name in wanted} == wanted
    assert compose["services"]["neo4j"]["restart"] == compose["services"]["app"]["restart"] == "unless-stopped"


def test_app_waits_for_healthy_neo4j_and_uses_its_settings(compose):
    app_service, neo4j = compose["services"]["app"], compose["services"]["neo4j"]
    assert app_service["depends_on"]["neo4j"]["condition"] == "service_healthy"
    env = app_service["environment"]
    assert set(env) <= SETTINGS_ENV
    assert VARIABLE.fullmatch(env["NEO4J_PASSWORD"])[1] == "NEO4J_PASSWORD"
    bolt_ports = {p.rsplit(":", 1)[1] for p in neo4j["ports"]}
    assert re.fullmatch(r"bolt://neo4j:(\d+)", env["NEO4J_URI"])[1] in bolt_ports
    values = {k: interpolate(str(v), {"NEO4J_PASSWORD": "compose-test-pw"}) for k, v in env.items()}
    settings = Settings(**{k.removeprefix("LIRES_").lower(): v for k, v in values.items()})
    assert (settings.neo4j_uri, settings.neo4j_user) == ("bolt://neo4j:7687", "neo4j")
    assert settings.base_iri == "https://w3id.org/lires/"
    store = Path(env["LIRES_STORE"])
    assert any(store.is_relative_to(v.split(":")[1]) for v in app_service["volumes"])


def test_app_runs_build_load_and_serve_on_the_published_port(compose, image):
    cli = typer.main.get_command(app)
    steps = lires_steps(compose["services"]["app"]["command"])
    assert [s[0] for s in steps] == ["build", "neo4j-load", "serve"]
    for step in steps:
        options = {o for p in cli.commands[step[0]].params for o in p.opts}
        assert {a for a in step[1:] if a.startswith("--")} <= options
    port = serve_port(steps[-1])
    assert f"127.0.0.1:{port}:{port}" in compose["services"]["app"]["ports"]
    assert image["EXPOSE"] == [(str(port),)]


def test_dockerfile_installs_the_project_with_its_pins(image):
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    packages = {p.rstrip("*") for p in pyproject["tool"]["setuptools"]["packages"]["find"]["include"]}
    sources = {src.strip("./") for value in image["COPY"] for src in value[:-1]}
    assert packages | {"pyproject.toml", "constraints.txt", "data"} <= sources
    assert any("--constraint constraints.txt ." in " ".join(run) for run in image["RUN"])
    python = re.fullmatch(r"python:(3\.\d+)-slim", image["FROM"][0][0])[1]
    assert python in ("3.11", "3.12")  # pyproject: requires-python >=3.11,<3.13


def test_dockerfile_environment_and_default_command(image, compose):
    pairs = [v for values in image["ENV"] for v in values]
    env = dict(zip(pairs[::2], pairs[1::2], strict=True))
    lires_env = {k for k in env if k.startswith(("LIRES_", "NEO4J_"))}
    assert lires_env == {"LIRES_DATA", "LIRES_STORE"} and lires_env <= SETTINGS_ENV
    assert env["LIRES_DATA"] == "/app/data"
    assert env["LIRES_STORE"] == compose["services"]["app"]["environment"]["LIRES_STORE"]
    steps = lires_steps(list(image["CMD"][0]))
    assert [s[0] for s in steps] == ["build", "serve"]
    assert (serve_port(steps[-1]),) == tuple(map(int, image["EXPOSE"][0]))
    assert "/health" in " ".join(image["HEALTHCHECK"][0])
