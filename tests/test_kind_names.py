"""Nobody outside ``toolkit/kinds/`` branches on a workbook kind's name (issue 14).

Every string literal in the package that IS a registered kind's name ("rencana-aksi-zi" …)
is a comparison, a dispatch-table key or a hard-wired choice of kind; outside the kinds'
own folders (and their schema declarations) there must be none. Ask the kind instead:
``toolkit.kinds.registry.get_kind(...).<capability>``, ``kinds_with(...)``,
``require_capability(...)``, or name the kind through its package
(``toolkit.kinds.bos_transaksi.SCHEMA.kind``). Docstrings and messages that merely
mention a kind inside longer text are fine.
"""

from __future__ import annotations

import ast
from pathlib import Path

from toolkit.kinds.registry import KIND_PACKAGES, all_schemas

PACKAGE = Path(__file__).resolve().parent.parent / "toolkit"
# where a kind is declared: its folder, and (until they move there) the schema modules
ALLOWED = [PACKAGE / "kinds", *(PACKAGE / "schemas" / f"{p}.py" for p in KIND_PACKAGES)]


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                ids.add(id(first.value))
    return ids


def kind_name_literals(root: Path = PACKAGE) -> list[str]:
    names = set(all_schemas())
    found = []
    for path in sorted(root.rglob("*.py")):
        if any(path == a or a in path.parents for a in ALLOWED):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = _docstrings(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs \
                    and node.value.strip().casefold() in names:
                found.append(f"{path.relative_to(root.parent)}:{node.lineno}: {node.value!r}")
    return found


def test_no_kind_name_literals_outside_the_kinds() -> None:
    assert kind_name_literals() == []


def test_the_check_finds_a_comparison(tmp_path: Path) -> None:
    (tmp_path / "bad.py").write_text('def f(data):\n    """About rencana-aksi-zi."""\n'
                                     '    return data.schema.kind == "kalender-integritas"\n', encoding="utf-8")
    assert kind_name_literals(tmp_path) == [f"{tmp_path.name}/bad.py:3: 'kalender-integritas'"]
