"""Exports of a build: RDF dumps, network files for Gephi and Cytoscape, CSV tables (see files.py)."""
