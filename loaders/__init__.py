"""Loaders: read the files in data/ and yield canonical records with their provenance.

A loader never knows about RDF stores, networkx or Neo4j (see graph/ for those).
"""
