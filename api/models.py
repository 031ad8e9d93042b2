"""The request and response models of the API's own routes (entities, Cypher, health, admin); the analysis
routes return the typed reports of graph.analysis.report as they are."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from graph.analysis.what_if import InvalidPlan
from graph.summary import EntitySummary
from viz.i18n import finding_text


class FacetValue(BaseModel):
    """One value of a facet with the number of matching entities under it."""

    value: str = Field(description="The value to pass as the facet's parameter, e.g. noord-limburg, in_progress")
    label: str = Field(description="Its name in the request's language")
    count: int


class EntityList(BaseModel):
    """A page of entities, the number of all that match, and per facet how many of them fall under each value
    (``type``, ``subregion``, ``arrondissement``, ``strategy``, ``status``, ``partner_kind``)."""

    data: list[EntitySummary]
    count: int
    limit: int
    offset: int
    facets: dict[str, list[FacetValue]] = {}


class Suggestion(EntitySummary):
    """A search suggestion: the entity, its type's name, how its name matched and the page to open."""

    type_label: str = Field(description="The type's name in the request's language, e.g. gemeente")
    match: Literal["exact", "prefix", "word", "contains"]
    matched: str = Field(description="The name that matched (Dutch or English)")
    href: str = Field(description="Its page, e.g. /doc/municipality/71072")


class Suggestions(BaseModel):
    """Search suggestions for a query, best first, and how many entities match in all."""

    query: str
    count: int
    data: list[Suggestion]


class Link(EntitySummary):
    """A neighbour: the slot linking them and the direction seen from the entity."""

    slot: str
    direction: str = Field(description="out: entity -> neighbour; in: neighbour -> entity")


class Source(BaseModel):
    """A source the entity's facts come from."""

    iri: str
    url: str | None
    title: str


class EntityDetail(EntitySummary):
    """One entity: literal properties by slot, links to neighbours, sources, and its subregion if a municipality."""

    properties: dict[str, list[Any]]
    links: list[Link]
    sources: list[Source]
    subregion: str | None = Field(None, description="Municipalities only: LIRES subregion or 'not assigned'")


class Neo4jLoad(BaseModel):
    """The last ``lires neo4j-load`` (graph.neo4j.load_state): ``complete``, or ``loading`` while it runs and after
    it was interrupted (the graph may be half-written); the build loaded and the last complete load."""

    state: str
    build: str
    started_at: str
    finished_at: str | None = None
    complete_build: str | None = None
    complete_at: str | None = None
    summary: str


class Health(BaseModel):
    """Service status: ``ok`` when a graph is served, ``degraded`` when a backend is down or Neo4j holds an
    incomplete load, ``no_graph`` before a build."""

    status: str
    built_at: str | None = None
    triples: int | None = None
    entities: dict[str, int] = {}
    backends: dict[str, str] = {}
    neo4j_load: Neo4jLoad | None = Field(None, description="The last load into Neo4j, when Neo4j answers")


class BuildSummary(BaseModel):
    """The new current build: its directory name, entities per type, triples, warnings and seconds per step."""

    build: str
    entities: dict[str, int]
    triples: int
    warnings: int = Field(description="Data warnings (see `lires validate`)")
    seconds: dict[str, float]


class DataFinding(BaseModel):
    """One problem in the data, where a person finds it: the file, the workbook sheet (null for a text file), the
    row (0: the whole file), the column as the file heads it, the cell (``F12``, where the column is known by its
    letter), the value found and what was expected, in the request's language."""

    file: str
    sheet: str | None
    row: int
    column: str
    cell: str | None
    value: str | None
    expected: str


class UploadReport(BaseModel):
    """What became of an uploaded workbook: ``accepted`` (the graph was rebuilt with it and is served) or not
    (``errors``, at most 1000, and ``more`` beyond them; the previous graph keeps serving). ``upload`` is the name
    it is kept under in the store's ``uploads/`` folder, either way."""

    accepted: bool
    upload: str
    build: BuildSummary | None = None
    errors: list[DataFinding] = []
    more: int = 0
    warnings: list[DataFinding] = []


class PlanProblem(BaseModel):
    """Why a value of a plan cannot be read: the project (1-based), its field, the value and what was expected."""

    project: int
    field: str
    value: str | None
    expected: str


class PlanProblems(BaseModel):
    """The 422 body of /api/what-if: the common error body plus every problem of the plan."""

    error: str
    detail: str
    problems: list[PlanProblem]


def plan_problems(error: InvalidPlan, lang: str) -> list[PlanProblem]:
    """The problems of a refused plan, what was expected said in ``lang``."""
    return [
        PlanProblem(project=n, field=field, value=f.value, expected=finding_text(f, lang))
        for n, field, f in error.problems
    ]


class Neo4jSummary(BaseModel):
    """The Neo4j graph after a full sync: nodes per label, relationships per type, Neo4j's change counters."""

    nodes: dict[str, int]
    relationships: dict[str, int]
    counters: dict[str, int]
    changed: bool = Field(description="False when Neo4j already held exactly the current build")
    seconds: float


class CypherQuery(BaseModel):
    """A Cypher query with bound parameters (``$name`` in the query text)."""

    query: str = Field(
        min_length=1, max_length=100_000, examples=["MATCH (m:Municipality {key: $nis}) RETURN m.name_nl AS name"]
    )
    parameters: dict[str, Any] = Field(default_factory=dict, examples=[{"nis": "71016"}])


class CypherRows(BaseModel):
    """The result: column names, one list of values per row (in column order), and the row count."""

    columns: list[str]
    data: list[list[Any]]
    count: int


class ViewNode(BaseModel):
    """A dot of the network view: a group of entities (opens on a click), an entity, or the rest of an open
    group's entities beyond the ones shown (``more``: shows the next page on a click)."""

    id: str = Field(
        description="Group id (e.g. territory:noord-limburg), entity id (e.g. project/t2-campus) or "
        "the id of a group's next page (group~40)"
    )
    kind: Literal["group", "entity", "more"]
    label: str
    type: str | None = Field(
        description="Entity type (class name) of the entity or of a group's members; null for a group of several types"
    )
    count: int = Field(description="Entities the dot stands for (1 for an entity)")
    radius: float = Field(description="Drawn radius, pixels")
    colour: str = Field(description="Fill colour, #rrggbb (see legend)")
    x: float = Field(description="Position, pixels")
    y: float
    href: str | None = Field(None, description="The entity's page")
    pinned: bool = Field(False, description="An entity asked for (focus), shown even inside a closed group")
    facts: list[tuple[str, str]] = Field(default_factory=list, description="Key facts for the tooltip")


class ViewEdge(BaseModel):
    """A line between two dots: how many links of the cooperation network it stands for, or a synergy suggestion
    between two entities (drawn dashed)."""

    source: str
    target: str
    weight: int = Field(description="Links it stands for")
    text: str = Field(description="What the line means, in the request's language")
    synergy: bool = False


class LegendEntry(BaseModel):
    """One colour (or line) of the picture and what it means."""

    colour: str
    label: str
    shape: Literal["dot", "group", "line", "dashed"] = "dot"


class NetworkView(BaseModel):
    """What the network pages draw for the groups opened: dots with server-computed positions, the lines between
    them, a legend for every colour and size, and the open groups (state for the next request)."""

    nodes: list[ViewNode]
    edges: list[ViewEdge]
    legend: list[LegendEntry]
    sizes: str = Field(description="What a dot's size means, in the request's language")
    open: list[str] = Field(description="The ids of the groups shown open")
    entities: int = Field(description="Entities in the view (drawn or inside groups)")
    note: str | None = Field(None, description="What the view leaves out or why it is what it is")


class ViewQuery(BaseModel):
    """What a network view shows besides its scope (the query of /api/overview and of the network pages)."""

    open: str = Field("", max_length=4000, description="Comma-separated ids of the groups to show open")
    focus: str = Field(
        "", max_length=1000, description="Comma-separated entity ids to focus on, e.g. organisation/stad-genk"
    )
    hops: int = Field(1, ge=1, le=3, description="Links around the focus shown")
    types: str | None = Field(
        None,
        max_length=200,
        description="Comma-separated entity types shown, e.g. Organisation,Project; all when absent",
    )
    objective: str | None = Field(
        None, max_length=100, description="Objective ref: only the projects serving it, their partners and places"
    )
    size: Literal["degree", "betweenness"] = Field("degree", description="An entity's size: links or broker role")
    colour: Literal["type", "community"] = Field("type", description="An entity's colour: its type or community")
    synergies: bool = Field(False, description="Draw synergy suggestions between drawn entities (dashed)")

    def items(self, field: str) -> tuple[str, ...]:
        """The comma-separated values of ``field``, blanks dropped."""
        value = getattr(self, field) or ""
        return tuple(v.strip() for v in value.split(",") if v.strip())


class PathHop(BaseModel):
    """One step of a path: the entity reached, by which relation (and role) from the entity before it."""

    entity: EntitySummary = Field(description="The entity this step reaches")
    relation: str = Field(
        description="partner, location, member, governs (cooperation); serves, strategy, broader, in_scheme "
        "(agenda); subregion, sf_within (territory)"
    )
    forward: bool = Field(description="True when the relation runs from the entity before to this one as stated")
    role: str | None = Field(None, description="The role where the data gives one (PartnerRole, MembershipRole)")
    text: str = Field(description="The step in words, in the request's language, e.g. partner in (developer)")


class Path(BaseModel):
    """A path: its cost (cooperation links weigh 1, agenda links 2, territory links 3), its steps, and the whole
    path in words."""

    cost: int
    hops: list[PathHop]
    text: str = Field(description="E.g. Stad Genk — partner in — Thor Park Genk — located in — Genk")


class Paths(BaseModel):
    """Up to ``max`` cheapest paths between two entities (none when they are not connected in the scope)."""

    source: EntitySummary = Field(description="The entity the paths start from (``from``)")
    target: EntitySummary = Field(description="The entity they reach (``to``)")
    paths: list[Path]
