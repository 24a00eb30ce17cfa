"""The sheets of REKAP.xlsx that need the whole result: Ringkasan, Peringkat, Status Unit, Progres Area,
Belum Mengirim and Daftar File (the long data tables are streamed by :mod:`toolkit.rekap.writer`).

*Ringkasan* is one screen and one printed page that answers three questions: how are
we doing (key figures with traffic lights), who is behind (the ten lowest scores and
the best five), who has not sent (the first ten, with the count) — with the definition
of the score written beside it.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from typing import Any

from xlsxwriter.worksheet import Worksheet

from toolkit.indonesian import format_tanggal
from toolkit.rekap.figures import LIGHT_RULE, TOP_N, Overview, UnitFigure, key_figures
from toolkit.rekap.merge import ACCEPTED, FILE_STATUSES, SUPERSEDED, RekapResult
from toolkit.rekap.xlsxstyle import (
    Fmt,
    InRowOrder,
    fit_widths,
    header,
    light_rules,
    print_setup,
    text_rule,
    traffic,
    write_value,
)

SUMMARY_SHEET = "Ringkasan"
RANKING_SHEET = "Peringkat"
UNITS_SHEET = "Status Unit"
AREAS_SHEET = "Progres Area"
MISSING_SHEET = "Belum Mengirim"
FILES_SHEET = "Daftar File"
SHOWN_MISSING = 10
DEFINITION_CHARS = 72
TOP_BEST = 5


def _num(ws: Worksheet, r: int, c: int, value: Any, f: Any) -> None:
    if value is not None:
        ws.write_number(r, c, value, f)


def write_summary(sheet: Worksheet, ov: Overview, fmt: Fmt) -> None:
    """The first sheet: one screen, one page (blocks side by side, written in row order at the end)."""
    ws: Any = InRowOrder(sheet)
    ws.hide_gridlines(2)
    ws.write_string(0, 0, f"REKAP {ov.title.upper()} — {ov.period}", fmt.title)
    ws.write_string(1, 0, f"Dibuat {format_tanggal(ov.generated_at)} pukul {ov.generated_at:%H.%M} oleh "
                          f"Toolkit Integritas (jenis {ov.kind}). Rincian: sheet {RANKING_SHEET}, {UNITS_SHEET}, "
                          f"{MISSING_SHEET}, Grafik.", fmt.sub)
    # left: how are we doing
    ws.merge_range(3, 0, 3, 2, "Bagaimana capaian kita?", fmt.h2)
    figures = key_figures(ov)
    for i, (label, value, lamp) in enumerate(figures):
        r = 4 + i
        ws.write_string(r, 0, label, fmt.label)
        if value is not None:
            ws.write_number(r, 1, value, fmt.pct if isinstance(value, float) else fmt.int)
        else:
            ws.write_string(r, 1, "-")
        if lamp:
            ws.write_string(r, 2, lamp)
    light_rules(ws, 4, 2, 3 + len(figures), fmt)
    # left, below: what the score means
    r = 5 + len(figures)
    ws.merge_range(r, 0, r, 2, f"Arti nilai: {ov.score_label}", fmt.h2)
    lines = textwrap.wrap(f"{ov.score_definition} {LIGHT_RULE}", DEFINITION_CHARS)
    for i, line in enumerate(lines):  # one line per row: the blocks beside it keep their row heights
        ws.write_string(r + 1 + i, 0, line, fmt.sub)
    # left, further below: the best five
    r += 2 + len(lines)
    ws.merge_range(r, 0, r, 2, f"{TOP_BEST} nilai tertinggi", fmt.h2)
    best = ov.top(TOP_BEST)
    header(ws, r + 1, ["Unit", "Nilai", "Lampu"], fmt)
    for i, u in enumerate(best):
        ws.write_string(r + 2 + i, 0, f"{u.rank}. {u.kode} — {u.nama}"[:48])
        _num(ws, r + 2 + i, 1, u.score, fmt.pct)
        ws.write_string(r + 2 + i, 2, u.light)
    if not best:
        ws.write_string(r + 2, 0, "Belum ada nilai.", fmt.sub)
    light_rules(ws, r + 2, 2, r + 1 + max(len(best), 1), fmt)
    # right: who is behind
    c0 = 4
    lowest = ov.behind(TOP_N)
    ws.merge_range(3, c0, 3, c0 + 4, ov.behind_title(TOP_N), fmt.h2)
    heads = ["Peringkat", "Kode Unit", "Nama Unit", "Nilai", "Lampu"]
    missing = ov.missing[:SHOWN_MISSING]
    rows: list[list[Any]] = [[u.rank, u.kode, u.nama, u.score, u.light] for u in lowest]
    rows += [[None, u.kode, u.nama, u.deadline, None] for u in missing]
    widths = fit_widths(heads, rows, maximum=46, one_line=True)
    header(ws, 4, heads, fmt, widths, first_col=c0)
    for i, u in enumerate(lowest):
        r = 5 + i
        _num(ws, r, c0, u.rank, fmt.int)
        ws.write_string(r, c0 + 1, u.kode)
        ws.write_string(r, c0 + 2, u.nama)
        _num(ws, r, c0 + 3, u.score, fmt.pct)
        ws.write_string(r, c0 + 4, u.light)
    if not lowest:
        ws.write_string(5, c0 + 1, "Belum ada nilai." if not ov.scores else "Semua unit yang mengirim di lampu hijau.",
                        fmt.sub)
    light_rules(ws, 5, c0 + 4, 4 + max(len(lowest), 1), fmt)
    # right, below: who has not sent
    r = 6 + max(len(lowest), 1)
    n_missing = len(ov.missing)
    ws.merge_range(r, c0, r, c0 + 4, f"Siapa belum mengirim? {n_missing} unit", fmt.h2)
    if missing:
        header(ws, r + 1, ["No", "Kode Unit", "Nama Unit", "Batas Kirim", "Status"], fmt, first_col=c0)
        for i, u in enumerate(missing):
            rr = r + 2 + i
            ws.write_number(rr, c0, i + 1, fmt.int)
            ws.write_string(rr, c0 + 1, u.kode)
            ws.write_string(rr, c0 + 2, u.nama)
            write_value(ws, rr, c0 + 3, u.deadline, fmt)
            ws.write_string(rr, c0 + 4, "Belum")
        text_rule(ws, r + 2, c0 + 4, r + 1 + len(missing), "Belum", fmt.red)
        if n_missing > len(missing):
            ws.write_string(r + 2 + len(missing), c0 + 1,
                            f"… dan {n_missing - len(missing)} unit lainnya: lihat sheet {MISSING_SHEET}.", fmt.sub)
    else:
        ws.write_string(r + 1, c0 + 1, "Semua unit dalam daftar sudah mengirim.", fmt.sub)
    ws.set_column(0, 0, 40)
    ws.set_column(1, 1, 11)
    ws.set_column(2, 2, 9)
    ws.set_column(3, 3, 2)
    print_setup(sheet, one_page=True)
    ws.flush()


def write_ranking(ws: Worksheet, ov: Overview, fmt: Fmt) -> None:
    ws.write_string(0, 0, f"PERINGKAT UNIT — {ov.period}", fmt.title)
    heads = ["Peringkat", "Kode Unit", "Nama Unit", "Jenis Unit", "Nilai", "Lampu", "Progres Rata-rata (%)",
             "Kelengkapan Bukti (%)", "Galat", "Tepat Waktu"]
    ranked = ov.ranked
    unscored = [u for u in ov.sent if u.score is None]
    units = [*ranked, *unscored]
    rows = [[u.rank, u.kode, u.nama, u.jenis, u.score, u.light, u.progress, u.evidence, u.errors, u.timeliness]
            for u in units]
    widths = fit_widths(heads, rows, maximum=50)
    last_col = len(heads) - 1
    ws.merge_range(1, 0, 1, last_col, f"Arti nilai ({ov.score_label}): {ov.score_definition} {LIGHT_RULE}",
                   fmt.note)
    ws.set_row(1, 15 * max(2, 1 + len(ov.score_definition) // max(60, int(sum(widths) * 0.9))))
    hr = 3
    header(ws, hr, heads, fmt, widths)
    for i, row in enumerate(rows):
        r = hr + 1 + i
        for c, v in enumerate(row):
            if c in (4, 6, 7):
                _num(ws, r, c, v, fmt.pct)
            elif isinstance(v, int):
                ws.write_number(r, c, v, fmt.int)
            elif v is not None:
                ws.write_string(r, c, str(v))
    last = hr + max(len(rows), 1)
    if not rows:
        ws.write_string(hr + 1, 1, "Belum ada unit yang mengirim.", fmt.sub)
    light_rules(ws, hr + 1, 5, last, fmt)
    traffic(ws, hr + 1, 6, last, 7, fmt)
    text_rule(ws, hr + 1, 9, last, "Terlambat", fmt.red)
    ws.autofilter(hr, 0, last, last_col)
    ws.freeze_panes(hr + 1, 3)
    print_setup(ws, header_row=hr)


def status_headers(ov: Overview) -> list[str]:
    return ["No", "Kode Unit", "Nama Unit", "Jenis Unit", "Unit Induk", "Sudah Kirim", "Tanggal Kirim",
            "Batas Kirim", "Tepat Waktu", "Galat", "Peringatan", "Progres Rata-rata (%)", "Kelengkapan Bukti (%)",
            "Nilai", "Peringkat", "File", "Catatan"]


def _status_row(u: UnitFigure) -> list[Any]:
    return [u.no, u.kode, u.nama, u.jenis, u.induk, "Ya" if u.sent else "Tidak", u.sent_on, u.deadline,
            u.timeliness, u.errors, u.warnings, u.progress, u.evidence, u.score, u.rank, u.file,
            "; ".join(u.notes)]


def write_status(ws: Worksheet, ov: Overview, fmt: Fmt) -> None:
    """One row per unit of the list: sent?, when, on time?, findings, progress, evidence, score, rank."""
    ws.write_string(0, 0, f"STATUS UNIT — {ov.period}", fmt.title)
    heads = status_headers(ov)
    rows = [_status_row(u) for u in ov.units]
    widths = fit_widths(heads, rows, maximum=36)
    hr = 2
    header(ws, hr, heads, fmt, widths)
    pct_cols = {11, 12, 13}
    for i, row in enumerate(rows):
        r = hr + 1 + i
        for c, v in enumerate(row):
            if v is None or v == "":
                continue
            if c in pct_cols:
                ws.write_number(r, c, v, fmt.pct)
            elif isinstance(v, int) and not isinstance(v, bool):
                ws.write_number(r, c, v, fmt.int)
            elif isinstance(v, dt.date):
                write_value(ws, r, c, v, fmt)
            else:
                ws.write_string(r, c, str(v), fmt.wrap if c in (2, 4, 16) else None)
    last = hr + max(len(rows), 1)
    ws.autofilter(hr, 0, last, len(heads) - 1)
    ws.freeze_panes(hr + 1, 3)
    text_rule(ws, hr + 1, 5, last, "Tidak", fmt.red)
    text_rule(ws, hr + 1, 5, last, "Ya", fmt.green)
    for text, f in (("Terlambat", fmt.red), ("Belum", fmt.red), ("Ya", fmt.green)):
        text_rule(ws, hr + 1, 8, last, text, f)
    ws.conditional_format(hr + 1, 9, last, 9, {"type": "cell", "criteria": ">", "value": 0, "format": fmt.red})
    ws.conditional_format(hr + 1, 10, last, 10, {"type": "cell", "criteria": ">", "value": 0,
                                                  "format": fmt.yellow})
    traffic(ws, hr + 1, 11, last, 13, fmt)
    ws.conditional_format(hr + 1, 13, last, 13,
                          {"type": "icon_set", "icon_style": "3_traffic_lights",
                           "icons": [{"criteria": ">=", "type": "number", "value": 80},
                                     {"criteria": ">=", "type": "number", "value": 50},
                                     {"criteria": "<", "type": "number", "value": 50}]})
    print_setup(ws, header_row=hr)


def write_areas(ws: Worksheet, ov: Overview, fmt: Fmt) -> None:
    """Progress per change area: the statistics across units, then one row per unit that sent."""
    ws.write_string(0, 0, f"PROGRES PER AREA — {ov.period}", fmt.title)
    heads = ["Area", "Rata-rata (%)", "Terendah (%)", "Tertinggi (%)", "Unit < 50%", "Unit dinilai"]
    rows = [[a.area, a.average, a.lowest, a.highest, a.below_50, a.n] for a in ov.areas]
    unit_heads = ["Kode Unit", "Nama Unit", *[f"Progres {g} (%)" for g in ov.groups], "Progres Rata-rata (%)"]
    unit_rows = [[u.kode, u.nama, *[ov.area_progress.get(u.kode, {}).get(g) for g in ov.groups], u.progress]
                 for u in ov.sent]
    w1 = fit_widths(heads, rows, maximum=40)
    w2 = fit_widths(unit_heads, unit_rows, maximum=46)
    widths = [max(a, b) for a, b in zip(w1 + [0.0] * len(w2), w2 + [0.0] * len(w1), strict=False)]
    header(ws, 2, heads, fmt, widths[:len(heads)])
    for i, row in enumerate(rows):
        ws.write_string(3 + i, 0, row[0])
        for c in (1, 2, 3):
            _num(ws, 3 + i, c, row[c], fmt.pct)
        ws.write_number(3 + i, 4, row[4], fmt.int)
        ws.write_number(3 + i, 5, row[5], fmt.int)
    traffic(ws, 3, 1, 2 + len(rows), 3, fmt)
    hr = 4 + len(rows)
    header(ws, hr, unit_heads, fmt, widths[:len(unit_heads)])
    for i, row in enumerate(unit_rows):
        r = hr + 1 + i
        ws.write_string(r, 0, row[0])
        ws.write_string(r, 1, row[1])
        for c in range(2, len(row)):
            _num(ws, r, c, row[c], fmt.pct)
    traffic(ws, hr + 1, 2, hr + max(len(unit_rows), 1), len(unit_heads) - 1, fmt)
    ws.freeze_panes(hr + 1, 2)
    print_setup(ws, header_row=hr)


def write_missing(ws: Worksheet, result: RekapResult, fmt: Fmt) -> None:
    heads = ["No", "Kode Unit", "Nama Unit", "Jenis Unit", "Unit Induk", "Email", "Batas Kirim", "Keterangan"]
    rows = []
    for i, us in enumerate(result.missing, start=1):
        u = us.unit
        rows.append([i, u.kode, u.nama, u.jenis, u.induk, u.email, us.deadline,
                     "; ".join([*us.notes, *([u.keterangan] if u.keterangan else [])])])
    header(ws, 0, heads, fmt, fit_widths(heads, rows, maximum=50))
    for r, row in enumerate(rows, start=1):
        ws.write_number(r, 0, row[0], fmt.int)
        for c in range(1, len(row)):
            if row[c]:
                write_value(ws, r, c, row[c], fmt)
    ws.autofilter(0, 0, max(len(rows), 1), len(heads) - 1)
    ws.freeze_panes(1, 3)
    print_setup(ws, header_row=0)


def write_files(ws: Worksheet, result: RekapResult, fmt: Fmt) -> None:
    heads = ["No", "File", "Status", "Alasan", "Kode Unit (Identitas)", "Nama Unit (Identitas)", "Unit Daftar",
             "Tahun", "Periode", "Tanggal Pengisian", "Waktu File", "Versi Skema", "Kolom Dipetakan",
             "Kolom Tambahan", "Kolom Hilang", "Jumlah Baris", "SHA-256", "Lokasi"]
    rows: list[list[Any]] = []
    for i, entry in enumerate(result.files, start=1):
        sub = entry.submission
        ident = sub.identitas
        rows.append([i, sub.name, entry.status, entry.reason, _text(ident.get("kode_unit")) or None,
                     _text(ident.get("nama_unit")) or None, entry.unit.kode if entry.unit else None,
                     ident.get("tahun"), ident.get("periode"), sub.tanggal_pengisian,
                     dt.datetime.fromtimestamp(sub.mtime).replace(microsecond=0) if sub.mtime else None,
                     sub.version or None, "; ".join(sub.renamed) or None,
                     "; ".join(h for hs in sub.unknown_columns.values() for h in hs) or None,
                     "; ".join(h for hs in sub.missing_columns.values() for h in hs) or None,
                     sub.rows_total if sub.row_counts else None, sub.sha256 or None, sub.path])
    widths = fit_widths(heads, rows, maximum=50)
    widths[16] = 20.0  # the hash: its start is enough to compare
    header(ws, 0, heads, fmt, widths)
    for r, row in enumerate(rows, start=1):
        for c, v in enumerate(row):
            if c in (4, 5, 6, 8) and v is not None:
                ws.write_string(r, c, str(v))
            elif c in (3, 12, 13, 14) and v:
                ws.write_string(r, c, str(v), fmt.wrap)
            elif isinstance(v, int) and not isinstance(v, bool):
                ws.write_number(r, c, v, fmt.int)
            else:
                write_value(ws, r, c, v, fmt)
    last = max(len(rows), 1)
    ws.autofilter(0, 0, last, len(heads) - 1)
    ws.freeze_panes(1, 3)
    for status in FILE_STATUSES:
        color = fmt.green if status == ACCEPTED else fmt.yellow if status == SUPERSEDED else fmt.red
        text_rule(ws, 1, 2, last, status, color)
    print_setup(ws, header_row=0)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return format_tanggal(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
