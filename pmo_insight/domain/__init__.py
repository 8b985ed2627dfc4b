"""The domain: the insight chain and everything computed from it, as pure functions over loaded data.

A :class:`~pmo_insight.domain.chain.WorkshopChain` holds one workshop's rows as frozen records; fit,
health and the five pitfalls, the value statement, traceability, journey analysis, KPI progress, the
review fingerprint, the backup format and the diff between two backups are computed from it. Nothing
here imports Streamlit, opens a database session or calls a service: the persistence side loads the
chain (:mod:`pmo_insight.persistence.chain_loader`) and the services and screens use what this computes.
"""
