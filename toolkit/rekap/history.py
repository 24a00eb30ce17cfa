"""Recap history in SQLite: every accepted submission's figures, across quarters and years.

A submission is identified by the sha256 of its file, so running the recap again on
the same files adds nothing (``INSERT OR IGNORE``). Figures are stored as named
metrics (``progres:<area>``, ``progres_rata_rata``, ``kelengkapan_bukti``, ``nilai``,
``galat``, ``peringatan``, ``baris``) so a kind that reports survey indexes or IKU
(seed 001 asks for their trends) adds metrics, not columns.

Tables (the same shape loads into DuckDB or PostgreSQL for a national roll-up, see
docs/rekap.md): ``runs``, ``submissions`` (one row per file, sha256 key) and
``metrics`` (sha256, metric, value).
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import click

from toolkit.errors import UnreadableInputError
from toolkit.rekap.merge import ACCEPTED, SUPERSEDED, UNKNOWN_UNIT, RekapResult
from toolkit.rekap.units import normalize_code
from toolkit.schemas.common import PERIODE_LAPORAN
from toolkit.schemas.model import normalize_header

SCHEMA_SQL = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at TEXT NOT NULL,
    kind TEXT NOT NULL,
    period TEXT,
    output TEXT,
    n_files INTEGER NOT NULL,
    n_new INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS submissions (
    sha256 TEXT PRIMARY KEY,
    run_id INTEGER REFERENCES runs(id),
    kind TEXT NOT NULL,
    unit_key TEXT NOT NULL,
    kode_unit TEXT,
    nama_unit TEXT,
    tahun INTEGER,
    periode TEXT,
    tanggal_pengisian TEXT,
    file_name TEXT,
    file_mtime REAL,
    status TEXT,
    versi_skema TEXT
);
CREATE INDEX IF NOT EXISTS submissions_unit ON submissions(unit_key, tahun, periode);
CREATE TABLE IF NOT EXISTS metrics (
    sha256 TEXT NOT NULL REFERENCES submissions(sha256),
    metric TEXT NOT NULL,
    value REAL,
    PRIMARY KEY (sha256, metric)
);
"""
STORED_STATUSES = (ACCEPTED, SUPERSEDED, UNKNOWN_UNIT)


def default_db_path() -> Path:
    """$INTEGRITAS_REKAP_DB, else riwayat-rekap.sqlite in the user's application folder."""
    env = os.environ.get("INTEGRITAS_REKAP_DB")
    if env:
        return Path(env)
    return Path(click.get_app_dir("integritas")) / "riwayat-rekap.sqlite"


@dataclass
class TrendPoint:
    tahun: int | None
    periode: str | None
    tanggal_pengisian: str | None
    file_name: str
    metrics: dict[str, float | None] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return " ".join(str(x) for x in (self.periode, self.tahun) if x) or "-"


@dataclass
class Trend:
    unit_key: str
    kode_unit: str
    nama_unit: str
    points: list[TrendPoint]

    def metric_names(self) -> list[str]:
        names: list[str] = []
        for p in self.points:
            for m in p.metrics:
                if m not in names:
                    names.append(m)
        return names


def _period_order(periode: str | None) -> int:
    return PERIODE_LAPORAN.index(periode) if periode in PERIODE_LAPORAN else len(PERIODE_LAPORAN)


class History:
    """``History(path)``: open (and create) the database; use as a context manager."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.conn = sqlite3.connect(str(self.path), timeout=30)
            self.conn.executescript(SCHEMA_SQL)
        except sqlite3.DatabaseError as exc:
            raise UnreadableInputError(f"basis data riwayat tidak dapat dibuka: {exc}.", path=self.path) from exc

    def __enter__(self) -> History:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    def record(self, result: RekapResult, *, output: str | Path | None = None) -> int:
        """Store the run's submissions; return how many were new (0 on a re-run of the same files)."""
        entries = [f for f in result.files if f.status in STORED_STATUSES and f.submission.sha256]
        known = {row[0] for row in self.conn.execute("SELECT sha256 FROM submissions")}
        new = [f for f in entries if f.submission.sha256 not in known]
        if not new:
            return 0
        with self.conn:
            cur = self.conn.execute(
                "INSERT INTO runs (started_at, kind, period, output, n_files, n_new) VALUES (?,?,?,?,?,?)",
                (result.generated_at.isoformat(), result.schema.kind, result.period_label(),
                 str(output) if output else None, len(result.files), len(new)))
            run_id = cur.lastrowid
            seen: set[str] = set()
            for entry in new:
                sub = entry.submission
                if sub.sha256 in seen:  # the very same file twice in one run
                    continue
                seen.add(sub.sha256)
                unit = entry.unit
                kode = unit.kode if unit else str(sub.kode_unit or "")
                nama = unit.nama if unit else str(sub.nama_unit or "")
                tanggal = sub.tanggal_pengisian
                self.conn.execute(
                    "INSERT OR IGNORE INTO submissions (sha256, run_id, kind, unit_key, kode_unit, nama_unit, "
                    "tahun, periode, tanggal_pengisian, file_name, file_mtime, status, versi_skema) "
                    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (sub.sha256, run_id, sub.kind, normalize_code(kode) or normalize_header(nama), kode, nama,
                     sub.identitas.get("tahun"), sub.identitas.get("periode"),
                     tanggal.isoformat() if tanggal else None, sub.name, sub.mtime, entry.status, sub.version))
                metrics: dict[str, float | None] = {f"progres:{k}": v for k, v in sub.progress.items()}
                metrics.update({"progres_rata_rata": sub.progress_total, "kelengkapan_bukti": sub.evidence_pct,
                                "nilai": sub.score, "galat": sub.n_errors, "peringatan": sub.n_warnings,
                                "baris": sub.rows_total})
                self.conn.executemany(
                    "INSERT OR IGNORE INTO metrics (sha256, metric, value) VALUES (?,?,?)",
                    [(sub.sha256, k, v) for k, v in metrics.items() if v is not None])
        return len(seen)

    def count(self, table: str) -> int:
        if table not in ("runs", "submissions", "metrics"):
            raise ValueError(table)
        return int(self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

    def trend(self, unit: str, *, kind: str | None = None) -> Trend | None:
        """The unit's figures per (year, period): the newest submission of each, oldest period first."""
        key_code, key_name = normalize_code(unit), normalize_header(unit)
        rows = self.conn.execute(
            "SELECT sha256, unit_key, kode_unit, nama_unit, tahun, periode, tanggal_pengisian, file_name, "
            "file_mtime, kind FROM submissions WHERE status IN (?, ?)", (ACCEPTED, SUPERSEDED)).fetchall()
        mine = [r for r in rows if (r[1] == key_code or normalize_code(r[2]) == key_code
                                    or normalize_header(r[3]) == key_name) and (kind is None or r[9] == kind)]
        if not mine:
            return None
        newest: dict[tuple[int | None, str | None], tuple] = {}
        for r in mine:
            k = (r[4], r[5])
            if k not in newest or (r[6] or "", r[8] or 0) > (newest[k][6] or "", newest[k][8] or 0):
                newest[k] = r
        points = []
        for (tahun, periode), r in sorted(newest.items(), key=lambda kv: (kv[0][0] or 0, _period_order(kv[0][1]))):
            metrics = {m: v for m, v in self.conn.execute(
                "SELECT metric, value FROM metrics WHERE sha256 = ? ORDER BY rowid", (r[0],))}
            points.append(TrendPoint(tahun, periode, r[6], r[7], metrics))
        last = mine[-1]
        return Trend(last[1], last[2], last[3], points)

    def trends(self, *, kind: str | None = None) -> list[Trend]:
        """Every unit's trend (as :meth:`trend`), in two queries: for the recap's Tren sheet and the dashboard."""
        rows = self.conn.execute(
            "SELECT sha256, unit_key, kode_unit, nama_unit, tahun, periode, tanggal_pengisian, file_name, "
            "file_mtime, kind FROM submissions WHERE status IN (?, ?) ORDER BY rowid",
            (ACCEPTED, SUPERSEDED)).fetchall()
        by_unit: dict[str, dict[tuple[int | None, str | None], tuple]] = {}
        names: dict[str, tuple[str, str]] = {}
        for r in rows:
            if kind is not None and r[9] != kind:
                continue
            newest = by_unit.setdefault(r[1], {})
            names[r[1]] = (r[2], r[3])
            k = (r[4], r[5])
            if k not in newest or (r[6] or "", r[8] or 0) > (newest[k][6] or "", newest[k][8] or 0):
                newest[k] = r
        wanted = {r[0] for per in by_unit.values() for r in per.values()}
        metrics: dict[str, dict[str, float | None]] = {}
        for sha, metric, value in self.conn.execute("SELECT sha256, metric, value FROM metrics ORDER BY rowid"):
            if sha in wanted:
                metrics.setdefault(sha, {})[metric] = value
        out = []
        for key, per in by_unit.items():
            points = [TrendPoint(tahun, periode, r[6], r[7], metrics.get(r[0], {}))
                      for (tahun, periode), r in sorted(per.items(),
                                                        key=lambda kv: (kv[0][0] or 0, _period_order(kv[0][1])))]
            out.append(Trend(key, names[key][0], names[key][1], points))
        return out
