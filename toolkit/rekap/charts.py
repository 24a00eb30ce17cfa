"""The Grafik sheet (charts only, on a grid that never overlaps), its Data Grafik sheet, and the Tren sheet.

Charts stay readable whatever the number of units: instead of one bar per unit they
show the distribution of the scores (units per band of 10), the ten lowest and the
ten highest units, the submission status, the average progress per area, and the
average (with lowest and highest) score per period. Each chart has a fixed size and
its own cell of a two-column grid; two rows of charts per printed page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from xlsxwriter.utility import xl_range
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from toolkit.rekap.figures import TOP_N, Overview
from toolkit.rekap.trends import TrendTable, metric_title
from toolkit.rekap.xlsxstyle import Fmt, fit_widths, header, print_setup, traffic

CHART_SHEET = "Grafik"
CHART_DATA_SHEET = "Data Grafik"
TREND_SHEET = "Tren"
CHART_W, CHART_H = 600, 340  # pixels
ROW_PX = 20  # default row height (15 pt)
COL_PX = 64  # default column width (8,43)
GRID_COLS = 10  # columns per chart cell (640 px: the chart and a margin)
GRID_ROWS = 19  # rows per chart cell (380 px)
TOP_ROWS = 2  # title rows above the grid
CHARTS_PER_PAGE_ROWS = 2


@dataclass
class ChartSpec:
    title: str
    kind: str  # column | bar | line
    series: list[tuple[str, int]]  # (name, data column on the Data Grafik sheet)
    cat_col: int
    first: int
    last: int
    y_max: float | None = 100
    labels: bool = True


class ChartData:
    """Blocks of data written one below the other on the Data Grafik sheet."""

    def __init__(self, ws: Worksheet, fmt: Fmt) -> None:
        self.ws, self.fmt, self.row = ws, fmt, 2
        self.widths: list[float] = [12.0] * 6
        ws.write_string(0, 0, "DATA GRAFIK (sumber grafik pada sheet Grafik)", fmt.title)

    def block(self, title: str, heads: list[str], rows: list[list[Any]]) -> tuple[int, int]:
        """Write a block; return the first and last data row (0-based)."""
        ws, fmt = self.ws, self.fmt
        ws.write_string(self.row, 0, title, fmt.label)
        header(ws, self.row + 1, heads, fmt)
        first = self.row + 2
        for i, row in enumerate(rows):
            for c, v in enumerate(row):
                if v is None:
                    continue
                if isinstance(v, str):
                    ws.write_string(first + i, c, v)
                else:
                    ws.write_number(first + i, c, v, fmt.pct if isinstance(v, float) else fmt.int)
        for c, w in enumerate(fit_widths(heads, rows, maximum=50)):
            self.widths[c] = max(self.widths[c], w)
        last = first + max(len(rows), 1) - 1
        self.row = last + 3
        return first, last


def write_charts(wb: Workbook, ws: Worksheet, data_ws: Worksheet, ov: Overview, fmt: Fmt,
                 trend: TrendTable | None) -> list[str]:
    """Write the chart data and the charts; return the chart titles (in order)."""
    data = ChartData(data_ws, fmt)
    specs: list[ChartSpec] = []
    dist = ov.distribution()
    f, l_ = data.block("Sebaran nilai", ["Rentang Nilai", "Jumlah Unit"], [[b, n] for b, n in dist])
    specs.append(ChartSpec(f"Sebaran nilai unit ({len(ov.scores)} unit bernilai)", "column",
                           [("Jumlah unit", 1)], 0, f, l_, y_max=None))
    on_time = sum(1 for u in ov.sent if u.on_time is True)
    late = len(ov.late)
    no_deadline = sum(1 for u in ov.sent if u.on_time is None)
    status = [["Tepat waktu", on_time], ["Terlambat", late], ["Tanpa batas kirim", no_deadline],
              ["Belum mengirim", len(ov.missing)]]
    f, l_ = data.block("Status kiriman", ["Status", "Jumlah Unit"], status)
    specs.append(ChartSpec(f"Status kiriman ({ov.counts['unit']} unit)", "column", [("Jumlah unit", 1)], 0, f, l_,
                           y_max=None))
    low = ov.bottom(TOP_N)
    f, l_ = data.block(f"{TOP_N} nilai terendah", ["Unit", "Nilai"], [[u.kode, u.score] for u in low])
    specs.append(ChartSpec(f"{len(low)} nilai terendah", "bar", [("Nilai", 1)], 0, f, l_))
    high = ov.top(TOP_N)
    f, l_ = data.block(f"{TOP_N} nilai tertinggi", ["Unit", "Nilai"], [[u.kode, u.score] for u in high])
    specs.append(ChartSpec(f"{len(high)} nilai tertinggi", "bar", [("Nilai", 1)], 0, f, l_))
    if ov.areas:
        f, l_ = data.block("Progres per area", ["Area", "Rata-rata (%)", "Terendah (%)", "Tertinggi (%)"],
                           [[a.area, a.average, a.lowest, a.highest] for a in ov.areas])
        specs.append(ChartSpec("Rata-rata progres per area (%)", "column", [("Rata-rata (%)", 1)], 0, f, l_))
    if trend is not None and trend.periods:
        lows, highs = trend.extremes()
        rows = [[p, a, lo, hi] for p, a, lo, hi in zip(trend.periods, trend.averages(), lows, highs, strict=True)]
        name = metric_title(trend.metric)
        f, l_ = data.block(f"Tren {name} per periode", ["Periode", "Rata-rata", "Terendah", "Tertinggi"], rows)
        specs.append(ChartSpec(f"Tren {name.lower()} per periode (semua unit)", "line",
                               [("Rata-rata", 1), ("Terendah", 2), ("Tertinggi", 3)], 0, f, l_))
    for c, w in enumerate(data.widths):
        data_ws.set_column(c, c, w)
    print_setup(data_ws)
    ws.hide_gridlines(2)
    ws.write_string(0, 0, f"GRAFIK — {ov.period}", fmt.title)
    ws.write_string(1, 0, "Nilai: " + ov.score_label + ". Angka di balik grafik: sheet " + CHART_DATA_SHEET + ".",
                    fmt.sub)
    breaks = []
    for i, spec in enumerate(specs):
        grid_row, grid_col = divmod(i, 2)
        row = TOP_ROWS + grid_row * GRID_ROWS
        if grid_row and grid_row % CHARTS_PER_PAGE_ROWS == 0 and grid_col == 0:
            breaks.append(row)
        ws.insert_chart(row, grid_col * GRID_COLS, _chart(wb, spec), {"x_offset": 4, "y_offset": 4,
                                                                      "object_position": 1})
    if breaks:
        ws.set_h_pagebreaks(breaks)
    print_setup(ws)
    return [s.title for s in specs]


def _chart(wb: Workbook, spec: ChartSpec) -> Any:
    chart = wb.add_chart({"type": spec.kind})
    for name, col in spec.series:
        series: dict[str, Any] = {
            "name": name, "categories": [CHART_DATA_SHEET, spec.first, spec.cat_col, spec.last, spec.cat_col],
            "values": [CHART_DATA_SHEET, spec.first, col, spec.last, col]}
        if spec.kind == "line":
            series["marker"] = {"type": "circle", "size": 6}
        else:
            series["gap"] = 60
        if spec.labels and spec.kind != "line":
            series["data_labels"] = {"value": True, "num_format": "[$-421]0.#"}
        chart.add_series(series)
    chart.set_title({"name": spec.title, "name_font": {"size": 11, "bold": True}})
    value_axis = {"min": 0, "num_format": "[$-421]0", "major_gridlines": {"visible": True}}
    if spec.y_max is not None:
        value_axis["max"] = spec.y_max
    if spec.kind == "bar":
        chart.set_x_axis(value_axis)
        chart.set_y_axis({"reverse": True, "num_font": {"size": 9}})
    else:
        chart.set_y_axis(value_axis)
        chart.set_x_axis({"num_font": {"size": 9}})
    chart.set_legend({"position": "bottom", "font": {"size": 9}})
    chart.set_size({"width": CHART_W, "height": CHART_H})
    return chart


def write_trend_sheet(ws: Worksheet, trend: TrendTable | None, fmt: Fmt, period: str) -> None:
    """Units x periods (oldest first), the last change, and a sparkline per unit."""
    if trend is None:
        ws.write_string(0, 0, "TREN PER PERIODE", fmt.title)
        ws.write_string(2, 0, "Riwayat rekap tidak dipakai (--tanpa-riwayat): tren tidak tersedia.", fmt.sub)
        print_setup(ws)
        return
    name = metric_title(trend.metric)
    ws.write_string(0, 0, f"TREN {name.upper()} PER PERIODE — sampai {period}", fmt.title)
    ws.write_string(1, 0, "Satu baris per unit; kolom = periode dalam riwayat rekap (yang terbaru per periode); "
                          "Perubahan = periode terakhir dikurangi periode sebelumnya.", fmt.sub)
    heads = ["Kode Unit", "Nama Unit", *trend.periods, "Perubahan Terakhir", "Grafik"]
    body = [[r.kode, r.nama, *r.series(trend.periods), r.change(trend.periods)] for r in trend.rows]
    widths = fit_widths(heads, [[*b, None] for b in body], maximum=48)
    widths[-1] = 16.0
    hr = 3
    header(ws, hr, heads, fmt, widths)
    n_p = len(trend.periods)
    for i, row in enumerate(body):
        r = hr + 1 + i
        ws.write_string(r, 0, str(row[0]))
        ws.write_string(r, 1, str(row[1]))
        for c in range(2, len(row)):
            if row[c] is not None:
                ws.write_number(r, c, row[c], fmt.pct)
        if n_p >= 2:
            ws.add_sparkline(r, 3 + n_p, {"range": f"'{TREND_SHEET}'!{xl_range(r, 2, r, 1 + n_p)}",
                                          "markers": True, "min": 0, "max": 100})
    last = hr + max(len(body), 1)
    traffic(ws, hr + 1, 2, last, 1 + n_p, fmt)
    ws.conditional_format(hr + 1, 2 + n_p, last, 2 + n_p,
                          {"type": "cell", "criteria": "<", "value": 0, "format": fmt.red})
    ws.conditional_format(hr + 1, 2 + n_p, last, 2 + n_p,
                          {"type": "cell", "criteria": ">", "value": 0, "format": fmt.green})
    ws.autofilter(hr, 0, last, len(heads) - 2)
    ws.freeze_panes(hr + 1, 2)
    print_setup(ws, header_row=hr)
