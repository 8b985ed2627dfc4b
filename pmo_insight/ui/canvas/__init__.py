"""The value canvas screen's widgets: the canvas picture, its editors, KPI actuals."""
