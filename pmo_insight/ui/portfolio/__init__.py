"""The portfolio's widgets: a workshop's department and sponsor on Home, and the Portfolio screen's parts."""
