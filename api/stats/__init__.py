"""Aggregated figures of the network: computed in the database, as JSON or CSV."""
