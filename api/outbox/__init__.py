"""Domain events, written in the transaction of the change they record (the outbox)."""
