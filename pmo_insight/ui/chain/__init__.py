"""The insight chain screen's widgets: the graph, the traceability table, the health panel."""
