"""The personas screen's widgets: cards, the compact gallery, the grid, the evidence behind an item."""
