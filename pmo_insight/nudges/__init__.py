"""Quality nudges on notes, boards and canvases (pure rules in :mod:`pmo_insight.nudges.rules`)."""
