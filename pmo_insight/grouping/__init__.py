"""Grouping the room's notes: groups on the empathy board, suggested groups, near-duplicates, group votes."""
