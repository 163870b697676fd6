"""The tests' own layout: a test module imports helpers from factories and helper modules,
never from another test module (its tests would run twice, and helpers hidden in a test
module get copied instead of shared)."""

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def imported_modules(source: str, path: Path) -> set[str]:
    """Every module `source` (the text of `path`) imports, and every name it imports from
    one as `module.name` (a submodule may be imported either way)."""
    modules: set[str] = set()
    package = path.parent.relative_to(TESTS.parent).parts
    for node in ast.walk(ast.parse(source, filename=str(path))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: resolved against the importing package
                parts = [*package[: len(package) - node.level + 1], *filter(None, [base])]
                base = ".".join(parts)
            modules.add(base)
            modules.update(f"{base}.{alias.name}" for alias in node.names)
    return modules


def of_test_modules(modules: set[str]) -> list[str]:
    return sorted(
        m for m in modules if m.startswith("tests.") and m.rsplit(".", 1)[-1].startswith("test_")
    )


def test_no_test_module_imports_another() -> None:
    offenders = [
        f"{path.relative_to(TESTS.parent)} imports {module}"
        for path in sorted(TESTS.rglob("*.py"))
        for module in of_test_modules(imported_modules(path.read_text(), path))
    ]

    assert offenders == []


def test_the_check_sees_every_form_of_import() -> None:
    at = TESTS / "programmes" / "test_example.py"
    for source in (
        "from tests.programmes.test_deliverables import add\n",
        "from tests.programmes import test_deliverables\n",
        "import tests.programmes.test_deliverables\n",
        "from .test_deliverables import add\n",
        "from . import test_deliverables\n",
    ):
        found = of_test_modules(imported_modules(source, at))
        assert "tests.programmes.test_deliverables" in found, source
    assert (
        of_test_modules(imported_modules("from tests.programmes.factories import an_action\n", at))
        == []
    )
