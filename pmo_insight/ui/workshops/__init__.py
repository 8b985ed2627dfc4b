"""Home's widgets: who sits at the table."""
