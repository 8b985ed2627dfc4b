"""The front door's widgets: which role a browser session has, sign-in, and the texts Streamlit draws itself."""
