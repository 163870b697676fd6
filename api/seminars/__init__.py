"""The network's seminars (twice a year) and who each committee registers to them."""
