"""Trends across periods for every unit: each unit's score per period, from the history and this run.

:func:`trend_table` builds one table (units x periods, oldest period first) from the
history's per-unit trends plus the run being written (which is recorded only after
REKAP.xlsx is safely written). :func:`find_unit` resolves ``--tren`` by code or by
name (a part of the name is enough when it names one unit; when it names several,
the message lists them). :func:`export_trends` writes the table as .xlsx or .csv.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from toolkit.errors import UsageError
from toolkit.rekap.history import History, Trend
from toolkit.rekap.merge import RekapResult
from toolkit.rekap.periods import period_key, period_label
from toolkit.rekap.units import normalize_code
from toolkit.rekap.xlsxstyle import Fmt, fit_widths, header, print_setup, traffic
from toolkit.schemas.model import normalize_header
from toolkit.workbook.cells import XLSX_OPTIONS

SCORE_METRIC = "nilai"
FALLBACK_METRIC = "progres_rata_rata"
MAX_LISTED = 8


@dataclass
class TrendRow:
    kode: str
    nama: str
    values: dict[str, float | None] = field(default_factory=dict)  # period label -> value

    def series(self, periods: Sequence[str]) -> list[float | None]:
        return [self.values.get(p) for p in periods]

    def change(self, periods: Sequence[str]) -> float | None:
        """Last value minus the value before it (the two most recent periods with a value)."""
        known = [v for v in self.series(periods) if v is not None]
        return round(known[-1] - known[-2], 1) if len(known) >= 2 else None


@dataclass
class TrendTable:
    metric: str
    periods: list[str]
    rows: list[TrendRow]

    def averages(self) -> list[float | None]:
        out: list[float | None] = []
        for p in self.periods:
            vals = [v for r in self.rows if (v := r.values.get(p)) is not None]
            out.append(round(sum(vals) / len(vals), 1) if vals else None)
        return out

    def extremes(self) -> tuple[list[float | None], list[float | None]]:
        lows: list[float | None] = []
        highs: list[float | None] = []
        for p in self.periods:
            vals = [v for r in self.rows if (v := r.values.get(p)) is not None]
            lows.append(min(vals) if vals else None)
            highs.append(max(vals) if vals else None)
        return lows, highs


def history_trends(history: History, kind: str | None) -> list[Trend]:
    """Every unit's trend in the history (one query when the history can, else unit by unit)."""
    many = getattr(history, "trends", None)
    if callable(many):
        return list(many(kind=kind))
    return []


def trend_table(trends: Iterable[Trend], result: RekapResult | None = None, *,
                metric: str | None = None) -> TrendTable:
    """Units x periods of ``metric`` (default: the score, else the average progress)."""
    trends = list(trends)
    has_score = any(SCORE_METRIC in p.metrics for t in trends for p in t.points) or (
        result is not None and any(us.submission and us.submission.score is not None for us in result.accepted))
    metric = metric or (SCORE_METRIC if has_score else FALLBACK_METRIC)
    rows: dict[str, TrendRow] = {}
    keys: dict[str, tuple[int, int]] = {}
    for t in trends:
        row = rows.setdefault(t.unit_key, TrendRow(t.kode_unit, t.nama_unit))
        for p in t.points:
            label = period_label(p.tahun, p.periode)
            keys[label] = period_key(p.tahun, p.periode)
            if metric in p.metrics:
                row.values[label] = p.metrics[metric]
    if result is not None:
        for us in result.accepted:
            sub = us.submission
            assert sub is not None
            tahun, periode = sub.identitas.get("tahun"), sub.identitas.get("periode")
            label = period_label(tahun, periode)
            keys[label] = period_key(tahun, periode)
            key = us.unit.key
            row = rows.setdefault(key, TrendRow(us.unit.kode, us.unit.nama))
            row.kode, row.nama = us.unit.kode, us.unit.nama
            value = sub.score if metric == SCORE_METRIC else sub.progress_total
            row.values[label] = value
    periods = sorted(keys, key=lambda label: keys[label])
    ordered = sorted(rows.values(), key=lambda r: r.kode)
    return TrendTable(metric, periods, ordered)


def find_unit(trends: Sequence[Trend], query: str) -> Trend:
    """The unit ``query`` names: its code, its full name, or a part of its name naming one unit only."""
    code, name = normalize_code(query), normalize_header(query)
    exact = [t for t in trends if t.unit_key == code or normalize_code(t.kode_unit) == code
             or normalize_header(t.nama_unit) == name]
    if len(exact) == 1:
        return exact[0]
    found = exact or [t for t in trends if name and (name in normalize_header(t.nama_unit)
                                                      or name in normalize_header(t.kode_unit))]
    if not found:
        raise UsageError(f"unit '{query}' tidak ada di riwayat rekap (cari dengan kode unit atau sebagian nama).")
    if len(found) > 1:
        listed = "; ".join(f"{t.kode_unit} ({t.nama_unit})" for t in found[:MAX_LISTED])
        more = f" dan {len(found) - MAX_LISTED} lainnya" if len(found) > MAX_LISTED else ""
        raise UsageError(f"'{query}' cocok dengan {len(found)} unit: {listed}{more}. Sebutkan kode unitnya.")
    return found[0]


def metric_title(metric: str) -> str:
    return {"nilai": "Nilai", "progres_rata_rata": "Progres rata-rata (%)",
            "kelengkapan_bukti": "Kelengkapan bukti (%)"}.get(metric, metric)


def export_trends(table: TrendTable, path: str | Path) -> Path:
    """The table as .xlsx (one sheet, Indonesian formats) or .csv (semicolon, decimal comma)."""
    out = Path(path)
    heads = ["Kode Unit", "Nama Unit", *table.periods, "Perubahan Terakhir"]
    body = [[r.kode, r.nama, *r.series(table.periods), r.change(table.periods)] for r in table.rows]
    if out.suffix.lower() == ".csv":
        with out.open("w", newline="", encoding="utf-8-sig") as fh:
            w = csv.writer(fh, delimiter=";")
            w.writerow(heads)
            for row in body:
                w.writerow([_csv(v) for v in row])
        return out
    if out.suffix.lower() != ".xlsx":
        raise UsageError("ekspor tren ditulis sebagai .xlsx atau .csv.", path=out)
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(out), XLSX_OPTIONS)
    fmt = Fmt(wb)
    ws = wb.add_worksheet("Tren")
    ws.write_string(0, 0, f"TREN {metric_title(table.metric).upper()} PER PERIODE", fmt.title)
    write_trend_rows(ws, table, fmt, heads, body, header_row=2)
    header(ws, 2, heads, fmt, fit_widths(heads, body, maximum=48))
    traffic(ws, 3, 2, 2 + max(len(body), 1), 1 + len(table.periods), fmt)
    print_setup(ws, header_row=2)
    wb.close()
    return out


def write_trend_rows(ws: Any, table: TrendTable, fmt: Any, heads: Sequence[str], body: Sequence[Sequence[Any]],
                     *, header_row: int) -> None:
    for i, row in enumerate(body):
        r = header_row + 1 + i
        ws.write_string(r, 0, str(row[0]))
        ws.write_string(r, 1, str(row[1]))
        for c in range(2, len(row)):
            if row[c] is not None:
                ws.write_number(r, c, row[c], fmt.pct)


def _csv(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    return str(value)
