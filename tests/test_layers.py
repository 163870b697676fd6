"""Imports between `api/` packages only point down (DESIGN §5): a package may import the
packages of lower layers, and those of its own layer as long as no cycle forms. No exception."""

import ast
import itertools
from collections.abc import Iterator
from pathlib import Path

API = Path(__file__).resolve().parents[1] / "api"

# Lowest first. A module directly under api/ (main.py, db.py...) is a package of its own;
# "api" is the root package itself (its docstring).
LAYERS: list[set[str]] = [
    {"api", "config", "core"},  # settings and what every domain shares
    {"db", "idempotency", "outbox"},  # infrastructure
    {"auth"},  # tokens, passwords, the current subject, permissions
    {"territories", "organisations", "committees"},  # directory
    {"people", "bodies", "memberships", "meetings"},  # participation
    {"users", "clients"},  # administration: logins and their grants, machine clients
    {"working_groups", "programmes"},  # work
    {"hcts", "contributions", "seminars", "newsletter", "inbox"},  # liaison
    {"stats", "sync", "changes", "webhooks", "scim", "imports"},
    {"tables", "main", "cli", "demo"},  # entry points
]
LAYER_OF = {package: level for level, packages in enumerate(LAYERS) for package in packages}


def _package(module: str) -> str:
    """`api.people.service` -> `people`; `api` -> `api`."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "api"


def _imports(path: Path) -> Iterator[tuple[int, str]]:
    """(line, imported api module) for every absolute import of `api...` in the file;
    `from api.people import service` yields `api.people.service`."""
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, a.name) for a in node.names if a.name.split(".")[0] == "api")
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and _is_api(node.module):
            for alias in node.names:
                yield node.lineno, _module_or_parent(f"{node.module}.{alias.name}")


def _is_api(module: str | None) -> bool:
    return module is not None and module.split(".")[0] == "api"


def _module_or_parent(name: str) -> str:
    """`name` when it is a module or package under api/, else its parent (a name inside it)."""
    location = API.parent.joinpath(*name.split("."))
    if location.is_dir() or location.with_suffix(".py").is_file():
        return name
    return name.rpartition(".")[0]


def _edges() -> list[tuple[str, str, str, int, str]]:
    """(importer package, imported package, file, line, module) across packages."""
    edges = []
    for path in sorted(API.rglob("*.py")):
        relative = path.relative_to(API)
        importer = (
            relative.parts[0].removesuffix(".py") if relative.parts != ("__init__.py",) else "api"
        )
        for line, module in _imports(path):
            imported = _package(module)
            if imported != importer:
                edges.append((importer, imported, f"api/{relative}", line, module))
    return edges


def test_every_package_has_a_layer() -> None:
    packages = {
        p.name.removesuffix(".py")
        for p in API.iterdir()
        if p.suffix == ".py" or (p / "__init__.py").is_file()
    }
    packages = {"api" if p == "__init__" else p for p in packages}
    assert packages <= LAYER_OF.keys(), (
        f"place these in LAYERS: {sorted(packages - LAYER_OF.keys())}"
    )


def test_imports_never_point_up() -> None:
    upward = [
        f"{file}:{line}: {importer} (layer {LAYER_OF[importer]}) imports {module} "
        f"(layer {LAYER_OF[imported]}, above)"
        for importer, imported, file, line, module in _edges()
        if LAYER_OF[imported] > LAYER_OF[importer]
    ]
    assert upward == [], "imports must point down (tests/test_layers.py LAYERS):\n" + "\n".join(
        upward
    )


def test_packages_of_one_layer_import_each_other_without_cycles() -> None:
    same_layer: dict[str, dict[str, list[str]]] = {}
    for importer, imported, file, line, module in _edges():
        if LAYER_OF[imported] == LAYER_OF[importer]:
            same_layer.setdefault(importer, {}).setdefault(imported, []).append(
                f"{file}:{line}: {module}"
            )
    cycles = []
    for start in sorted(same_layer):
        path = _cycle_from(start, same_layer)
        if path:
            steps = itertools.pairwise(path)
            cycles.append(
                " -> ".join(path) + "\n" + "\n".join(f"  {same_layer[a][b][0]}" for a, b in steps)
            )
    assert cycles == [], "packages import each other in a cycle:\n" + "\n".join(cycles)


def _cycle_from(start: str, graph: dict[str, dict[str, list[str]]]) -> list[str]:
    """A path start -> ... -> start through `graph`, or [] (depth-first)."""
    stack = [(start, [start])]
    seen: set[str] = set()
    while stack:
        node, path = stack.pop()
        for nxt in sorted(graph.get(node, {})):
            if nxt == start:
                return [*path, start]
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, [*path, nxt]))
    return []


def test_no_package_imports_another_packages_routes() -> None:
    found = [
        f"{file}:{line}: {importer} imports {module}"
        for importer, imported, file, line, module in _edges()
        if module.split(".")[2:3]
        and module.split(".")[2].startswith("routes")
        and importer != "main"
    ]
    assert found == [], "routes are mounted by the app factory only:\n" + "\n".join(found)


# The entry points assemble every domain: they may touch any table.
ASSEMBLERS = {"tables", "main", "cli", "demo"}


def test_a_domain_reads_another_domains_tables_only_through_its_service() -> None:
    """Outside its package, a table class (or anything else of a `models` module) is named only
    as a type: in annotations, or as what an `Annotated[...]` guard injects. Queries over it,
    columns of it and new rows of it go through the owner's service (which decides what others
    may read: a person's names, never their contact details)."""
    misuse = []
    for path in sorted(API.rglob("*.py")):
        relative = path.relative_to(API)
        package = relative.parts[0].removesuffix(".py")
        if package in ASSEMBLERS:
            continue
        tree = ast.parse(path.read_text(), str(path))
        foreign = _foreign_model_names(tree, package)
        in_types = _type_positions(tree)
        misuse += [
            f"api/{relative}:{node.lineno}: {node.id} ({foreign[node.id]})"
            for node in ast.walk(tree)
            if isinstance(node, ast.Name) and node.id in foreign and id(node) not in in_types
        ]
        misuse += [
            f"api/{relative}:{node.lineno}: imports the module {node.module}.models"
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom)
            and _is_api(node.module)
            and _package(str(node.module)) not in (package, "core")
            and any(alias.name == "models" for alias in node.names)
        ]
    assert misuse == [], "use the owner's service instead of its tables:\n" + "\n".join(misuse)


def _foreign_model_names(tree: ast.Module, package: str) -> dict[str, str]:
    """Local name -> module, for what the file imports from another package's `models`."""
    return {
        alias.asname or alias.name: str(node.module)
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        and _is_api(node.module)
        and str(node.module).split(".")[2:3] == ["models"]
        and _package(str(node.module)) not in (package, "core")
        for alias in node.names
    }


def _type_positions(tree: ast.Module) -> set[int]:
    """ids of the nodes that sit in a type: annotations and the first argument of Annotated."""
    roots: list[ast.AST] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            arguments = node.args
            every = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
            every += [a for a in (arguments.vararg, arguments.kwarg) if a is not None]
            roots += [a.annotation for a in every if a.annotation is not None]
            roots += [node.returns] if node.returns is not None else []
        elif isinstance(node, ast.AnnAssign):
            roots.append(node.annotation)
        elif (
            isinstance(node, ast.Subscript)
            and isinstance(node.value, ast.Name)
            and node.value.id == "Annotated"
        ):
            injected = node.slice.elts[0] if isinstance(node.slice, ast.Tuple) else node.slice
            roots.append(injected)
    return {id(inner) for root in roots for inner in ast.walk(root)}
