"""Altair charts built from plain data: no Streamlit, so they can be tested and exported."""
