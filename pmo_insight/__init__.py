"""PMO Insight Studio: a customer-insight workshop from evidence to KPI (persona → empathy map → journey → canvas).

The layers, bottom up: ``errors``/``i18n``, the models, :mod:`pmo_insight.domain`, :mod:`pmo_insight.persistence`,
the services and feature folders, :mod:`pmo_insight.ui` and ``web``; the README's Layout section draws it.
"""
