"""Widgets of the evidence screen: survey upload with column kinds to confirm, and segment cards."""
