"""The permission matrix's `world`: its callers and committees."""

from tests.permissions.world import world

__all__ = ["world"]
