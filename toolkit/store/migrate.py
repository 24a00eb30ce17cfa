"""Schema migrations, applied on open: a backup first (SQLite), one migrator at a time.

SQLite: if the file needs upgrading, it is first copied with SQLite's backup API to
``<name>.sebelum-migrasi-<revision>-<time>.sqlite`` beside it; the upgrade then runs inside
one ``BEGIN IMMEDIATE`` transaction (SQLite DDL is transactional), so a second process
waits and then finds nothing to do. PostgreSQL: the upgrade runs in one transaction under
``pg_advisory_xact_lock`` (DDL is transactional there too). A database whose revision this
toolkit does not know (made by a newer version) is refused, never touched.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

from sqlalchemy import Connection, Engine, text

from toolkit.errors import ToolkitError

ADVISORY_LOCK_KEY = 0x1A7E6_0015  # "integritas store" — any constant shared by all clients
MIGRATIONS = "toolkit.store:migrations"


class NewerSchemaError(ToolkitError):
    """The database was made by a newer toolkit."""


def _config(connection: Connection | None = None):  # type: ignore[no-untyped-def]
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", MIGRATIONS)
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    heads = ScriptDirectory.from_config(_config()).get_heads()
    if len(heads) != 1:  # two helpers' revisions after a rebase: re-chain down_revision
        raise RuntimeError(f"migrasi basis data bercabang: {heads}")
    return str(heads[0])


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {s.revision for s in ScriptDirectory.from_config(_config()).walk_revisions()}


def current_revision(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def _check_known(rev: str | None, where: str) -> None:
    if rev is not None and rev not in known_revisions():
        raise NewerSchemaError(f"basis data {where} dibuat oleh versi toolkit yang lebih baru (revisi skema "
                               f"{rev}); perbarui toolkit di PC ini, basis data tidak diubah.")


def sqlite_backup(src: Path, dst: Path) -> Path:
    """A consistent copy of a live SQLite file (the backup API copies a snapshot, WAL included)."""
    source = sqlite3.connect(f"file:{src}?mode=ro", uri=True, timeout=60)
    try:
        target = sqlite3.connect(str(dst))
        try:
            source.backup(target)
        finally:
            target.close()
    finally:
        source.close()
    return dst


def upgrade(engine: Engine, *, where: str, sqlite_path: Path | None) -> Path | None:
    """Bring the schema to head; return the backup file made (SQLite), if any."""
    head = head_revision()
    with engine.connect() as conn:
        rev = current_revision(conn)
        has_tables = bool(conn.dialect.get_table_names(conn))
        conn.rollback()
    if rev == head:
        return None
    _check_known(rev, where)
    backup = None
    if sqlite_path is not None and has_tables:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        name = f"{sqlite_path.stem}.sebelum-migrasi-{rev or '0.1'}-{stamp}-{os.getpid()}{sqlite_path.suffix}"
        backup = sqlite_backup(sqlite_path, sqlite_path.with_name(name))
    from alembic import command

    with engine.begin() as conn:  # sqlite: BEGIN IMMEDIATE (see engine.py)
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": ADVISORY_LOCK_KEY})
        rev = current_revision(conn)  # someone else may have migrated while we waited
        if rev == head:
            if backup is not None:
                backup.unlink(missing_ok=True)
            return None
        _check_known(rev, where)
        command.upgrade(_config(conn), "head")
    return backup
