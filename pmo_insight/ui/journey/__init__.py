"""The journey screen's widgets: the stage-column map and its cards, the grid, the stage editor, the read-outs."""
