"""Widgets every screen shares: conflicts, drafts that survive a page switch, pickers, grid look, widget state."""
