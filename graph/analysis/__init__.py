"""Gap and synergy analysis on the canonical records (pure functions; no I/O, no global state).

``scope`` chooses what is looked at (a year, a strategy, a territorial partition, one
subregion); ``coverage``, ``gaps``, ``synergy`` and ``metrics`` answer from that scope;
``results`` turns answers into records (RDF) and CSV rows.
"""
