"""The LIRES schema: stated once in lires.yaml, compiled into generated/ (see generate.py)."""
