"""HCTS liaison, downwards: publications and their relays, axes, calls for candidates,
and the committees' college at HCTS (representatives' mandates)."""
