"""Who may open the app at all: the facilitator link, the direct-loopback check and the sign-in throttle.

Nothing here imports Streamlit; :mod:`pmo_insight.ui.shell.gate` applies it to a browser session.
"""
