"""Service layer: plain functions taking a session and keyword arguments, raising domain errors."""
