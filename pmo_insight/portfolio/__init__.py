"""The PMO's portfolio: every workshop at once (roll-ups, recurring pains, links, deck, command)."""
