"""``open_store(url=None) -> Store``: one engine, its transactions, and faults in Indonesian.

Semantics both backends share:

* ``store.transact(fn)`` runs ``fn(conn)`` in one write transaction and commits, or rolls
  back everything on any error. SQLite starts it with ``BEGIN IMMEDIATE`` (the write lock is
  taken before anything is read; WAL mode so readers never wait; a busy timeout instead of
  "database is locked"). PostgreSQL runs READ COMMITTED and the functions take row locks
  (``UPDATE … RETURNING``, ``SELECT … FOR UPDATE``, ``INSERT … ON CONFLICT``); a
  serialization failure or deadlock is retried with the whole function.
* ``store.read(fn)`` runs ``fn(conn)`` in a read transaction (SQLite ``BEGIN`` deferred, so a
  reader never takes the write lock).
* A lost server, a refused connection, a read-only or missing folder become a
  ``StoreError`` (exit 3) with one Indonesian line; nothing is half-written because the
  transaction never commits.
"""

from __future__ import annotations

import os
import random
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event, exc, text

from toolkit.errors import ToolkitError
from toolkit.store.migrate import upgrade
from toolkit.store.url import StoreLocation, resolve_location

T = TypeVar("T")
BUSY_TIMEOUT_S = 60.0
RETRY_SQLSTATES = {"40001", "40P01"}  # serialization_failure, deadlock_detected


class StoreError(ToolkitError):
    """The store cannot be opened or a transaction on it failed (nothing was half-written)."""


class _Rollback(Exception):  # noqa: N818 - control flow, never escapes
    def __init__(self, value: Any) -> None:
        self.value = value


def rollback_with(value: Any) -> _Rollback:
    """``raise rollback_with(x)`` inside ``transact``: undo the transaction and return ``x``."""
    return _Rollback(value)


def wal_warning(path: Path, mode: str) -> str:
    """The line shown when SQLite stays out of WAL mode (the store still works, with coarser locking)."""
    return (f"PERINGATAN: basis data SQLite {path} tidak dapat memakai mode WAL (mode jurnal: {mode}); "
            "pembaca dan penulis saling menunggu lebih lama. Biasanya karena folder jaringan atau sistem "
            "file tanpa memori bersama; untuk beberapa PC pakai PostgreSQL.")


def _sqlite_engine(path: Path, timeout: float) -> Engine:
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": timeout, "check_same_thread": False})
    warned: list[bool] = []

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (below)
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout={int(timeout * 1000)}")
        mode = cur.execute("PRAGMA journal_mode=WAL").fetchone()
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()
        if mode and str(mode[0]).lower() != "wal" and not warned:  # e.g. a file system without shared memory
            warned.append(True)
            print(wal_warning(path, str(mode[0])), file=sys.stderr)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        mode = conn.get_execution_options().get("integritas_begin", "IMMEDIATE")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


def _postgres_engine(url: str) -> Engine:
    return create_engine(url, pool_pre_ping=True, pool_size=2, max_overflow=4,
                         connect_args={"connect_timeout": 10, "application_name": "integritas"})


class Store:
    """An open store. Use ``transact``/``read``; ``close()`` (or ``with``) releases connections."""

    def __init__(self, location: StoreLocation, engine: Engine) -> None:
        self.location = location
        self.engine = engine
        self.backup_made: Path | None = None

    @property
    def backend(self) -> str:
        return self.location.backend

    @property
    def path(self) -> Path | None:
        return self.location.path

    def display(self) -> str:
        return self.location.display()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    def __repr__(self) -> str:
        return f"Store({self.display()!r})"

    # -- transactions ----------------------------------------------------------------------------

    def transact(self, fn: Callable[[Connection], T], *, attempts: int = 8) -> T:
        """Run ``fn(conn)`` in one write transaction (retried whole on serialization failure)."""
        delay = 0.02
        for attempt in range(1, attempts + 1):
            try:
                with self.engine.begin() as conn:
                    return fn(conn)
            except _Rollback as rb:
                return rb.value  # type: ignore[no-any-return]
            except exc.DBAPIError as err:
                if attempt < attempts and self._retryable(err):
                    time.sleep(delay * (1 + random.random()))
                    delay = min(delay * 2, 1.0)
                    continue
                raise self.translate(err) from err
        raise AssertionError("unreachable")  # pragma: no cover

    def read(self, fn: Callable[[Connection], T]) -> T:
        """Run ``fn(conn)`` in a read transaction (never takes SQLite's write lock)."""
        try:
            with self.engine.connect() as conn:
                conn = conn.execution_options(integritas_begin="DEFERRED")
                with conn.begin():
                    return fn(conn)
        except exc.DBAPIError as err:
            raise self.translate(err) from err

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """``with store.reading() as conn:`` — the context-manager form of ``read``."""
        try:
            with self.engine.connect() as conn:
                conn = conn.execution_options(integritas_begin="DEFERRED")
                with conn.begin():
                    yield conn
        except exc.DBAPIError as err:
            raise self.translate(err) from err

    def _retryable(self, err: exc.DBAPIError) -> bool:
        code = getattr(err.orig, "sqlstate", None)
        if code in RETRY_SQLSTATES:
            return True
        return self.backend == "sqlite" and "locked" in str(err.orig).lower()

    def translate(self, err: BaseException) -> StoreError:
        """One Indonesian line for a database failure (the caller raises it ``from`` the original)."""
        where = self.display()
        orig = getattr(err, "orig", err)
        detail = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
        if self.backend == "postgresql":
            if isinstance(err, exc.DBAPIError) and "connection failed" in detail.lower():
                return StoreError(f"server PostgreSQL {where} tidak dapat dihubungi (koneksi ditolak atau terputus: "
                                  f"{detail}); tidak ada yang diubah. Periksa server dan alamatnya, lalu jalankan "
                                  "ulang.")
            if isinstance(err, exc.DBAPIError) and (err.connection_invalidated or _is_connection_error(orig)):
                return StoreError(f"koneksi ke server PostgreSQL {where} terputus atau ditolak ({detail}); "
                                  "transaksi dibatalkan, tidak ada yang tersimpan setengah jalan. Jalankan ulang "
                                  "setelah server hidup kembali.")
            return StoreError(f"basis data PostgreSQL {where} menolak perintah ({detail}); transaksi dibatalkan.")
        low = detail.lower()
        if "readonly" in low or "read-only" in low or "unable to open" in low:
            return StoreError(f"basis data SQLite {where} tidak dapat ditulis: folder tidak ada atau hanya-baca "
                              f"({detail}). Pilih lokasi lain dengan --basisdata atau $INTEGRITAS_BASISDATA.")
        if "locked" in low or "busy" in low:
            return StoreError(f"basis data SQLite {where} terkunci terlalu lama oleh proses lain ({detail}); "
                              "coba lagi.")
        if "not a database" in low or "malformed" in low:
            return StoreError(f"file {where} bukan basis data SQLite yang utuh ({detail}).")
        return StoreError(f"basis data SQLite {where} gagal ({detail}); transaksi dibatalkan.")


def _is_connection_error(orig: BaseException) -> bool:
    code = getattr(orig, "sqlstate", None) or ""
    if code.startswith("08") or code in ("57P01", "57P02", "57P03"):  # connection exception, admin shutdown
        return True
    name = type(orig).__name__
    return name in ("OperationalError", "InterfaceError") and not code


def _check_sqlite_location(location: StoreLocation, *, create_dirs: bool) -> Path:
    path = location.path
    assert path is not None
    folder = path.parent
    if not folder.exists():
        if create_dirs:
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as err:
                raise StoreError(f"folder basis data tidak dapat dibuat ({err.strerror}).", path=folder) from err
        else:
            raise StoreError("folder basis data SQLite tidak ada; buat foldernya atau pilih lokasi lain "
                             "(--basisdata / $INTEGRITAS_BASISDATA / basisdata: di kantor.yaml).", path=folder)
    if path.exists() and path.is_dir():
        raise StoreError("lokasi basis data SQLite adalah folder, bukan file.", path=path)
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise StoreError("lokasi basis data SQLite hanya-baca (SQLite perlu menulis file dan file -wal di "
                         "sampingnya); pilih folder yang dapat ditulis.", path=path if path.exists() else folder)
    return path


def open_store(url: str | os.PathLike[str] | None = None, *, create_dirs: bool | None = None,
               timeout: float = BUSY_TIMEOUT_S, migrate: bool = True) -> Store:
    """Open (and create or upgrade) the store; see ``toolkit.store.url`` for how ``url`` is chosen.

    ``create_dirs``: create a missing folder for a SQLite file (default: only for the default
    location in the user data folder).
    """
    location = resolve_location(url)
    if location.backend == "sqlite":
        path = _check_sqlite_location(location, create_dirs=location.is_default if create_dirs is None
                                      else create_dirs)
        engine = _sqlite_engine(path, timeout)
    else:
        try:
            import psycopg  # noqa: F401
        except ImportError as err:  # pragma: no cover - a dependency of the package
            raise StoreError("psycopg (driver PostgreSQL) belum terpasang.") from err
        engine = _postgres_engine(location.url)
    store = Store(location, engine)
    if migrate:
        try:
            store.backup_made = upgrade(engine, where=store.display(), sqlite_path=location.path)
        except exc.DBAPIError as err:
            engine.dispose()
            raise store.translate(err) from err
        except BaseException:
            engine.dispose()
            raise
    return store


def table_counts(store: Store, names: tuple[str, ...]) -> dict[str, int]:
    def run(conn: Connection) -> dict[str, int]:
        return {n: int(conn.execute(text(f"SELECT COUNT(*) FROM {n}")).scalar_one()) for n in names}

    return store.read(run)
