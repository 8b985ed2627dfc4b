"""The history screen's widgets: the review rhythm, snapshots, what changed."""
