"""Every workbook kind, declared once. Add a kind by adding its module to ``_MODULES``."""

from __future__ import annotations

from importlib import import_module

from toolkit.errors import UsageError
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

_MODULES = (
    "toolkit.schemas.rencana_aksi_zi",
    "toolkit.schemas.tindak_lanjut_spi",
    "toolkit.schemas.kalender_integritas",
    "toolkit.schemas.bos_transaksi", "toolkit.schemas.register_gratifikasi", "toolkit.schemas.register_risiko",
)

__all__ = [
    "Column", "ColumnType", "IdentitasField", "Rule", "SheetSpec", "WorkbookSchema",
    "all_schemas", "get_schema", "kinds", "normalize_choice", "normalize_header",
]


def all_schemas() -> dict[str, WorkbookSchema]:
    schemas: dict[str, WorkbookSchema] = {}
    for name in _MODULES:
        schema = import_module(name).SCHEMA
        schemas[schema.kind] = schema
    return schemas


def kinds() -> tuple[str, ...]:
    return tuple(all_schemas())


def get_schema(kind: str) -> WorkbookSchema:
    schemas = all_schemas()
    key = normalize_choice(kind).replace(" ", "-").replace("_", "-")
    if key not in schemas:
        raise UsageError(f"jenis workbook '{kind}' tidak dikenal; pilihan: {', '.join(schemas)}")
    return schemas[key]
