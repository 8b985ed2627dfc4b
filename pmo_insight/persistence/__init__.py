"""Persistence: the engine and unit of work, the workshop revision, loading the chain, restoring a backup.

Below the services and above the domain: it turns rows into the domain's records (and a checked backup
into rows) and imports no service.
"""
