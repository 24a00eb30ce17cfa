"""Scoring results as tables, a sheet in a COPY of the workbook, an xlsx report with a chart, and a PNG chart.

The user's file is never modified: :func:`write_result_copy` writes
``<name>.nilai.xlsx`` (or ``.xlsm``, macros kept) next to it. Every text is written
as text (a value beginning with "=" never becomes a formula).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from toolkit.indonesian import format_persen, format_tanggal
from toolkit.scoring.compliance import ComplianceResult
from toolkit.scoring.lke import LkeResult
from toolkit.scoring.predikat import Verdict
from toolkit.scoring.spi import SpiProgress
from toolkit.workbook.atomic import atomic_output
from toolkit.workbook.cells import XLSX_OPTIONS
from toolkit.workbook.safe_copy import NewSheet, write_safe_copy
from toolkit.workbook.safe_copy import default_copy_path as default_copy_path_for

RESULT_SHEET = "Hasil Penilaian"


def lke_rows(result: LkeResult, verdict: Verdict | None = None) -> list[list[Any]]:
    rows: list[list[Any]] = [["HASIL PENILAIAN LKE ZONA INTEGRITAS"], [f"File: {Path(result.path).name}"], [],
                             ["Komponen", "Bobot", "Nilai resmi (rumus LKE)", "Nilai (Belum Diisi = 0)"]]

    def line(label: str, name: str) -> None:
        node = result.nodes[result.rows[name]]
        rows.append([label, node.weight, node.official if node.official is not None else node.official_error,
                     node.strict])
    line("Nilai Evaluasi Zona Integritas", "total")
    line("Pengungkit", "pengungkit")
    for area in result.areas:
        rows.append([f"  Area {area.name}", area.weight, area.official if area.official is not None else "galat",
                     area.strict])
    line("Hasil", "hasil")
    for name, label in (("bersih", "  Birokrasi yang Bersih dan Akuntabel"), ("ipak", "    Survei Persepsi Anti Korupsi"),
                        ("kinerja", "    Capaian Kinerja Lebih Baik"), ("prima", "  Pelayanan Publik yang Prima")):
        if name in result.rows:
            line(label, name)
    if verdict is not None:
        rows += [[], ["PREDIKAT"]]
        rows += [[text] for text in verdict.lines()]
    rows += [[], [f"BELUM DIISI ({len(result.belum_diisi)} pertanyaan)"], ["Sel", "Kode", "Pertanyaan", "Area"]]
    rows += [[f"K{q.row}", q.code, q.text, q.area or ""] for q in result.belum_diisi]
    if result.anomalies:
        rows += [[], ["ANOMALI RUMUS / ISIAN"]] + [[a] for a in result.anomalies]
    return rows


def compliance_rows(result: ComplianceResult) -> list[list[Any]]:
    pct = result.percent
    rows: list[list[Any]] = [
        ["KEPATUHAN KEGIATAN PENGUATAN INTEGRITAS"],
        [f"Unit: {result.unit}; tahun {result.year}; sampai {format_tanggal(result.as_of)}"],
        ["Kepatuhan unit (%)", None if pct is None else round(pct, 2)], [],
        ["Kelompok", "No", "Kegiatan", "Frekuensi", "Periode dinilai", "Periode terpenuhi", "Kepatuhan (%)",
         "Jumlah realisasi", "Tema wajib", "Tema tersampaikan", "Periode tidak terpenuhi"]]
    for r in result.table():
        rows.append(list(r.values()))
    rows += [[], ["MATERI TEMATIK"], ["Kelompok", "No", "Bulan/Triwulan", "Tema", "Status", "Tanggal", "Materi"]]
    for t in result.themes:
        rows.append([t.kelompok, t.no, t.period, t.theme, t.status,
                     format_tanggal(t.matched_date) if t.matched_date else "", t.matched_text])
    return rows


def spi_rows(result: SpiProgress) -> list[list[Any]]:
    rows: list[list[Any]] = [["PROGRES RENCANA AKSI TINDAK LANJUT SPI"],
                             [f"Unit: {result.unit}; per {format_tanggal(result.as_of)}"],
                             ["Progres rata-rata (%)", None if result.overall is None else round(result.overall, 2)],
                             [], ["No", "Kegiatan", "Ukuran", "Progres (%)", "Status", "Waktu Pelaksanaan",
                                  "Tenggat", "Terlambat", "Catatan"]]
    rows += [list(r.values()) for r in result.table()]
    return rows


def default_copy_path(src: Path) -> Path:
    return default_copy_path_for(src, "nilai")


def write_result_copy(src: str | Path, rows: Sequence[Sequence[Any]], dest: str | Path | None = None, *,
                      sheet: str = RESULT_SHEET, overwrite: bool = False) -> Path:
    """A copy of ``src`` (``<name>.nilai.xlsx``/``.xlsm``) with a results sheet added; the input is only read.

    Written by :func:`toolkit.workbook.safe_copy.write_safe_copy`: every part of the
    original (formulas, macros, form buttons, dropdowns, formats) is kept unchanged; the
    copy opens on the results sheet. When the workbook already has a sheet of that name
    (a copy scored earlier) the new one is named "<sheet> (2)".
    """
    source = Path(src)
    target = Path(dest) if dest is not None else default_copy_path(source)
    new = NewSheet(sheet, rows=[list(r) for r in rows], title_rows={0},
                   widths=[48, *([18] * 10)], freeze=None)
    return write_safe_copy(source, target, [new], overwrite=overwrite, activate=sheet, on_clash="rename",
                           what="hasil penilaian")


def compliance_chart_png(result: ComplianceResult, path: str | Path, *, overwrite: bool = False) -> Path:
    """Horizontal bar chart of each activity's compliance (matplotlib, PNG); never replaces a file
    unless ``overwrite``."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    table = [r for r in result.table() if r["kepatuhan_persen"] is not None]
    labels = [f"{r['kelompok'][:3]}-{r['no']} {r['kegiatan'][:38]}" for r in table]
    values = [r["kepatuhan_persen"] for r in table]
    fig, ax = plt.subplots(figsize=(9, 0.35 * max(4, len(labels)) + 1.2))
    colors = ["#2E7D32" if v >= 100 else ("#F9A825" if v >= 75 else "#C62828") for v in values]
    ax.barh(range(len(values)), values, color=colors)
    ax.set_yticks(range(len(values)), labels, fontsize=7)
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("Kepatuhan (%)")
    pct = result.percent
    ax.set_title(f"Kepatuhan kegiatan integritas — {result.unit} {result.year}"
                 + ("" if pct is None else f" ({format_persen(pct)})"), fontsize=9)
    fig.tight_layout()
    out = Path(path)
    try:
        with atomic_output(out, overwrite=overwrite) as tmp:
            fig.savefig(tmp, dpi=120, format="png")
    finally:
        plt.close(fig)
    return out


def write_compliance_xlsx(results: Sequence[ComplianceResult], path: str | Path, *,
                          overwrite: bool = False) -> Path:
    """An xlsx report: one row per unit and activity, and a native bar chart of each unit's compliance.

    Written atomically; an existing file is replaced only with ``overwrite``."""
    out = Path(path)
    with atomic_output(out, overwrite=overwrite) as tmp:
        _write_compliance_xlsx(results, tmp)
    return out


def _write_compliance_xlsx(results: Sequence[ComplianceResult], out: Path) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(out), XLSX_OPTIONS)
    bold = wb.add_format({"bold": True, "bg_color": "#1F4E78", "font_color": "#FFFFFF", "border": 1})
    ws = wb.add_worksheet("Kepatuhan Unit")
    ws.write_row(0, 0, ["Unit", "Tahun", "Sampai tanggal", "Kepatuhan (%)", "Frekuensi (%)", "Tema (%)"], bold)
    for i, r in enumerate(results, start=1):
        ws.write_string(i, 0, r.unit)
        ws.write_number(i, 1, r.year)
        ws.write_string(i, 2, format_tanggal(r.as_of))
        for c, v in ((3, r.percent), (4, r.frequency_percent), (5, r.theme_percent)):
            if v is not None:
                ws.write_number(i, c, round(v, 2))
    ws.set_column(0, 0, 40)
    ws.set_column(1, 5, 14)
    chart = wb.add_chart({"type": "bar"})
    chart.add_series({"name": "Kepatuhan (%)", "categories": ["Kepatuhan Unit", 1, 0, len(results), 0],
                      "values": ["Kepatuhan Unit", 1, 3, len(results), 3], "fill": {"color": "#1F4E78"}})
    chart.set_x_axis({"min": 0, "max": 100, "name": "%"})
    chart.set_title({"name": "Kepatuhan per unit"})
    chart.set_legend({"none": True})
    ws.insert_chart(1, 7, chart)
    detail = wb.add_worksheet("Kepatuhan Kegiatan")
    header = ["Unit", "Kelompok", "No", "Kegiatan", "Frekuensi", "Periode dinilai", "Periode terpenuhi",
              "Kepatuhan (%)", "Jumlah realisasi", "Tema wajib", "Tema tersampaikan", "Periode tidak terpenuhi"]
    detail.write_row(0, 0, header, bold)
    row = 1
    for r in results:
        for item in r.table():
            values = [r.unit, *item.values()]
            for c, v in enumerate(values):
                if isinstance(v, str):
                    detail.write_string(row, c, v)
                elif v is not None:
                    detail.write_number(row, c, v)
            row += 1
    detail.set_column(0, 0, 30)
    detail.set_column(3, 3, 45)
    wb.close()
