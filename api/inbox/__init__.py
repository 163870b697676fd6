"""A committee's inbox: what HCTS and the network sent its way, with read state."""
