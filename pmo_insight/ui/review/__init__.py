"""The review widgets: the reading view, comments, decisions, the reviewer's name, sharing links."""
