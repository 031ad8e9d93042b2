# The LIRES Graph app image. On its own it builds the graph from data/ and serves it (embedded Oxigraph, no
# Neo4j); docker-compose.yml runs it with Neo4j and adds `lires neo4j-load`. See docs/neo4j.md.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app

COPY pyproject.toml constraints.txt ./
COPY api ./api
COPY cli ./cli
COPY graph ./graph
COPY loaders ./loaders
COPY ontology ./ontology
COPY records ./records
COPY viz ./viz
RUN pip install --constraint constraints.txt . && rm -rf build *.egg-info

COPY data ./data
RUN useradd --system --create-home --home-dir /var/lib/lires lires
USER lires

ENV LIRES_DATA=/app/data LIRES_STORE=/var/lib/lires/store
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=4)"]
CMD ["sh", "-c", "lires build && exec lires serve --host 0.0.0.0 --port 8000"]
