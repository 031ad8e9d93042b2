"""The Neo4j projection: records -> nodes and relationships, the batched full sync, and read-only Cypher."""
