"""Widgets of the group step on the empathy screen."""
