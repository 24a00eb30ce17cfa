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
