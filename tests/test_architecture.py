"""The package's shape (issue 14): one way to open a workbook, faces on top, no import circles."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "toolkit"


def _modules() -> dict[str, ast.Module]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = ast.parse(path.read_text(encoding="utf-8"))
    return out


def reader_private_uses(modules: dict[str, ast.Module]) -> list[str]:
    """Uses of ``toolkit.workbook.reader``'s private names outside the workbook package."""
    found = []
    for name, tree in modules.items():
        if name.startswith("toolkit.workbook"):
            continue
        aliases = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "toolkit.workbook.reader":
                found += [f"{name}: {a.name}" for a in node.names if a.name.startswith("_")]
            if isinstance(node, ast.ImportFrom) and node.module == "toolkit.workbook":
                aliases |= {a.asname or a.name for a in node.names if a.name == "reader"}
            if isinstance(node, ast.Import):
                aliases |= {a.asname for a in node.names if a.name == "toolkit.workbook.reader" and a.asname}
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                    and node.value.id in aliases and node.attr.startswith("_"):
                found.append(f"{name}: {node.value.id}.{node.attr}")
    return found


def test_no_caller_touches_the_readers_private_functions() -> None:
    assert reader_private_uses(_modules()) == []


def test_the_check_sees_a_private_use() -> None:
    tree = ast.parse("from toolkit.workbook import reader as rd\nrd._detect_kind(1, 2, 3)\n")
    assert reader_private_uses({"toolkit.rekap.x": tree}) == ["toolkit.rekap.x: rd._detect_kind"]


# --- the import graph ------------------------------------------------------------------

FACES = ("toolkit.cli", "toolkit.cli_i18n", "toolkit.commands", "toolkit.excel_entry", "toolkit.server",
         "toolkit.__main__")


def _resolve(module: str, node: ast.ImportFrom, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def import_graph(modules: dict[str, ast.Module] | None = None, *, local: bool = True
                 ) -> dict[str, set[str]]:
    """module -> the toolkit modules it imports (``local=False``: module-level imports only).

    ``from toolkit.x import y`` counts as an import of ``toolkit.x.y`` when that is a module,
    else of ``toolkit.x``. Imports under ``if TYPE_CHECKING:`` are not counted.
    """
    modules = modules if modules is not None else _modules()
    packages = {m for m in modules if (PACKAGE.parent / m.replace(".", "/") / "__init__.py").exists()}
    graph: dict[str, set[str]] = {}
    for name, tree in modules.items():
        edges: set[str] = set()
        skip: set[int] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                skip |= {id(n) for stmt in node.body for n in ast.walk(stmt)}
            if not local and isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                skip |= {id(n) for stmt in node.body for n in ast.walk(stmt)}
        for node in ast.walk(tree):
            if id(node) in skip:
                continue
            if isinstance(node, ast.Import):
                edges |= {a.name for a in node.names if a.name.startswith("toolkit")}
            elif isinstance(node, ast.ImportFrom):
                target = _resolve(name, node, name in packages)
                if not target.startswith("toolkit"):
                    continue
                for a in node.names:
                    sub = f"{target}.{a.name}"
                    edges.add(sub if sub in modules else target)
        graph[name] = {e for e in edges if e in modules and e != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def _is_face(module: str) -> bool:
    return any(module == f or module.startswith(f + ".") for f in FACES)


KNOWN_FACE_CYCLES: list[list[str]] = []


def test_no_import_cycles() -> None:
    assert [c for c in cycles(import_graph()) if c not in KNOWN_FACE_CYCLES] == []


def test_the_library_never_imports_a_face() -> None:
    graph = import_graph()
    assert [(m, sorted(e for e in edges if _is_face(e))) for m, edges in graph.items()
            if not _is_face(m) and any(_is_face(e) for e in edges)] == []


def test_only_the_registry_loads_a_kinds_checks_and_capabilities() -> None:
    """The machinery sits below the kinds: it may name a kind's schema, never its kind.py/checks.py."""
    graph = import_graph()
    offenders = [(m, e) for m, edges in graph.items() for e in edges
                 if (e.endswith(".kind") or e.endswith(".checks")) and e.startswith("toolkit.kinds.")
                 and not m.startswith("toolkit.kinds.")]
    assert offenders == []


def test_product_code_imports_nothing_from_the_tests() -> None:
    found = []
    for name, tree in _modules().items():
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "tests":
                found.append(name)
            if isinstance(node, ast.Import) and any(a.name.split(".")[0] == "tests" for a in node.names):
                found.append(name)
    assert found == []


def function_local_imports(modules: dict[str, ast.Module] | None = None) -> list[str]:
    """Imports of toolkit modules inside functions, outside the faces."""
    out = []
    for name, tree in (modules if modules is not None else _modules()).items():
        if _is_face(name):
            continue
        for fn in ast.walk(tree):
            if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for node in ast.walk(fn):
                    if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("toolkit"):
                        out.append(f"{name}: {node.module}")
                    elif isinstance(node, ast.Import) and any(a.name.startswith("toolkit") for a in node.names):
                        out.append(f"{name}: {node.names[0].name}")
    return sorted(set(out))


# Function-local imports of the toolkit's own modules outside the faces, each with its reason.
# (Faces — cli, commands, excel_entry — import the library lazily so `integritas --help` and a
# button load only what they run.)
ALLOWED_LOCAL = {
    # lazy namespace: `import toolkit.scoring` stays cheap (openpyxl, the formula engine)
    "toolkit.scoring: toolkit.scoring",
    "toolkit.scoring: toolkit.scoring.models",
}


def test_function_local_imports_only_where_justified() -> None:
    assert [i for i in function_local_imports() if i not in ALLOWED_LOCAL] == []


def test_the_graph_sees_relative_and_local_imports() -> None:
    tree = ast.parse("def f():\n    from toolkit.b import c\n")
    graph = import_graph({"toolkit.a": tree, "toolkit.b": ast.parse(""), "toolkit.b.c": ast.parse("")})
    assert graph["toolkit.a"] == {"toolkit.b.c"}
    assert cycles({"a": {"b"}, "b": {"a"}, "c": set()}) == [["a", "b"]]


MAX_MODULE_LINES = 600  # the house rule: no module over ~600 lines; split by responsibility instead


def test_no_module_is_over_the_line_limit() -> None:
    long = {str(p.relative_to(PACKAGE.parent)): n for p in sorted(PACKAGE.rglob("*.py"))
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert not long, f"modul lebih dari {MAX_MODULE_LINES} baris: {long}"
