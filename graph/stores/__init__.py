"""Where the builds' RDF lives: one interface (base), the embedded Oxigraph store, any SPARQL 1.1 store."""
