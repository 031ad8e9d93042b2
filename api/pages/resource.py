"""What the page of a described resource that is not an entity shows (/doc/ as HTML for the catalogue, its record,
the distributions, the data services, agents, the role scheme and its roles): its name, and each property with its
values, linked where they are IRIs (ours to their /doc/ page), a blank node's own properties inline."""

from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox

from ontology.vocab import vocabulary

NAMES = ("skos:prefLabel", "dcterms:title", "foaf:name", "vcard:fn")
"""Properties that name a resource, the first found naming the page."""


def curie(iri: str) -> str:
    """``dcterms:title`` for ``http://purl.org/dc/terms/title``: the longest schema prefix that fits, else the IRI."""
    prefixes = sorted(vocabulary().prefixes.items(), key=lambda p: -len(p[1]))
    for prefix, namespace in prefixes:
        if iri.startswith(namespace) and prefix != "linkml":
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def name(triples: list[ox.Triple], node: ox.NamedNode | ox.BlankNode, lang: str) -> str | None:
    """The resource's name in ``lang``, else in any language, from NAMES; None when it has none."""
    vocab = vocabulary()
    for prop in (ox.NamedNode(vocab.expand(n)) for n in NAMES):
        found = [t.object for t in triples if t.subject == node and t.predicate == prop]
        texts = [o for o in found if isinstance(o, ox.Literal)]
        for literal in sorted(texts, key=lambda o: o.language != lang):
            return str(literal.value)
    return None


def page(triples: list[ox.Triple], iri: str, base: str, lang: str = "nl") -> dict:
    """``{"label", "types", "facts": [(property CURIE, [{"text", "href"?, "lang"?, "facts"?}])]}``: ``facts`` of a
    value are a blank node's own, one level deep; IRIs under ``{base}id/`` link to their /doc/ page."""
    subject = ox.NamedNode(iri)
    rdf_type = ox.NamedNode(vocabulary().expand("rdf:type"))

    def value(term) -> dict:
        if isinstance(term, ox.Literal):
            return {"text": term.value, **({"lang": term.language} if term.language else {})}
        if isinstance(term, ox.BlankNode):
            return {"text": "", "facts": rows(term, nested=False)}
        own = term.value.startswith(f"{base}id/")
        label = name(triples, term, lang) or (curie(term.value) if not own else term.value)
        return {"text": label, "href": "/doc/" + term.value.split("/id/", 1)[1] if own else term.value}

    def rows(node, nested: bool = True) -> list[tuple[str, list[dict]]]:
        grouped: dict[str, list[dict]] = defaultdict(list)
        for t in triples:
            if t.subject == node and t.predicate != rdf_type:
                shown = value(t.object) if nested or not isinstance(t.object, ox.BlankNode) else {"text": "…"}
                grouped[curie(t.predicate.value)].append(shown)
        return sorted(grouped.items())

    return {
        "label": name(triples, subject, lang) or iri,
        "types": sorted(
            curie(t.object.value)
            for t in triples
            if t.subject == subject and t.predicate == rdf_type and isinstance(t.object, ox.NamedNode)
        ),
        "facts": rows(subject),
    }
