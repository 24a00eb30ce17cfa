"""Moving house and backups: copy a 0.1 (or current) SQLite file or a JSON backup into a store,
checked row for row; make a consistent backup of a store.

``copy_into(source, store)``: the source is read-only (never upgraded or changed). Every table
the source has rows for must be empty in the target; all rows go in one transaction, are read
back and compared with the source (every column, in order), and only then committed — a
mismatch or a lost connection leaves the target as it was. 0.1 ``metrics`` rows (no ``id``)
keep SQLite's rowid order, which is the order a trend shows them in.

``backup(store, output)``: SQLite → the SQLite backup API (a consistent snapshot, a ready-to-use
store file); PostgreSQL (or ``fmt="json"`` on SQLite) → a logical JSON export read in one
REPEATABLE READ READ ONLY transaction. A JSON export is restorable into either backend with
``copy_into`` (``integritas basisdata pindah CADANGAN.json URL``); no pg_dump of a matching
server version is needed on the office PC.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Boolean, Connection, Table, select, text

from toolkit.config import data_dir
from toolkit.errors import UnreadableInputError, UsageError
from toolkit.store.core import Store, StoreError, wal_warning
from toolkit.store.migrate import current_revision, head_revision, known_revisions, sqlite_backup
from toolkit.store.schema import metadata
from toolkit.yamlfile import read_json as read_json_file

EXPORT_FORMAT = "integritas-basisdata"
CHUNK = 1000


@dataclass
class SourceTable:
    name: str
    columns: list[str]
    rows: list[tuple[Any, ...]]


@dataclass
class Source:
    path: Path
    kind: str  # "sqlite 0.1", "sqlite", "json"
    revision: str | None
    tables: dict[str, SourceTable] = field(default_factory=dict)


@dataclass
class CopyReport:
    source: Source
    target: str
    copied: dict[str, int]


def _order_key(table: Table) -> list[str]:
    if "id" in table.c:
        return ["id"]
    return [c.name for c in table.primary_key.columns]


def read_sqlite(path: Path) -> Source:
    """Every known table of a SQLite register/history/store file, opened read-only."""
    if not path.is_file():
        raise UsageError("file sumber tidak ada.", path=path)
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=60)
        try:
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            revision = None
            if "alembic_version" in names:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
            src = Source(path, "sqlite" if revision else "sqlite 0.1", revision)
            for table in metadata.sorted_tables:
                if table.name not in names:
                    continue
                have = [r[1] for r in conn.execute(f'PRAGMA table_info("{table.name}")')]
                cols = [c.name for c in table.columns if c.name in have]
                order = [k for k in _order_key(table) if k in have] or ["rowid"]
                rows = conn.execute(f'SELECT {", ".join(cols)} FROM "{table.name}" ORDER BY {", ".join(order)}'
                                    ).fetchall()
                src.tables[table.name] = SourceTable(table.name, cols, [tuple(r) for r in rows])
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:  # sqlite's own text is English: not shown
        raise UnreadableInputError("file sumber bukan basis data SQLite yang dapat dibaca (rusak, "
                                   "terenkripsi, atau bukan file SQLite).", path=path) from exc
    if not src.tables:
        raise UsageError("file sumber tidak berisi tabel register atau riwayat rekap.", path=path)
    return src


MAX_BACKUP_BYTES = 512 * 1024 * 1024  # a JSON backup of the register and the recap history


def read_json(path: Path) -> Source:
    data = read_json_file(path, what="cadangan JSON", error=UnreadableInputError, max_bytes=MAX_BACKUP_BYTES)
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise UnreadableInputError(f"bukan cadangan basis data integritas (format '{EXPORT_FORMAT}').", path=path)
    src = Source(path, "json", data.get("versi_skema"))
    known = {t.name: t for t in metadata.sorted_tables}
    for name, body in data.get("tabel", {}).items():
        if name not in known:
            raise UnreadableInputError(f"cadangan berisi tabel '{name}' yang tidak dikenal versi ini.", path=path)
        cols = [c for c in body["kolom"] if c in known[name].c]
        idx = [body["kolom"].index(c) for c in cols]
        src.tables[name] = SourceTable(name, cols, [tuple(r[i] for i in idx) for r in body["baris"]])
    return src


def read_source(path: str | Path) -> Source:
    p = Path(path)
    src = read_json(p) if p.suffix.lower() == ".json" else read_sqlite(p)
    if src.revision is not None and src.revision not in known_revisions():
        raise UsageError(f"sumber dibuat oleh versi toolkit yang lebih baru (revisi skema {src.revision}); perbarui "
                         "toolkit dulu.", path=p)
    return src


def _normalise(table: Table, cols: list[str], rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    bools = [i for i, c in enumerate(cols) if isinstance(table.c[c].type, Boolean)]
    if not bools:
        return rows
    out = []
    for r in rows:
        lst = list(r)
        for i in bools:
            lst[i] = None if lst[i] is None else bool(lst[i])
        out.append(tuple(lst))
    return out


def copy_into(source: Source, store: Store) -> CopyReport:
    """Copy ``source`` into ``store`` in one verified transaction (see the module docstring)."""
    tables = {t.name: t for t in metadata.sorted_tables}
    todo = [(tables[name], st) for name, st in source.tables.items() if st.rows]
    todo.sort(key=lambda pair: metadata.sorted_tables.index(pair[0]))
    if not todo:
        raise UsageError("file sumber tidak berisi baris untuk dipindahkan.", path=source.path)

    def run(c: Connection) -> dict[str, int]:
        busy = [t.name for t, _st in todo if c.execute(select(text("1")).select_from(t).limit(1)).first()]
        if busy:
            raise UsageError(f"basis data tujuan sudah berisi data pada tabel {', '.join(busy)}; pindahkan ke basis "
                             "data yang kosong untuk tabel itu (tidak ada yang diubah).")
        copied: dict[str, int] = {}
        for table, st in todo:
            rows = _normalise(table, st.columns, st.rows)
            for i in range(0, len(rows), CHUNK):
                c.execute(table.insert(), [dict(zip(st.columns, r, strict=True)) for r in rows[i:i + CHUNK]])
            back_cols = [table.c[n] for n in st.columns]
            order = [table.c[k] for k in _order_key(table)]
            back = [tuple(r) for r in c.execute(select(*back_cols).order_by(*order))]
            if "id" not in table.c:  # keyed by text: the server's collation may order differently
                back, rows = sorted(back, key=repr), sorted(rows, key=repr)
            if back != rows:
                bad = next((i for i, (a, b) in enumerate(zip(back, rows, strict=False)) if a != b), min(len(back), len(rows)))
                raise StoreError(f"pemeriksaan baris demi baris gagal pada tabel {table.name} baris ke-{bad + 1} "
                                 f"(sumber {len(rows)} baris, tujuan {len(back)}); tidak ada yang disimpan.")
            copied[table.name] = len(rows)
            if c.dialect.name == "postgresql" and "id" in table.c and "id" in st.columns:
                c.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                               f"COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM {table.name}"))
        return copied

    return CopyReport(source, store.display(), store.transact(run))


# -- backups -------------------------------------------------------------------------------------------

def default_backup_path(store: Store, fmt: str) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return data_dir() / "cadangan" / f"integritas-{stamp}.{fmt}"


def backup(store: Store, output: str | Path | None = None, *, fmt: str | None = None,
           overwrite: bool = False) -> tuple[Path, str, dict[str, int]]:
    """Write a consistent backup; return (path, method in Indonesian, rows per table)."""
    fmt = fmt or ("sqlite" if store.backend == "sqlite" else "json")
    if fmt == "sqlite" and store.backend != "sqlite":
        raise UsageError("cadangan berformat sqlite hanya untuk basis data SQLite; untuk PostgreSQL pakai json.")
    out = Path(output) if output is not None else default_backup_path(store, fmt)
    if out.exists() and not overwrite:
        raise UsageError("file cadangan sudah ada; pakai --timpa atau pilih nama lain.", path=out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        if fmt == "sqlite":
            assert store.path is not None
            sqlite_backup(store.path, tmp)
            counts = {name: len(st.rows) for name, st in read_sqlite(tmp).tables.items()}
            method = "SQLite backup API (salinan utuh yang langsung dapat dipakai)"
        else:
            data = export_json(store)
            tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            counts = {name: len(body["baris"]) for name, body in data["tabel"].items()}
            method = "ekspor logis JSON dalam satu transaksi REPEATABLE READ (dapat dipulihkan ke SQLite atau " \
                     "PostgreSQL dengan 'basisdata pindah')"
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return out, method, counts


def export_json(store: Store) -> dict[str, Any]:
    def run(c: Connection) -> dict[str, Any]:
        if c.dialect.name == "postgresql":
            c.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"))
        out: dict[str, Any] = {"format": EXPORT_FORMAT, "versi_skema": current_revision(c),
                               "dibuat": dt.datetime.now().isoformat(timespec="seconds"),
                               "sumber": store.display(), "tabel": {}}
        for table in metadata.sorted_tables:
            order = [table.c[k] for k in _order_key(table)]
            rows = [list(r) for r in c.execute(select(table).order_by(*order))]
            out["tabel"][table.name] = {"kolom": [col.name for col in table.columns], "baris": rows}
        return out

    return store.read(run)


def describe(store: Store) -> list[tuple[str, str]]:
    """Lines for ``basisdata info``: (label, value)."""
    def run(c: Connection) -> list[tuple[str, str]]:
        rev = current_revision(c)
        lines = [("Jenis", "SQLite" if store.backend == "sqlite" else "PostgreSQL"),
                 ("Lokasi", store.display()), ("Dipilih dari", store.location.source),
                 ("Revisi skema", f"{rev} (terbaru: {head_revision()})")]
        if c.dialect.name == "postgresql":
            lines.append(("Versi server", str(c.execute(text("SHOW server_version")).scalar())))
        else:
            journal = str(c.exec_driver_sql("PRAGMA journal_mode").scalar())
            lines.append(("Mode jurnal", journal))
            if journal.lower() != "wal" and store.path is not None:
                lines.append(("PERINGATAN", wal_warning(store.path, journal).removeprefix("PERINGATAN: ")))
            if store.path is not None and str(store.path).startswith(("\\\\", "//")):
                lines.append(("PERINGATAN", "file SQLite di folder jaringan: penguncian file tidak andal dan basis "
                                            "data bisa rusak; untuk beberapa PC pakai PostgreSQL"))
            if store.path is not None and store.path.exists():
                lines.append(("Ukuran file", f"{store.path.stat().st_size / 1024:.0f} KB".replace(".", ",")))
        for table in metadata.sorted_tables:
            n = c.execute(select(text("COUNT(*)")).select_from(table)).scalar()
            lines.append((f"Tabel {table.name}", f"{n} baris"))
        return lines

    return store.read(run)
