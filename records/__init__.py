"""The canonical records: the contract between the loaders and every projection (RDF, networkx, Neo4j, API).

Imports nothing of ours but ``ontology/``.
"""
