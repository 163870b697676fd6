"""The network newsletter: numbered issues made of items."""
