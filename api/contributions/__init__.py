"""HCTS liaison, upwards: what a committee sends to HCTS (*remontées*) and HCTS's answers."""
