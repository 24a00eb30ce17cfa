"""The dashboard: one self-contained HTML file with the same picture as REKAP.xlsx.

For leadership meetings and e-mail: no internet needed to open it — no external
script, style sheet, font or image; every chart is inline SVG drawn here. It answers
the same three questions as the Ringkasan sheet (key figures with traffic lights,
the units behind, the units that have not sent), shows the same charts (distribution,
status, lowest/highest ten, areas, trend across periods), the full ranking, and
prints on A4 landscape (``@page``) — e.g. Chromium's ``--print-to-pdf``.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

from toolkit.indonesian import format_angka, format_persen, format_tanggal
from toolkit.rekap.figures import LIGHT_RULE, TOP_N, Overview, UnitFigure, key_figures, light
from toolkit.rekap.trends import TrendTable, metric_title
from toolkit.workbook import palette
from toolkit.workbook.atomic import atomic_output

COLORS = {"Hijau": "#1E8449", "Kuning": "#B7950B", "Merah": "#C0392B", "-": "#7F8C8D", "": "#1F4E78"}
BACKGROUNDS = {"Hijau": palette.GREEN, "Kuning": palette.YELLOW, "Merah": palette.RED, "-": palette.GREY, "": "#EAF1F8"}
BAR = "#2E75B6"
MAX_MISSING_LISTED = 20

CSS = """
*{box-sizing:border-box}body{font-family:"DejaVu Sans","Liberation Sans",Arial,sans-serif;margin:0;
color:#222;background:#fff;font-size:13px}header{background:#1F4E78;color:#fff;padding:14px 24px}
header h1{margin:0;font-size:21px}header p{margin:4px 0 0;opacity:.9}main{padding:14px 24px}
h2{color:#1F4E78;font-size:16px;border-bottom:2px solid #1F4E78;padding-bottom:3px;margin:18px 0 8px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:8px}
.card{border-radius:6px;padding:8px 10px;border-left:6px solid}.card .v{font-size:22px;font-weight:bold}
.card .l{font-size:12px}.grid{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:14px}
.box{border:1px solid #d0d7de;border-radius:6px;padding:8px;break-inside:avoid;page-break-inside:avoid}
.box svg{width:100%;height:auto;display:block}table{border-collapse:collapse;width:100%;font-size:12px}
th{background:#1F4E78;color:#fff;text-align:left;padding:4px 6px}td{padding:3px 6px;border-bottom:1px solid #e5e5e5}
td.n{text-align:right;white-space:nowrap}td.k{white-space:nowrap}.lamp{display:inline-block;padding:1px 8px;border-radius:9px;font-size:11px}
.def{background:#F4F6F7;border-left:4px solid #1F4E78;padding:6px 10px;font-style:italic}
.two{display:grid;grid-template-columns:1fr 1fr;gap:14px}footer{color:#666;font-size:11px;padding:10px 24px}
@page{size:A4 landscape;margin:10mm}@media print{body{font-size:11px}.grid{grid-template-columns:1fr 1fr}
details{display:block}details>summary{display:none}h2{break-after:avoid}}
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _lamp(name: str) -> str:
    if not name or name == "-":
        return '<span class="lamp" style="background:#EDEDED">-</span>'
    return f'<span class="lamp" style="background:{BACKGROUNDS[name]};color:{COLORS[name]}">{_e(name)}</span>'


def _svg_open(w: int, h: int, title: str) -> list[str]:
    return [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" role="img" aria-label="{_e(title)}" '
            f'font-family="DejaVu Sans, Arial, sans-serif">',
            f'<text x="{w / 2}" y="18" text-anchor="middle" font-size="14" font-weight="bold" '
            f'class="chart-title">{_e(title)}</text>']


def _legend(x: float, y: float, items: Sequence[tuple[str, str]]) -> list[str]:
    out = ['<g class="legend">']
    for name, color in items:
        out.append(f'<rect x="{x}" y="{y - 9}" width="10" height="10" fill="{color}"/>'
                   f'<text x="{x + 14}" y="{y}" font-size="11">{_e(name)}</text>')
        x += 24 + 7 * len(name)
    out.append("</g>")
    return out


def column_chart(title: str, labels: Sequence[str], values: Sequence[float | None], *, series: str,
                 y_max: float | None = None, colors: Sequence[str] | None = None) -> str:
    """Vertical bars with value labels, a value axis and a legend."""
    w, h, left, top, bottom = 560, 300, 44, 34, 70
    plot_w, plot_h = w - left - 14, h - top - bottom
    top_value = y_max or max([v for v in values if v is not None] + [1])
    top_value = _nice(top_value)
    out = _svg_open(w, h, title)
    out += _axis(left, top, plot_w, plot_h, top_value, horizontal=False)
    n = max(len(labels), 1)
    slot = plot_w / n
    for i, (label, v) in enumerate(zip(labels, values, strict=True)):
        x = left + i * slot + slot * 0.15
        bw = slot * 0.7
        if v is not None:
            bh = plot_h * min(v, top_value) / top_value
            color = colors[i] if colors else BAR
            out.append(f'<rect class="bar" x="{x:.1f}" y="{top + plot_h - bh:.1f}" width="{bw:.1f}" '
                       f'height="{bh:.1f}" fill="{color}"><title>{_e(label)}: {format_angka(v)}</title></rect>')
            out.append(f'<text x="{x + bw / 2:.1f}" y="{top + plot_h - bh - 3:.1f}" font-size="10" '
                       f'text-anchor="middle">{format_angka(v, 1 if isinstance(v, float) else 0)}</text>')
        words = _wrap(label, max(6, int(slot / 6.5)))
        for j, line in enumerate(words[:3]):
            out.append(f'<text x="{x + bw / 2:.1f}" y="{top + plot_h + 13 + 11 * j}" font-size="9.5" '
                       f'text-anchor="middle">{_e(line)}</text>')
    out += _legend(left, h - 8, [(series, BAR)])
    out.append("</svg>")
    return "".join(out)


def bar_chart(title: str, labels: Sequence[str], values: Sequence[float | None], *, series: str,
              x_max: float = 100, names: Sequence[str] | None = None) -> str:
    """Horizontal bars (the first label at the top) coloured by traffic light, with value labels."""
    w, left, top = 560, 110, 34
    n = max(len(labels), 1)
    plot_h = 22 * n
    h = top + plot_h + 48
    plot_w = w - left - 44
    out = _svg_open(w, h, title)
    out += _axis(left, top, plot_w, plot_h, x_max, horizontal=True)
    for i, (label, v) in enumerate(zip(labels, values, strict=True)):
        y = top + i * 22 + 4
        out.append(f'<text x="{left - 6}" y="{y + 11}" font-size="10" text-anchor="end">{_e(_short(label, 28))}'
                   "</text>")
        if v is not None:
            bw = plot_w * min(v, x_max) / x_max
            out.append(f'<rect class="bar" x="{left}" y="{y}" width="{bw:.1f}" height="15" '
                       f'fill="{COLORS[light(v)]}"><title>{_e(label)} {_e(names[i] if names else "")}: '
                       f'{format_angka(v)}</title></rect>'
                       f'<text x="{left + bw + 4:.1f}" y="{y + 11}" font-size="10">{format_angka(v, 1)}</text>')
    out += _legend(left, h - 8, [(f"{series} ≥ 80", COLORS["Hijau"]), ("50–80", COLORS["Kuning"]),
                                 ("< 50", COLORS["Merah"])])
    out.append("</svg>")
    return "".join(out)


def line_chart(title: str, labels: Sequence[str], series: Sequence[tuple[str, Sequence[float | None], str]],
               *, y_max: float = 100) -> str:
    w, h, left, top, bottom = 560, 300, 44, 34, 60
    plot_w, plot_h = w - left - 24, h - top - bottom
    out = _svg_open(w, h, title)
    out += _axis(left, top, plot_w, plot_h, y_max, horizontal=False)
    n = max(len(labels), 1)
    step = plot_w / n
    for i, label in enumerate(labels):
        out.append(f'<text x="{left + step * (i + 0.5):.1f}" y="{top + plot_h + 14}" font-size="10" '
                   f'text-anchor="middle">{_e(label)}</text>')
    for name, values, color in series:
        pts = [(left + step * (i + 0.5), top + plot_h - plot_h * v / y_max) for i, v in enumerate(values)
               if v is not None]
        if pts:
            out.append(f'<polyline class="line" fill="none" stroke="{color}" stroke-width="2.5" points="'
                       + " ".join(f"{x:.1f},{y:.1f}" for x, y in pts) + f'"><title>{_e(name)}</title></polyline>')
            out += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{color}"/>' for x, y in pts]
    out += _legend(left, h - 8, [(name, color) for name, _v, color in series])
    out.append("</svg>")
    return "".join(out)


def _axis(left: float, top: float, plot_w: float, plot_h: float, top_value: float, *, horizontal: bool) -> list[str]:
    out = []
    for k in range(6):
        v = top_value * k / 5
        if horizontal:
            x = left + plot_w * k / 5
            out.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{top + plot_h}" stroke="#ddd"/>'
                       f'<text x="{x:.1f}" y="{top + plot_h + 12}" font-size="9" text-anchor="middle">'
                       f'{format_angka(v, 0)}</text>')
        else:
            y = top + plot_h - plot_h * k / 5
            out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="#ddd"/>'
                       f'<text x="{left - 5}" y="{y + 3:.1f}" font-size="9" text-anchor="end">'
                       f'{format_angka(v, 0)}</text>')
    return out


def _nice(v: float) -> float:
    for step in (5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if v <= step:
            return float(step)
    return float(v)


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def charts(ov: Overview, trend: TrendTable | None) -> list[str]:
    """The SVG charts, in the order of the Grafik sheet."""
    out = []
    dist = ov.distribution()
    out.append(column_chart(f"Sebaran nilai unit ({len(ov.scores)} unit bernilai)", [b for b, _n in dist],
                            [n for _b, n in dist], series="Jumlah unit"))
    status = [("Tepat waktu", sum(1 for u in ov.sent if u.on_time is True), COLORS["Hijau"]),
              ("Terlambat", len(ov.late), COLORS["Kuning"]),
              ("Tanpa batas kirim", sum(1 for u in ov.sent if u.on_time is None), COLORS["-"]),
              ("Belum mengirim", len(ov.missing), COLORS["Merah"])]
    out.append(column_chart(f"Status kiriman ({ov.counts['unit']} unit)", [s[0] for s in status],
                            [s[1] for s in status], series="Jumlah unit", colors=[s[2] for s in status]))
    low, high = ov.bottom(TOP_N), ov.top(TOP_N)
    out.append(bar_chart(f"{len(low)} nilai terendah", [u.kode for u in low], [u.score for u in low],
                         series="Nilai", names=[u.nama for u in low]))
    out.append(bar_chart(f"{len(high)} nilai tertinggi", [u.kode for u in high], [u.score for u in high],
                         series="Nilai", names=[u.nama for u in high]))
    if ov.areas:
        out.append(column_chart("Rata-rata progres per area (%)", [a.area for a in ov.areas],
                                [a.average for a in ov.areas], series="Rata-rata (%)", y_max=100))
    if trend is not None and trend.periods:
        lows, highs = trend.extremes()
        out.append(line_chart(f"Tren {metric_title(trend.metric).lower()} per periode (semua unit)", trend.periods,
                              [("Rata-rata", trend.averages(), "#1F4E78"), ("Terendah", lows, COLORS["Merah"]),
                               ("Tertinggi", highs, COLORS["Hijau"])]))
    return out


def _unit_rows(units: Sequence[UnitFigure], *, rank: bool = True) -> str:
    rows = []
    for u in units:
        rows.append("<tr>" + (f'<td class="n">{u.rank or "-"}</td>' if rank else "")
                    + f"<td class=\"k\">{_e(u.kode)}</td><td>{_e(u.nama)}</td><td class=\"n\">{format_angka(u.score, 1)}</td>"
                    f"<td>{_lamp(u.light)}</td></tr>")
    return "".join(rows)


def render_dashboard(ov: Overview, trend: TrendTable | None = None) -> str:
    """The whole page as one string."""
    figures = "".join(
        f'<div class="card" style="background:{BACKGROUNDS[lamp]};border-color:{COLORS[lamp]}">'
        f'<div class="v">{_figure(value, label)}</div><div class="l">{_e(label)}</div></div>'
        for label, value, lamp in key_figures(ov))
    low = ov.behind(TOP_N)
    missing = ov.missing
    missing_rows = "".join(
        f"<tr><td class=\"k\">{_e(u.kode)}</td><td>{_e(u.nama)}</td>"
        f"<td>{_e(format_tanggal(u.deadline)) if u.deadline else '-'}"
        "</td></tr>" for u in missing[:MAX_MISSING_LISTED])
    more = (f"<p>… dan {format_angka(len(missing) - MAX_MISSING_LISTED)} unit lainnya (lihat REKAP.xlsx, sheet "
            "Belum Mengirim).</p>" if len(missing) > MAX_MISSING_LISTED else "")
    chart_boxes = "".join(f'<div class="box chart">{svg}</div>' for svg in charts(ov, trend))
    ranking = _unit_rows(ov.ranked)
    trend_rows = ""
    if trend is not None and trend.periods:
        trend_rows = "".join(
            f"<tr><td>{_e(r.kode)}</td><td>{_e(r.nama)}</td>"
            + "".join(f'<td class="n">{format_angka(v, 1)}</td>' for v in r.series(trend.periods))
            + f'<td class="n">{_change(r.change(trend.periods))}</td></tr>' for r in trend.rows)
        trend_head = "".join(f"<th>{_e(p)}</th>" for p in trend.periods)
        trend_html = (f'<h2>Tren {_e(metric_title(trend.metric).lower())} per unit</h2><details><summary>'
                      f"Tampilkan {format_angka(len(trend.rows))} unit</summary><table><tr><th>Kode</th>"
                      f"<th>Nama Unit</th>{trend_head}<th>Perubahan</th></tr>{trend_rows}</table></details>")
    else:
        trend_html = ""
    return f"""<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Dasbor {_e(ov.title)} — {_e(ov.period)}</title><style>{CSS}</style></head>
<body><header><h1>{_e(ov.title)} — {_e(ov.period)}</h1>
<p>Dasbor rekap, dibuat {_e(format_tanggal(ov.generated_at))} pukul {ov.generated_at:%H.%M} oleh Toolkit Integritas
(jenis {_e(ov.kind)}).</p></header><main>
<h2 id="capaian">Bagaimana capaian kita?</h2><div class="cards">{figures}</div>
<p class="def"><b>Arti nilai ({_e(ov.score_label)}):</b> {_e(ov.score_definition)} {_e(LIGHT_RULE)}</p>
<div class="two"><section><h2 id="tertinggal">{_e(ov.behind_title(TOP_N))}</h2>
{"<table><tr><th>Peringkat</th><th>Kode</th><th>Nama Unit</th><th>Nilai</th><th>Lampu</th></tr>" + _unit_rows(low)
 + "</table>" if low else "<p>Semua unit yang mengirim di lampu hijau.</p>"}
</section><section><h2 id="belum">Siapa belum mengirim? {format_angka(len(missing))} unit</h2>
{"<table><tr><th>Kode</th><th>Nama Unit</th><th>Batas Kirim</th></tr>" + missing_rows + "</table>" + more
 if missing else "<p>Semua unit dalam daftar sudah mengirim.</p>"}</section></div>
<h2 id="grafik">Grafik</h2><div class="grid">{chart_boxes}</div>
<h2 id="peringkat">Peringkat lengkap ({format_angka(len(ov.ranked))} unit bernilai)</h2>
<details><summary>Tampilkan peringkat</summary><table><tr><th>Peringkat</th><th>Kode</th><th>Nama Unit</th>
<th>Nilai</th><th>Lampu</th></tr>{ranking}</table></details>
{trend_html}
</main><footer>Berkas ini berdiri sendiri: tidak memerlukan internet. Rincian per unit: REKAP.xlsx.</footer>
</body></html>
"""


def _figure(value: float | int | None, label: str) -> str:
    if value is None:
        return "-"
    if "(%)" in label:
        return _e(format_persen(value))
    return _e(format_angka(value, 1 if isinstance(value, float) else 0))


def _change(value: float | None) -> str:
    if value is None:
        return "-"
    arrow = "▲" if value > 0 else "▼" if value < 0 else "="
    return f"{arrow} {format_angka(abs(value), 1)}"


def write_dashboard(ov: Overview, path: str | Path, trend: TrendTable | None = None, *,
                    overwrite: bool = False) -> Path:
    """Write the dashboard atomically; an existing file only with ``overwrite`` (--timpa)."""
    out = Path(path)
    with atomic_output(out, overwrite=overwrite) as tmp:
        Path(tmp).write_text(render_dashboard(ov, trend), encoding="utf-8")
        Path(tmp).chmod(0o644)  # a page to e-mail and share, not a private temporary file
    return out
