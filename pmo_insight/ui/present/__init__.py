"""Presenter mode's views."""
