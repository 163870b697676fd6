"""The `world` fixture of the permission matrix."""

from tests.permissions.world import world

__all__ = ["world"]
