"""Example queries on the real data, offered in the query editor at /sparql."""

from __future__ import annotations

from ontology.vocab import vocabulary

PREFIXES = ("skos", "lires", "geo", "schema", "prov", "org", "owl")

QUERIES = [
    (
        "Gemeenten van het arrondissement Maaseik (vandaag)",
        """
SELECT ?municipality ?name ?nis ?population WHERE {
  ?municipality a lires:Municipality ; skos:prefLabel ?name ; lires:nisCode ?nis ;
                geo:sfWithin <{base}id/arrondissement/72000> .
  OPTIONAL { ?municipality lires:population ?population }
  FILTER NOT EXISTS { ?municipality schema:validThrough ?end }
} ORDER BY ?name""",
    ),
    (
        "Projecten met de meeste partners",
        """
SELECT ?project (SAMPLE(?label) AS ?name) (COUNT(DISTINCT ?partner) AS ?partners) WHERE {
  ?project a prov:Activity ; skos:prefLabel ?label ; prov:wasAssociatedWith ?partner .
} GROUP BY ?project ORDER BY DESC(?partners) ?project""",
    ),
    (
        "SALK-doelstellingen als SKOS-boom",
        """
SELECT ?objective ?notation ?name ?broader WHERE {
  ?objective skos:inScheme <{base}id/strategy/salk> ; skos:prefLabel ?name .
  OPTIONAL { ?objective skos:notation ?notation }
  OPTIONAL { ?objective skos:broader ?broader }
} ORDER BY ?notation ?objective""",
    ),
    (
        "Wie neemt deel aan welke structuur, in welke rol",
        """
SELECT ?structure ?structureName ?member ?memberName ?role WHERE {
  ?membership a org:Membership ; org:organization ?structure ; org:member ?member .
  ?structure skos:prefLabel ?structureName .
  ?member skos:prefLabel ?memberName .
  OPTIONAL { ?membership org:role/skos:prefLabel ?role FILTER(LANG(?role) = "nl") }
} ORDER BY ?structureName ?memberName""",
    ),
    (
        "Links naar andere registers (gemeenteregister, Wikidata, KBO, NUTS)",
        """
SELECT ?thing ?name ?link WHERE {
  { ?thing owl:sameAs ?link } UNION { ?thing lires:nutsRegion ?link }
  ?thing skos:prefLabel ?name .
} ORDER BY ?thing ?link""",
    ),
    (
        "Aantal entiteiten per klasse",
        """
SELECT ?class (COUNT(?entity) AS ?entities) WHERE {
  ?entity a ?class .
} GROUP BY ?class ORDER BY DESC(?entities) ?class""",
    ),
    (
        "Alles over Genk (DESCRIBE, een graaf)",
        """
DESCRIBE <{base}id/municipality/71016>""",
    ),
]
"""(title, query body with ``{base}`` for the base IRI), the first one opened by default."""


def examples(base: str) -> list[dict[str, str]]:
    """``[{"title", "query"}]``: each query with the PREFIX lines it needs and ``base`` filled in."""
    prefixes = vocabulary().prefixes
    out = []
    for title, body in QUERIES:
        query = body.replace("{base}", base).strip()
        used = [p for p in PREFIXES if f"{p}:" in query]
        header = "".join(f"PREFIX {p}: <{prefixes[p]}>\n" for p in used)
        out.append({"title": title, "query": header + query})
    return out
