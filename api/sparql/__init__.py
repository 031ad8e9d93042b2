"""The SPARQL 1.1 Protocol query service: query checks and serialisation, worker processes, example queries."""
