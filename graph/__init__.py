"""Projections of the canonical records: the RDF store, the networkx graph (and Neo4j)."""
