"""The empathy map screen's widgets: the board of sticky notes."""
