"""Every event type the code emits is in the feed's catalogue (else only network_admin would
read it, and `types=` could not ask for it)."""

import ast
from pathlib import Path

from api.changes.catalogue import ALL_TYPES, ChangeType

API = Path(__file__).resolve().parents[2] / "api"
EMITTERS = {"emit", "_emit", "emit_meeting"}


def _emitted() -> list[tuple[str, str]]:
    """(where, type) of each emit call: a literal, or an f-string's fixed start."""
    found = []
    for path in sorted(API.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if not (isinstance(node, ast.Call) and len(node.args) >= 2):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", None))
            if name not in EMITTERS:
                continue
            arg = node.args[1]
            where = f"{path.relative_to(API.parent)}:{node.lineno}"
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                found.append((where, arg.value))
            elif isinstance(arg, ast.JoinedStr) and isinstance(arg.values[0], ast.Constant):
                found.append((where, str(arg.values[0].value) + "*"))
    return found


def test_every_emitted_type_is_in_the_catalogue() -> None:
    emitted = _emitted()
    assert len(emitted) > 40  # the scan finds them
    missing = [
        f"{where}: {type}"
        for where, type in emitted
        if not (
            type in ALL_TYPES
            or (type.endswith("*") and any(t.startswith(type[:-1]) for t in ALL_TYPES))
        )
    ]
    assert missing == []


def test_the_types_parameter_lists_the_catalogue() -> None:
    assert [t.value for t in ChangeType] == list(ALL_TYPES)
    assert len(set(ALL_TYPES)) == len(ALL_TYPES)
