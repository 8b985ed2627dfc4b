"""The house's shape, read from the code's own imports: no cycle, and every import points down a layer.

The layers, from the bottom: ``base`` (errors, i18n, runtime) → ``models`` (the schema: ``models.py``
and each feature's ``models.py``) → ``domain`` (pure chain logic) → ``persistence`` (database,
revision, loading, restore) → ``features`` (services and the feature folders) → ``ui`` (``web.py`` and
``ui/``) → ``entry`` (the command line) → ``pages`` (``app.py`` and ``pages/``). A module may import
its own layer or any layer below. Imports inside functions count; those under ``TYPE_CHECKING`` do
not (they never run). Python's ``ast`` reads the files: nothing is imported to check them.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "pmo_insight"
LAYERS = ("base", "models", "domain", "persistence", "features", "ui", "entry", "pages")


def layer_of(module: str) -> str:
    """The layer a module of the project belongs to (its dotted name decides)."""
    parts = module.split(".")
    if parts[0] in {"app", "pages"}:
        return "pages"
    rest = parts[1:]
    if not rest:
        return "base"
    head, last = rest[0], rest[-1]
    if head in {"errors", "i18n", "runtime"}:
        return "base"
    if last == "models" and "ui" not in rest:
        return "models"
    if head == "domain":
        return "domain"
    if head in {"persistence", "migrations"}:
        return "persistence"
    if head in {"web", "ui"}:
        return "ui"
    if last in {"cli", "__main__"}:
        return "entry"
    return "features"


def project_modules() -> dict[str, Path]:
    """Every module of the package, plus the front door and the pages, by dotted name."""
    found: dict[str, Path] = {"app": ROOT / "app.py"}
    for path in sorted((ROOT / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    for path in sorted((ROOT / "pages").glob("*.py")):
        found[f"pages.{path.stem}"] = path
    return found


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(child) for stmt in node.body for child in ast.walk(stmt))
    return skipped


def imports_of(module: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The project modules ``module`` imports (resolved to the module, not the name inside it)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = _type_checking_nodes(tree)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    targets: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                name = f"{base}.{alias.name}"
                targets.add(name if name in modules else base)
    resolved = set()
    for target in targets:
        while target and target not in modules:
            target = target.rpartition(".")[0]
        if target and target != module:
            resolved.add(target)
    return resolved


def import_graph() -> dict[str, set[str]]:
    modules = project_modules()
    return {name: imports_of(name, path, modules) for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def upward_imports(graph: dict[str, set[str]]) -> list[str]:
    rank = {layer: n for n, layer in enumerate(LAYERS)}
    return [
        f"{source} ({layer_of(source)}) imports {target} ({layer_of(target)})"
        for source, targets in sorted(graph.items())
        for target in sorted(targets)
        if rank[layer_of(target)] > rank[layer_of(source)]
    ]


def test_the_package_has_no_import_cycle():
    found = cycles(import_graph())
    assert not found, "import cycles: " + "; ".join(" <-> ".join(c) for c in found)


def test_every_import_points_down_a_layer():
    found = upward_imports(import_graph())
    assert not found, "upward imports:\n" + "\n".join(found)


def test_persistence_imports_no_service_and_the_domain_no_framework():
    graph = import_graph()
    wrong = [
        f"{source} imports {target}"
        for source, targets in graph.items()
        if layer_of(source) == "persistence"
        for target in targets
        if layer_of(target) == "features"
    ]
    assert not wrong, wrong
    for name, path in project_modules().items():
        if layer_of(name) != "domain":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names} | {
            node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
        }
        banned = {m for m in imported if m.split(".")[0] == "streamlit" or m == "sqlalchemy.orm"}
        assert not banned, f"{name} imports {sorted(banned)}"
        source = path.read_text(encoding="utf-8")
        assert "Session" not in {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}, f"{name} uses a Session"
        assert "session_scope" not in source, name


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, [["a", "b", "c"]]),
        ({"a": {"b"}, "b": set()}, []),
    ],
)
def test_the_cycle_finder_finds_a_planted_cycle(graph, expected):
    assert cycles(graph) == expected


def test_the_layer_check_names_a_planted_upward_import():
    planted = {"pmo_insight.domain.fit": {"pmo_insight.services.canvases"}, "pmo_insight.services.canvases": set()}
    assert upward_imports(planted) == [
        "pmo_insight.domain.fit (domain) imports pmo_insight.services.canvases (features)"
    ]


def test_the_layers_are_what_the_readme_says():
    assert layer_of("pmo_insight.models") == "models"
    assert layer_of("pmo_insight.live.models") == "models"
    assert layer_of("pmo_insight.domain.chain") == "domain"
    assert layer_of("pmo_insight.persistence.db") == "persistence"
    assert layer_of("pmo_insight.services.canvases") == "features"
    assert layer_of("pmo_insight.ui.live.board") == "ui"
    assert layer_of("pmo_insight.live.cli") == "entry"
    assert layer_of("pages.home") == "pages"
