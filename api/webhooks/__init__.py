"""Webhooks: a machine client's URLs, sent the change feed's events it may read, signed."""
