"""The change feed: the outbox read back in order, as far as the caller may see it."""
