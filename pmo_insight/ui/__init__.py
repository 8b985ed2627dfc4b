"""Streamlit widgets shared by several screens; one module per widget family."""
