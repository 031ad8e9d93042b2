"""What a build publishes: the dataset description (DCAT-AP-VL, VoID, SPARQL service description), the dump
files in every format, CSV tables and network files for Gephi and Cytoscape."""
