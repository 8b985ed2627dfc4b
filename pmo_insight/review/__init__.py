"""Business leads review a workshop: share links, comments, decisions bound to what was seen."""
