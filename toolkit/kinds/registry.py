"""The one place where workbook kinds are registered, and the questions everyone asks of them.

``KIND_PACKAGES`` lists the kinds (a package under ``toolkit/kinds/`` each). Adding a kind
is a folder plus one line here (docs/kinds.md).

Two levels, so reading a workbook stays cheap and import circles cannot form:

- :func:`all_schemas` imports only each kind package (its ``SCHEMA``, a declaration that
  depends on nothing but ``toolkit.schemas``); the reader uses it to recognise a workbook;
- :func:`all_kinds` imports each kind's ``kind.py`` (its ``KIND``: checks and capabilities,
  wired to the machinery) the first time a caller asks.

This module imports nothing from the toolkit but ``toolkit.errors``: every layer may ask it.
"""

from __future__ import annotations

import re
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

from toolkit.errors import UsageError

if TYPE_CHECKING:
    from toolkit.kinds.model import WorkbookKind
    from toolkit.schemas.model import WorkbookSchema

KIND_PACKAGES: tuple[str, ...] = (
    "rencana_aksi_zi",
    "tindak_lanjut_spi",
    "kalender_integritas",
    "bos_transaksi",
    "register_gratifikasi",
    "register_risiko",
    "lke_zi",
)

# The optional capabilities of a kind (attributes of WorkbookKind, None when absent), and what
# each is called in the one message for a kind without it.
CAPABILITIES: tuple[str, ...] = ("score", "report", "evidence", "inspection", "nota_summary", "recap_score",
                                 "form")
CAPABILITY_LABELS: dict[str, str] = {
    "score": "penilaian (integritas nilai)",
    "report": "laporan (integritas surat laporan, tombol Buat Laporan)",
    "evidence": "checklist bukti",
    "inspection": "pemeriksaan inspektorat",
    "nota_summary": "ringkasan isi Nota Dinas",
    "recap_score": "nilai rekap",
    "form": "formulir tetap (templat dan validasi khusus)",
}

_schemas: dict[str, WorkbookSchema] | None = None
_kinds: dict[str, WorkbookKind] | None = None


class MissingCapabilityError(UsageError):
    """The workbook's kind does not have what was asked of it (exit code 2, like every usage error)."""


def all_schemas() -> dict[str, WorkbookSchema]:
    """Every kind's schema by kind name, in registration order."""
    global _schemas
    if _schemas is None:
        found: dict[str, WorkbookSchema] = {}
        for package in KIND_PACKAGES:
            schema = import_module(f"toolkit.kinds.{package}").SCHEMA
            found[schema.kind] = schema
        _schemas = found
    return dict(_schemas)


def all_kinds() -> list[WorkbookKind]:
    """Every registered kind, in registration order."""
    global _kinds
    if _kinds is None:
        found: dict[str, WorkbookKind] = {}
        for package in KIND_PACKAGES:
            kind = import_module(f"toolkit.kinds.{package}.kind").KIND
            found[kind.name] = kind
        _kinds = found
    return list(_kinds.values())


def kind_key(name: object) -> str:
    """How a kind name is compared: case, spaces and underscores do not matter."""
    return re.sub(r"\s+", " ", str(name or "")).strip().casefold().replace(" ", "-").replace("_", "-")


def get_schema(name: str) -> WorkbookSchema:
    schemas = all_schemas()
    key = kind_key(name)
    if key not in schemas:
        raise UsageError(f"jenis workbook '{name}' tidak dikenal; pilihan: {', '.join(schemas)}")
    return schemas[key]


def get_kind(name: str | WorkbookKind | WorkbookSchema) -> WorkbookKind:
    """The kind called ``name`` (also accepts a kind or a schema); UsageError listing the kinds when unknown."""
    key = kind_key(getattr(name, "kind", None) or getattr(name, "name", None) or name)
    all_kinds()
    assert _kinds is not None
    if key not in _kinds:
        raise UsageError(f"jenis workbook '{name}' tidak dikenal; pilihan: {', '.join(_kinds)}")
    return _kinds[key]


def kinds_with(capability: str) -> list[WorkbookKind]:
    """The kinds that have ``capability`` (one of ``toolkit.kinds.model.CAPABILITIES``)."""
    return [k for k in all_kinds() if k.has(capability)]


def capability_message(kind_name: str, capability: str) -> str:
    """The one Indonesian message for a kind without ``capability``, naming the kinds that have it."""
    names = [k.name for k in kinds_with(capability)]
    return (f"{CAPABILITY_LABELS.get(capability, capability)} belum tersedia untuk workbook berjenis "
            f"'{kind_name}'; tersedia untuk: {', '.join(names) if names else '(belum ada)'}.")


def require_capability(kind: str | WorkbookKind | WorkbookSchema, capability: str, *,
                       path: str | Path | None = None) -> Any:
    """``kind``'s ``capability``; MissingCapabilityError (one uniform message) when it has none."""
    k = get_kind(kind)
    value = getattr(k, capability) if k.has(capability) else None
    if value is None:
        raise MissingCapabilityError(capability_message(k.name, capability), path=path)
    return value
