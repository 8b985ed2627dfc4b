"""Quality nudges on screen."""
