"""The Streamlit side, grouped like the features: one folder per screen or feature (personas, empathy, journey,
canvas, chain, history, review, live, present), ``common`` for widgets every screen shares and ``shell`` for the
front door (roles, sign-in). Pages call these; these call services and the domain, never the other way round."""
