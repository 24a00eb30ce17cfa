"""The two statements whose SQL differs per backend: insert-or-ignore and upsert (same semantics)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Insert, Table


def _insert(conn: Connection, table: Table) -> Any:
    from sqlalchemy.dialects import postgresql, sqlite

    return postgresql.insert(table) if conn.dialect.name == "postgresql" else sqlite.insert(table)


def insert_ignore(conn: Connection, table: Table, values: Mapping[str, Any] | None = None) -> Insert:
    """``INSERT … ON CONFLICT DO NOTHING`` (a row that already exists is left as it is)."""
    stmt = _insert(conn, table)
    if values is not None:
        stmt = stmt.values(**values)
    return stmt.on_conflict_do_nothing()  # type: ignore[no-any-return]


def upsert(conn: Connection, table: Table, values: Mapping[str, Any], keys: Sequence[str], *,
           keep: Sequence[str] = ()) -> Insert:
    """``INSERT … ON CONFLICT (keys) DO UPDATE`` setting every column given except the keys and ``keep``."""
    stmt = _insert(conn, table).values(**values)
    changes = {k: stmt.excluded[k] for k in values if k not in keys and k not in keep}
    return stmt.on_conflict_do_update(index_elements=list(keys), set_=changes)  # type: ignore[no-any-return]
