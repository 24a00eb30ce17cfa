"""The schema model, and every kind's schema (registered in ``toolkit.kinds.registry``; see docs/kinds.md)."""

from __future__ import annotations

from toolkit.kinds import registry
from toolkit.schemas.model import (
    Column,
    ColumnType,
    IdentitasField,
    Rule,
    SheetSpec,
    WorkbookSchema,
    normalize_choice,
    normalize_header,
)

__all__ = [
    "Column", "ColumnType", "IdentitasField", "Rule", "SheetSpec", "WorkbookSchema",
    "all_schemas", "get_schema", "kinds", "normalize_choice", "normalize_header",
]


def all_schemas() -> dict[str, WorkbookSchema]:
    return registry.all_schemas()


def kinds() -> tuple[str, ...]:
    return tuple(registry.all_schemas())


def get_schema(kind: str) -> WorkbookSchema:
    return registry.get_schema(kind)
