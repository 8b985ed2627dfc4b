"""The live room's widgets: the shared screen's panel and board, the participant's phone, join links."""
