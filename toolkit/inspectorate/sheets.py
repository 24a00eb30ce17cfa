"""Result sheets written into a copy of the workbook: taxes, gift decisions, risk map, findings.

Each sheet is drawn with XlsxWriter and added to the copy by
:func:`toolkit.workbook.safe_copy.write_safe_copy`, which keeps every part of the unit's
workbook (macros, form buttons, dropdowns, formats) byte for byte. Every text that came
from the unit's file is written as text (``write_string``), never as a formula. Cells with
findings are highlighted in the copy (red for errors, yellow for warnings) with a note.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from toolkit.indonesian import format_rupiah, format_tanggal
from toolkit.inspectorate import analysis as an
from toolkit.inspectorate.risk import heatmap_png
from toolkit.inspectorate.ruleset import ROUNDING, load_rules
from toolkit.inspectorate.taxes import TAX_KEYS, TAX_LABELS
from toolkit.validation.report import SEVERITY_LABEL
from toolkit.workbook import palette
from toolkit.workbook.safe_copy import Mark, NewSheet, write_value

if TYPE_CHECKING:
    from toolkit.inspectorate.inspection import InspectionResult

HEADER: dict[str, Any] = {"bold": True, "bg_color": "#1F4E78", "font_color": "#FFFFFF", "text_wrap": True, "align": "center",
          "valign": "vcenter", "border": 1}
TITLE: dict[str, Any] = {"bold": True, "font_size": 14, "font_color": "#1F4E78"}
SUBTITLE: dict[str, Any] = {"italic": True, "font_color": "#595959"}
ERROR_FILL, WARNING_FILL, OK_FILL = palette.RED, palette.YELLOW, palette.GREEN
MONEY = "#,##0"

SHEET_TAX = "Hasil Pajak BOS"
SHEET_GIFTS = "Hasil Gratifikasi"
SHEET_RISKS = "Hasil Risiko"
SHEET_MAP = "Peta Risiko"
SHEET_FINDINGS = "Temuan Inspektorat"


class _Formats:
    """XlsxWriter formats made on demand from a few properties (one format per combination)."""

    def __init__(self, wb: Any) -> None:
        self.wb = wb
        self.cache: dict[tuple[Any, ...], Any] = {}

    def get(self, *, fmt: str | None = None, fill: str | None = None, bold: bool = False, wrap: bool = False,
            **extra: Any) -> Any:
        props: dict[str, Any] = dict(extra)
        if fmt:
            props["num_format"] = fmt
        if fill:
            props["bg_color"] = fill
        if bold:
            props["bold"] = True
        if wrap:
            props.update(text_wrap=True, valign="top")
        if not props:
            return None
        key = tuple(sorted(props.items()))
        if key not in self.cache:
            self.cache[key] = self.wb.add_format(props)
        return self.cache[key]


def put(ws: Any, f: _Formats, row: int, col: int, value: Any, *, fmt: str | None = None, fill: str | None = None,
        bold: bool = False, wrap: bool = False) -> None:
    """Write one value (1-based row/col); text stays text even when it starts with "=" (never a formula)."""
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(v) for v in value)
    write_value(ws, row - 1, col - 1, value, f.get(fmt=fmt, fill=fill, bold=bold, wrap=wrap))


def _table(ws: Any, f: _Formats, title: str, subtitle: str, headers: Sequence[tuple[str, float]],
           rows: Sequence[Sequence[Any]], formats: dict[int, str] | None = None,
           fills: dict[tuple[int, int], str] | None = None) -> int:
    """Title, subtitle, header row 4, data from row 5; returns the next free row."""
    write_value(ws, 0, 0, title, f.get(**TITLE))
    write_value(ws, 1, 0, subtitle, f.get(**SUBTITLE))
    for c, (header, width) in enumerate(headers, start=1):
        write_value(ws, 3, c - 1, header, f.get(**HEADER))
        ws.set_column(c - 1, c - 1, width)
    for r, row in enumerate(rows, start=5):
        for c, value in enumerate(row, start=1):
            put(ws, f, r, c, value, fmt=(formats or {}).get(c), fill=(fills or {}).get((r, c)),
                wrap=isinstance(value, str) and len(value) > 30)
    ws.freeze_panes(4, 0)
    return 5 + len(rows)


def _tax_sheet(wb: Any, ws: Any, result: InspectionResult) -> None:
    assert isinstance(result.analysis, an.BosAnalysis)
    f = _Formats(wb)
    cfg = load_rules("pajak_bos")
    rounding = ROUNDING.get(str(cfg.get("pembulatan", "bawah")), "")
    unit = result.data.identitas.values.get("nama_unit") or ""
    headers = [("No", 5), ("Tanggal", 14), ("Uraian", 34), ("Jenis Belanja", 22), ("Penerima", 22),
               ("Status Penerima", 16), ("Nilai Bruto (Rp)", 14), ("Harga tanpa PPN (Rp)", 14)]
    for tax in TAX_KEYS:
        headers += [(f"Tarif {TAX_LABELS[tax]}", 9), (f"{TAX_LABELS[tax]} (Rp)", 13)]
    headers += [("Jumlah PPh Dipotong (Rp)", 14), ("Temuan", 28)]
    rows = []
    for row in result.rows():
        line = [row["no"], format_tanggal(_date(row["tanggal"])), row["uraian"], row["jenis_belanja"],
                row["penerima"], row["status_penerima"], row["nilai_bruto"], row["harga_tanpa_ppn"]]
        for tax in TAX_KEYS:
            line += [row[f"{tax}_tarif"], row[tax]]
        line += [row["jumlah_pph"], ", ".join(row["temuan"])]
        rows.append(line)
    n = len(TAX_KEYS)
    money_cols = {7, 8, *(10 + 2 * i for i in range(n)), 9 + 2 * n}
    end = _table(ws, f, "HASIL PERHITUNGAN PAJAK TRANSAKSI BOS",
                 f"{unit} — tarif peraturan yang berlaku pada tanggal transaksi (pajak_bos.yaml, ppn.yaml; "
                 f"seed 003 ITBAN I); setiap pajak {rounding}.",
                 headers, rows, {c: MONEY for c in money_cols})
    totals = result.analysis.totals()
    put(ws, f, end, 1, "JUMLAH", bold=True)
    put(ws, f, end, 7, totals["bruto"], fmt=MONEY, bold=True)
    for i, tax in enumerate(TAX_KEYS):
        put(ws, f, end, 10 + 2 * i, totals[tax], fmt=MONEY, bold=True)
    put(ws, f, end, 9 + 2 * n, sum(totals[t] for t in TAX_KEYS if t != "ppn"), fmt=MONEY, bold=True)
    bases = sorted({row[f"{t}_dasar"] for row in result.rows() for t in TAX_KEYS if row[f"{t}_dasar"]})
    put(ws, f, end + 2, 1, "Dasar tarif yang dipakai:", bold=True)
    for i, text in enumerate(bases):
        put(ws, f, end + 3 + i, 1, f"• {text}")
    notes = result.analysis.notes
    if notes:
        at = end + 4 + len(bases)
        put(ws, f, at, 1, "Seed dan peraturan yang berlaku berbeda (yang dipakai: peraturan):", bold=True)
        for i, text in enumerate(notes):
            put(ws, f, at + 1 + i, 1, f"• {text}")


def _gift_sheet(wb: Any, ws: Any, result: InspectionResult) -> None:
    assert isinstance(result.analysis, an.GiftAnalysis)
    f = _Formats(wb)
    headers = [("No", 5), ("Tanggal Diterima", 14), ("Penerima", 20), ("Pemberi", 20), ("Hubungan", 16),
               ("Acara/Kesempatan", 26), ("Bentuk", 14), ("Nilai (Rp)", 13), ("Status", 16), ("Alasan", 60),
               ("Batas Lapor", 16), ("Lapor ke", 40), ("Keadaan", 22)]
    rows = []
    fills: dict[tuple[int, int], str] = {}
    state_text = {"GRAT-TERLAMBAT": "Belum dilaporkan, terlambat", "GRAT-WAJIB-LAPOR": "Belum dilaporkan",
                  "GRAT-LAPOR-TERLAMBAT": "Dilaporkan terlambat", None: ""}
    for r, row in enumerate(result.rows(), start=5):
        rows.append([row["no"], format_tanggal(_date(row["tanggal"])), row["penerima"], row["pemberi"],
                     row["hubungan"], row["acara"], row["bentuk"], row["nilai"], row["status"], row["alasan"],
                     format_tanggal(_date(row["batas_lapor"])) if row["batas_lapor"] else "",
                     " atau ".join(row["saluran"]), state_text.get(row["keadaan_lapor"], "")])
        fills[(r, 9)] = ERROR_FILL if row["status"] == "Wajib dilaporkan" else OK_FILL
    end = _table(ws, f, "PENGGOLONGAN GRATIFIKASI: BOLEH DITERIMA ATAU WAJIB DILAPORKAN",
                 f"Batas menurut peraturan yang berlaku pada tanggal pemberian (gratifikasi.yaml: Peraturan KPK "
                 f"2/2019 = seed 003 ITBAN KHUSUS; mulai 20 Januari 2026 Peraturan KPK 1/2026); tanggal acuan "
                 f"{format_tanggal(result.analysis.as_of)}; batas lapor 30 hari kerja (UU 20/2001 Pasal 12C).",
                 headers, rows, {8: MONEY}, fills)
    if result.analysis.notes:
        put(ws, f, end + 1, 1, "Seed dan peraturan yang berlaku berbeda (yang dipakai: peraturan):", bold=True)
        for i, text in enumerate(result.analysis.notes):
            put(ws, f, end + 2 + i, 1, f"• {text}")


def _risk_sheet(wb: Any, ws: Any, result: InspectionResult) -> None:
    assert isinstance(result.analysis, an.RiskAnalysis)
    f = _Formats(wb)
    matrix = result.analysis.matrix
    colors = {lv.name: lv.color for lv in matrix.levels}
    headers = [("No", 5), ("Kode Risiko", 11), ("Pernyataan Risiko", 48), ("Kemungkinan", 11), ("Dampak", 9),
               ("Skor", 7), ("Level", 14), ("Prioritas", 10), ("Jumlah RTP", 10)]
    rows = []
    fills: dict[tuple[int, int], str] = {}
    for i, r in enumerate(result.rows(), start=1):
        rows.append([i, r["kode"], r["pernyataan"], r["kemungkinan"], r["dampak"], r["skor"], r["level"],
                     "Ya" if r["prioritas"] else "Tidak", r["jumlah_rtp"]])
        if r["level"]:
            fills[(4 + i, 7)] = colors[r["level"]]
        if r["prioritas"] and r["jumlah_rtp"] == 0:
            fills[(4 + i, 9)] = ERROR_FILL
    _table(ws, f, "PENILAIAN RISIKO: KEMUNGKINAN × DAMPAK (MATRIKS 5×5)",
           f"Pita level dari risiko.yaml (bukan dari seed); risiko prioritas mulai level {matrix.priority_from} "
           "wajib punya RTP (seed 003).", headers, rows, fills=fills)


def _map_sheet(wb: Any, hm: Any, result: InspectionResult, heatmap: bool, tmpdir: Path) -> None:
    assert isinstance(result.analysis, an.RiskAnalysis)
    f = _Formats(wb)
    matrix = result.analysis.matrix
    colors = {lv.name: lv.color for lv in matrix.levels}
    write_value(hm, 0, 0, "PETA RISIKO (HEAT MAP)", f.get(**TITLE))
    put(hm, f, 2, 1, "Baris: kemungkinan 5 (atas) sampai 1; kolom: dampak 1 sampai 5. Isi sel: skor, lalu kode "
                     "risiko.")
    cells: dict[tuple[int, int], list[str]] = {}
    for a in result.analysis.assessments:
        if a.likelihood and a.impact:
            cells.setdefault((a.likelihood, a.impact), []).append(a.kode)
    put(hm, f, 4, 1, "Kemungkinan \\ Dampak", bold=True)
    hm.set_column(0, 0, 26)
    hm.set_column(1, 5, 18)
    for im in range(1, 6):
        put(hm, f, 4, 1 + im, f"{im} {matrix.impact_labels.get(im, '')}", bold=True, wrap=True)
    for i, lk in enumerate(range(5, 0, -1)):
        r = 5 + i
        put(hm, f, r, 1, f"{lk} {matrix.likelihood_labels.get(lk, '')}", bold=True)
        hm.set_row(r - 1, 48)
        for im in range(1, 6):
            level = matrix.level(lk, im)
            codes = cells.get((lk, im), [])
            put(hm, f, r, 1 + im, f"{matrix.score(lk, im)}" + (("\n" + ", ".join(codes)) if codes else ""),
                fill=colors[level.name], wrap=True)
    put(hm, f, 11, 1, "Level", bold=True)
    for i, lv in enumerate(matrix.levels):
        put(hm, f, 12 + i, 1, f"{lv.name} ({lv.low}–{lv.high})", fill=colors[lv.name])
    if heatmap:
        png = heatmap_png(result.analysis.assessments, tmpdir / "peta-risiko.png", matrix=matrix)
        hm.insert_image("H4", str(png), {"x_scale": 0.75, "y_scale": 0.75, "object_position": 3})


def _findings_sheet(wb: Any, ws: Any, result: InspectionResult) -> None:
    f = _Formats(wb)
    headers = [("Tingkat", 11), ("Sheet", 18), ("Sel", 8), ("Kolom", 20), ("Aturan", 22), ("Nilai", 18),
               ("Pesan", 90)]
    rows = [[SEVERITY_LABEL[x.severity], x.sheet, x.cell, x.column or "", x.rule_id,
             "" if x.value is None else str(x.to_dict()["value"]), x.message] for x in result.report.findings]
    fills = {(r, 1): ERROR_FILL if x.severity == "error" else WARNING_FILL
             for r, x in enumerate(result.report.findings, start=5)}
    end = _table(ws, f, "TEMUAN PEMERIKSAAN", result.report.summary_line(), headers, rows, fills=fills)
    if not rows:
        put(ws, f, end, 1, "Tidak ada temuan.")


def result_sheets(result: InspectionResult, *, heatmap: bool = True, tmpdir: Path) -> list[NewSheet]:
    """The sheets for the result's analysis (taxes, gifts, risks and map), then the findings sheet (the copy opens on the first)."""
    sheets: list[NewSheet]
    if isinstance(result.analysis, an.BosAnalysis):
        sheets = [NewSheet(SHEET_TAX, draw=lambda wb, ws: _tax_sheet(wb, ws, result))]
    elif isinstance(result.analysis, an.GiftAnalysis):
        sheets = [NewSheet(SHEET_GIFTS, draw=lambda wb, ws: _gift_sheet(wb, ws, result))]
    else:
        sheets = [NewSheet(SHEET_RISKS, draw=lambda wb, ws: _risk_sheet(wb, ws, result)),
                  NewSheet(SHEET_MAP, draw=lambda wb, ws: _map_sheet(wb, ws, result, heatmap, tmpdir))]
    sheets.append(NewSheet(SHEET_FINDINGS, draw=lambda wb, ws: _findings_sheet(wb, ws, result)))
    return sheets


def finding_marks(result: InspectionResult) -> list[Mark]:
    """Highlight each finding's cell in the copy's own sheet, with the message as a note."""
    return [Mark(x.sheet, x.cell, x.severity, f"[{SEVERITY_LABEL[x.severity]}] {x.rule_id}: {x.message}")
            for x in result.report.findings if x.cell]


def _date(text: str | None) -> Any:
    import datetime as dt

    return dt.date.fromisoformat(text) if text else None


def rupiah(n: int) -> str:
    return format_rupiah(n)
