"""The ``lires`` command line: one module per command, assembled in cli.main."""
