"""Recap history in the store: every accepted submission's figures, across quarters and years.

A submission is identified by the sha256 of its file, so running the recap again on
the same files adds nothing (``INSERT … ON CONFLICT DO NOTHING``, in one transaction with
its run and metrics: two recaps at once on one history both complete and nothing is
counted twice; a recap interrupted by a lost server leaves no partial run). Figures are
stored as named metrics (``progres:<area>``, ``progres_rata_rata``, ``kelengkapan_bukti``,
``nilai``, ``galat``, ``peringatan``, ``baris``) so a kind that reports survey indexes or
IKU (seed 001 asks for their trends) adds metrics, not columns.

Tables (``toolkit.store.schema``; the same shape on SQLite and PostgreSQL, see
docs/rekap.md): ``runs``, ``submissions`` (one row per file, sha256 key) and
``metrics`` (sha256, metric, value, in insertion order).

``History(path)`` still opens a single SQLite file (a 0.1 file is upgraded in place after a
backup); ``History()`` opens the office store; ``History(store=s)`` shares an open store.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import click
from sqlalchemy import Connection, func, select, update

from toolkit.documents.register import store_for
from toolkit.errors import UnreadableInputError
from toolkit.rekap.merge import ACCEPTED, SUPERSEDED, UNKNOWN_UNIT, RekapResult
from toolkit.rekap.units import normalize_code
from toolkit.schemas.common import PERIODE_LAPORAN
from toolkit.schemas.model import normalize_header
from toolkit.store import Store, StoreError, rollback_with
from toolkit.store.dialect import insert_ignore
from toolkit.store.schema import metrics as metrics_table
from toolkit.store.schema import runs as runs_table
from toolkit.store.schema import submissions as submissions_table

STORED_STATUSES = (ACCEPTED, SUPERSEDED, UNKNOWN_UNIT)


def default_db_path() -> Path:
    """The 0.1 default file: $INTEGRITAS_REKAP_DB, else riwayat-rekap.sqlite in the user's application folder.

    Commands now use the store unless --db or $INTEGRITAS_REKAP_DB names a file
    (``legacy_db_path``); this stays for callers and for ``basisdata pindah``."""
    env = os.environ.get("INTEGRITAS_REKAP_DB")
    if env:
        return Path(env)
    return Path(click.get_app_dir("integritas")) / "riwayat-rekap.sqlite"


def legacy_db_path() -> Path | None:
    """$INTEGRITAS_REKAP_DB when set (a single SQLite file, as in 0.1), else None (use the store)."""
    env = os.environ.get("INTEGRITAS_REKAP_DB")
    return Path(env) if env else None


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
    """``History(path_or_url=None, *, store=None)``: open (and create) the history; use as a context manager."""

    def __init__(self, path: str | Path | Store | None = None, *, store: Store | None = None) -> None:
        if isinstance(path, Store):
            path, store = None, path
        self._own = store is None
        if store is None:
            try:
                store = store_for(path)
            except StoreError as exc:
                raise UnreadableInputError(f"basis data riwayat tidak dapat dibuka: {exc.message}",
                                           path=exc.path) from exc
        self.store = store
        self.path: Path | None = store.path  # the SQLite file; None on PostgreSQL

    def __enter__(self) -> History:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._own:
            self.store.close()

    def record(self, result: RekapResult, *, output: str | Path | None = None) -> int:
        """Store the run's submissions; return how many were new (0 on a re-run of the same files)."""
        by_sha: dict[str, object] = {}
        for f in result.files:
            if f.status in STORED_STATUSES and f.submission.sha256:
                by_sha.setdefault(f.submission.sha256, f)  # the very same file twice in one run: once
        if not by_sha:
            return 0
        entries = [by_sha[k] for k in sorted(by_sha)]  # one lock order for every writer

        def run(c: Connection) -> int:
            known = {r[0] for r in c.execute(select(submissions_table.c.sha256)
                                             .where(submissions_table.c.sha256.in_(list(by_sha))))}
            if len(known) == len(by_sha):
                raise rollback_with(0)
            run_id = c.execute(runs_table.insert().values(
                started_at=result.generated_at.isoformat(), kind=result.schema.kind, period=result.period_label(),
                output=str(output) if output else None, n_files=len(result.files), n_new=0)
                .returning(runs_table.c.id)).scalar_one()
            new = 0
            metric_rows: list[dict[str, object]] = []
            for entry in entries:
                sub = entry.submission  # type: ignore[attr-defined]
                if sub.sha256 in known:
                    continue
                unit = entry.unit  # type: ignore[attr-defined]
                kode = unit.kode if unit else str(sub.kode_unit or "")
                nama = unit.nama if unit else str(sub.nama_unit or "")
                tanggal = sub.tanggal_pengisian
                inserted = c.execute(insert_ignore(c, submissions_table, {
                    "sha256": sub.sha256, "run_id": run_id, "kind": sub.kind,
                    "unit_key": normalize_code(kode) or normalize_header(nama), "kode_unit": kode, "nama_unit": nama,
                    "tahun": sub.identitas.get("tahun"), "periode": sub.identitas.get("periode"),
                    "tanggal_pengisian": tanggal.isoformat() if tanggal else None, "file_name": sub.name,
                    "file_mtime": sub.mtime, "status": entry.status,  # type: ignore[attr-defined]
                    "versi_skema": sub.version}).returning(submissions_table.c.sha256)).first()
                if inserted is None:  # another recap stored this file a moment ago
                    continue
                new += 1
                values: dict[str, float | None] = {f"progres:{k}": v for k, v in sub.progress.items()}
                values.update({"progres_rata_rata": sub.progress_total, "kelengkapan_bukti": sub.evidence_pct,
                               "nilai": sub.score, "galat": sub.n_errors, "peringatan": sub.n_warnings,
                               "baris": sub.rows_total})
                metric_rows.extend({"sha256": sub.sha256, "metric": k, "value": v}
                                   for k, v in values.items() if v is not None)
            if new == 0:
                raise rollback_with(0)
            if metric_rows:
                c.execute(metrics_table.insert(), metric_rows)
            c.execute(update(runs_table).where(runs_table.c.id == run_id).values(n_new=new))
            return new

        return self.store.transact(run)

    def count(self, table: str) -> int:
        tables = {"runs": runs_table, "submissions": submissions_table, "metrics": metrics_table}
        if table not in tables:
            raise ValueError(table)
        return int(self.store.read(lambda c: c.execute(select(func.count()).select_from(tables[table]))
                                   .scalar_one()))

    def trend(self, unit: str, *, kind: str | None = None) -> Trend | None:
        """The unit's figures per (year, period): the newest submission of each, oldest period first."""
        return self.store.read(lambda c: self._trend(c, unit, kind))

    @staticmethod
    def _trend(c: Connection, unit: str, kind: str | None) -> Trend | None:
        key_code, key_name = normalize_code(unit), normalize_header(unit)
        s = submissions_table.c
        rows = [tuple(r) for r in c.execute(
            select(s.sha256, s.unit_key, s.kode_unit, s.nama_unit, s.tahun, s.periode, s.tanggal_pengisian,
                   s.file_name, s.file_mtime, s.kind, s.run_id)
            .where(s.status.in_((ACCEPTED, SUPERSEDED))).order_by(s.run_id, s.sha256))]
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
        m = metrics_table.c
        for (tahun, periode), r in sorted(newest.items(), key=lambda kv: (kv[0][0] or 0, _period_order(kv[0][1]))):
            values = {name: v for name, v in c.execute(
                select(m.metric, m.value).where(m.sha256 == r[0]).order_by(m.id))}
            points.append(TrendPoint(tahun, periode, r[6], r[7], values))
        last = mine[-1]
        return Trend(last[1], last[2], last[3], points)

    def trends(self, *, kind: str | None = None) -> list[Trend]:
        """Every unit's trend (as :meth:`trend`), in two queries: for the recap's Tren sheet and the dashboard."""
        return self.store.read(lambda c: self._trends(c, kind))

    @staticmethod
    def _trends(c: Connection, kind: str | None) -> list[Trend]:
        s = submissions_table.c
        rows = [tuple(r) for r in c.execute(
            select(s.sha256, s.unit_key, s.kode_unit, s.nama_unit, s.tahun, s.periode, s.tanggal_pengisian,
                   s.file_name, s.file_mtime, s.kind)
            .where(s.status.in_((ACCEPTED, SUPERSEDED))).order_by(s.run_id, s.sha256))]
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
        m = metrics_table.c
        for sha, metric, value in c.execute(select(m.sha256, m.metric, m.value).order_by(m.id)):
            if sha in wanted:
                metrics.setdefault(sha, {})[metric] = value
        out = []
        for key, per in by_unit.items():
            points = [TrendPoint(tahun, periode, r[6], r[7], metrics.get(r[0], {}))
                      for (tahun, periode), r in sorted(per.items(),
                                                        key=lambda kv: (kv[0][0] or 0, _period_order(kv[0][1])))]
            out.append(Trend(key, names[key][0], names[key][1], points))
        return out
