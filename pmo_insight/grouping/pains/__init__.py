"""Groups of a customer journey's pains: the group step of the journey screen (its touchpoints' pains)."""
