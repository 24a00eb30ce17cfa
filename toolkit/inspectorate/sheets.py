"""Result sheets written into a copy of the workbook (openpyxl): taxes, gift decisions, risk map.

Every text that came from the unit's file is written as text (``data_type = "s"``), never as a
formula. Cells with findings are highlighted in the copy (red for errors, yellow for warnings).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openpyxl import load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from toolkit.indonesian import format_rupiah, format_tanggal
from toolkit.inspectorate import analysis as an
from toolkit.inspectorate.ruleset import ROUNDING, load_rules
from toolkit.inspectorate.taxes import TAX_KEYS, TAX_LABELS
from toolkit.validation.report import SEVERITY_LABEL

if TYPE_CHECKING:
    from toolkit.inspectorate.inspection import InspectionResult

HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
HEADER_FONT = Font(bold=True, color="FFFFFF")
TITLE_FONT = Font(bold=True, size=14, color="1F4E78")
ERROR_FILL = PatternFill("solid", fgColor="FFC7CE")
WARNING_FILL = PatternFill("solid", fgColor="FFEB9C")
OK_FILL = PatternFill("solid", fgColor="C6EFCE")
WRAP = Alignment(wrap_text=True, vertical="top")
MONEY = "#,##0"

SHEET_TAX = "Hasil Pajak BOS"
SHEET_GIFTS = "Hasil Gratifikasi"
SHEET_RISKS = "Hasil Risiko"
SHEET_MAP = "Peta Risiko"
SHEET_FINDINGS = "Temuan Inspektorat"


def put(ws: Worksheet, row: int, col: int, value: Any, *, fmt: str | None = None, fill: PatternFill | None = None,
        bold: bool = False, wrap: bool = False) -> None:
    """Write one value; text stays text even when it starts with "=" (never a formula)."""
    cell = ws.cell(row=row, column=col)
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(v) for v in value)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
    if fmt:
        cell.number_format = fmt
    if fill is not None:
        cell.fill = fill
    if bold:
        cell.font = Font(bold=True)
    if wrap:
        cell.alignment = WRAP


def _new_sheet(wb: Workbook, name: str) -> Worksheet:
    final, n = name, 2
    while final in wb.sheetnames:
        final = f"{name} ({n})"
        n += 1
    return wb.create_sheet(final)


def _table(ws: Worksheet, title: str, subtitle: str, headers: Sequence[tuple[str, float]],
           rows: Sequence[Sequence[Any]], formats: dict[int, str] | None = None) -> int:
    """Title, subtitle, header row 4, data from row 5; returns the next free row."""
    put(ws, 1, 1, title)
    ws.cell(1, 1).font = TITLE_FONT
    put(ws, 2, 1, subtitle)
    ws.cell(2, 1).font = Font(italic=True, color="595959")
    for c, (header, width) in enumerate(headers, start=1):
        put(ws, 4, c, header)
        cell = ws.cell(4, c)
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        ws.column_dimensions[get_column_letter(c)].width = width
    for r, row in enumerate(rows, start=5):
        for c, value in enumerate(row, start=1):
            put(ws, r, c, value, fmt=(formats or {}).get(c), wrap=isinstance(value, str) and len(value) > 30)
    ws.freeze_panes = "A5"
    return 5 + len(rows)


def _tax_sheet(wb: Workbook, result: InspectionResult) -> None:
    assert isinstance(result.analysis, an.BosAnalysis)
    ws = _new_sheet(wb, SHEET_TAX)
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
    money_cols = {7, 8, 10, 12, 14, 16, 17}
    end = _table(ws, "HASIL PERHITUNGAN PAJAK TRANSAKSI BOS",
                 f"{unit} — tarif seed 003 ITBAN I (file aturan pajak_bos.yaml, ppn.yaml); setiap pajak {rounding}.",
                 headers, rows, {c: MONEY for c in money_cols})
    totals = result.analysis.totals()
    put(ws, end, 1, "JUMLAH", bold=True)
    put(ws, end, 7, totals["bruto"], fmt=MONEY, bold=True)
    for i, tax in enumerate(TAX_KEYS):
        put(ws, end, 10 + 2 * i, totals[tax], fmt=MONEY, bold=True)
    put(ws, end, 17, sum(totals[t] for t in TAX_KEYS if t != "ppn"), fmt=MONEY, bold=True)
    bases = sorted({row[f"{t}_dasar"] for row in result.rows() for t in TAX_KEYS if row[f"{t}_dasar"]})
    put(ws, end + 2, 1, "Dasar tarif yang dipakai:", bold=True)
    for i, text in enumerate(bases):
        put(ws, end + 3 + i, 1, f"• {text}")


def _gift_sheet(wb: Workbook, result: InspectionResult) -> None:
    assert isinstance(result.analysis, an.GiftAnalysis)
    ws = _new_sheet(wb, SHEET_GIFTS)
    headers = [("No", 5), ("Tanggal Diterima", 14), ("Penerima", 20), ("Pemberi", 20), ("Hubungan", 16),
               ("Acara/Kesempatan", 26), ("Bentuk", 14), ("Nilai (Rp)", 13), ("Status", 16), ("Alasan", 60),
               ("Batas Lapor", 16), ("Lapor ke", 40), ("Keadaan", 22)]
    rows = []
    state_text = {"GRAT-TERLAMBAT": "Belum dilaporkan, terlambat", "GRAT-WAJIB-LAPOR": "Belum dilaporkan",
                  "GRAT-LAPOR-TERLAMBAT": "Dilaporkan terlambat", None: ""}
    for row in result.rows():
        rows.append([row["no"], format_tanggal(_date(row["tanggal"])), row["penerima"], row["pemberi"],
                     row["hubungan"], row["acara"], row["bentuk"], row["nilai"], row["status"], row["alasan"],
                     format_tanggal(_date(row["batas_lapor"])) if row["batas_lapor"] else "",
                     " atau ".join(row["saluran"]), state_text.get(row["keadaan_lapor"], "")])
    _table(ws, "PENGGOLONGAN GRATIFIKASI: BOLEH DITERIMA ATAU WAJIB DILAPORKAN",
           f"Batas seed 003 ITBAN KHUSUS (gratifikasi.yaml); tanggal acuan {format_tanggal(result.analysis.as_of)}; "
           "batas lapor 30 hari kerja (pengaturan, bukan dari seed).", headers, rows, {8: MONEY})
    for r, row in enumerate(result.rows(), start=5):
        ws.cell(r, 9).fill = ERROR_FILL if row["status"] == "Wajib dilaporkan" else OK_FILL


def _risk_sheets(wb: Workbook, result: InspectionResult, *, heatmap: bool, tmpdir: Path) -> None:
    assert isinstance(result.analysis, an.RiskAnalysis)
    matrix = result.analysis.matrix
    colors = {lv.name: PatternFill("solid", fgColor=lv.color.lstrip("#")) for lv in matrix.levels}
    ws = _new_sheet(wb, SHEET_RISKS)
    headers = [("No", 5), ("Kode Risiko", 11), ("Pernyataan Risiko", 48), ("Kemungkinan", 11), ("Dampak", 9),
               ("Skor", 7), ("Level", 14), ("Prioritas", 10), ("Jumlah RTP", 10)]
    rows = [[i, r["kode"], r["pernyataan"], r["kemungkinan"], r["dampak"], r["skor"], r["level"],
             "Ya" if r["prioritas"] else "Tidak", r["jumlah_rtp"]] for i, r in enumerate(result.rows(), start=1)]
    _table(ws, "PENILAIAN RISIKO: KEMUNGKINAN × DAMPAK (MATRIKS 5×5)",
           f"Pita level dari risiko.yaml (bukan dari seed); risiko prioritas mulai level {matrix.priority_from} "
           "wajib punya RTP (seed 003).", headers, rows)
    for r, row in enumerate(result.rows(), start=5):
        if row["level"]:
            ws.cell(r, 7).fill = colors[row["level"]]
        if row["prioritas"] and row["jumlah_rtp"] == 0:
            ws.cell(r, 9).fill = ERROR_FILL
    hm = _new_sheet(wb, SHEET_MAP)
    put(hm, 1, 1, "PETA RISIKO (HEAT MAP)")
    hm.cell(1, 1).font = TITLE_FONT
    put(hm, 2, 1, "Baris: kemungkinan 5 (atas) sampai 1; kolom: dampak 1 sampai 5. Isi sel: skor, lalu kode risiko.")
    cells: dict[tuple[int, int], list[str]] = {}
    for a in result.analysis.assessments:
        if a.likelihood and a.impact:
            cells.setdefault((a.likelihood, a.impact), []).append(a.kode)
    put(hm, 4, 1, "Kemungkinan \\ Dampak", bold=True)
    hm.column_dimensions["A"].width = 26
    for im in range(1, 6):
        put(hm, 4, 1 + im, f"{im} {matrix.impact_labels.get(im, '')}", bold=True, wrap=True)
        hm.column_dimensions[get_column_letter(1 + im)].width = 18
    for i, lk in enumerate(range(5, 0, -1)):
        r = 5 + i
        put(hm, r, 1, f"{lk} {matrix.likelihood_labels.get(lk, '')}", bold=True)
        hm.row_dimensions[r].height = 48
        for im in range(1, 6):
            level = matrix.level(lk, im)
            codes = cells.get((lk, im), [])
            put(hm, r, 1 + im, f"{matrix.score(lk, im)}" + (("\n" + ", ".join(codes)) if codes else ""),
                fill=colors[level.name], wrap=True)
    put(hm, 11, 1, "Level", bold=True)
    for i, lv in enumerate(matrix.levels):
        put(hm, 12 + i, 1, f"{lv.name} ({lv.low}–{lv.high})", fill=colors[lv.name])
    if heatmap:
        from openpyxl.drawing.image import Image

        from toolkit.inspectorate.risk import heatmap_png

        png = heatmap_png(result.analysis.assessments, tmpdir / "peta-risiko.png", matrix=matrix)
        img = Image(str(png))
        img.width, img.height = int(img.width * 0.75), int(img.height * 0.75)
        hm.add_image(img, "H4")


def _findings_sheet(wb: Workbook, result: InspectionResult) -> None:
    ws = _new_sheet(wb, SHEET_FINDINGS)
    headers = [("Tingkat", 11), ("Sheet", 18), ("Sel", 8), ("Kolom", 20), ("Aturan", 22), ("Nilai", 18),
               ("Pesan", 90)]
    rows = [[SEVERITY_LABEL[f.severity], f.sheet, f.cell, f.column or "", f.rule_id,
             "" if f.value is None else str(f.to_dict()["value"]), f.message] for f in result.report.findings]
    end = _table(ws, "TEMUAN PEMERIKSAAN", result.report.summary_line(), headers, rows)
    if not rows:
        put(ws, end, 1, "Tidak ada temuan.")
    for r, f in enumerate(result.report.findings, start=5):
        ws.cell(r, 1).fill = ERROR_FILL if f.severity == "error" else WARNING_FILL
    for f in result.report.findings:  # highlight the cell in the copy's own sheet
        if f.cell and f.sheet in wb.sheetnames:
            cell = wb[f.sheet][f.cell]
            if cell.fill != ERROR_FILL:
                cell.fill = ERROR_FILL if f.severity == "error" else WARNING_FILL


def add_result_sheets(path: Path, result: InspectionResult, *, heatmap: bool = True, tmpdir: Path) -> None:
    """Open the COPY at ``path`` and add the sheets for its kind, the findings, and highlights."""
    wb = load_workbook(path, keep_vba=path.suffix.lower() == ".xlsm")
    if result.kind == an.KIND_BOS:
        _tax_sheet(wb, result)
    elif result.kind == an.KIND_GIFTS:
        _gift_sheet(wb, result)
    else:
        _risk_sheets(wb, result, heatmap=heatmap, tmpdir=tmpdir)
    _findings_sheet(wb, result)
    for ws in wb.worksheets:  # the copy opens on the results
        ws.sheet_view.tabSelected = False
    wb.active = len(wb.sheetnames) - (3 if result.kind == an.KIND_RISKS else 2)
    wb.active.sheet_view.tabSelected = True
    wb.save(path)


def _date(text: str | None) -> Any:
    import datetime as dt

    return dt.date.fromisoformat(text) if text else None


def rupiah(n: int) -> str:
    return format_rupiah(n)
