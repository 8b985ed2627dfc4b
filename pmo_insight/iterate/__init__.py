"""The iteration loop: snapshots of the chain, what changed between two of them, KPI actuals and
the review rhythm (the seed article's third pitfall, one-off use)."""
