"""The list of units the central office expects a workbook from (``daftar-unit.xlsx``).

Format (documented in ``docs/rekap.md``): one sheet (the first, or one named
*Daftar Unit*), a header row within the first 10 rows, one unit per row below it.

=================  =========  ==================================================
Kolom              Wajib      Isi
=================  =========  ==================================================
Kode Unit          ya         kode unik, sama dengan Identitas > Kode Unit
Nama Unit          ya         nama lengkap unit
Jenis Unit         tidak      Kanwil, KPPN, Balai, …
Unit Induk         tidak      unit atasan langsung (mis. Kanwil DJPb Provinsi Aceh)
Provinsi           tidak      untuk pengelompokan
Email              tidak      alamat surel untuk surat balasan
Batas Kirim        tidak      tanggal batas pengiriman; kosong = tidak dinilai
Batas Kirim TW I   tidak      batas per periode (juga TW II–IV, Semester I/II,
…                             Tahunan): dipakai untuk workbook periode itu
Keterangan         tidak      bebas
=================  =========  ==================================================

A second sheet **Batas Kirim** (optional) gives the deadline of each period for every
unit: columns *Periode* (TW I … Tahunan), *Batas Kirim* and optionally *Tahun*.

Lateness is measured against the period a workbook reports on (Identitas > Periode and
Tahun), in this order: the unit's own *Batas Kirim <periode>* column, the *Batas Kirim*
sheet, then the single *Batas Kirim* column — which is only taken as this period's
deadline when it falls after the end of the period (15 Juli is TW II's deadline, not
TW III's: a TW III workbook is then not judged against it), then ``--batas-kirim``.

Headers are matched tolerantly (``normalize_header``) with a few other spellings
("Kode", "Nama Unit Kerja", "E-mail", "Tenggat").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import xlsxwriter

from toolkit.errors import UnreadableInputError, UsageError
from toolkit.indonesian import EXCEL_DATE_FORMAT, format_tanggal, parse_tanggal
from toolkit.rekap.periods import normalize_period, period_end, period_order
from toolkit.schemas.coerce import clean_text, is_blank
from toolkit.schemas.common import PERIODE_LAPORAN
from toolkit.schemas.model import normalize_header
from toolkit.workbook.cells import XLSX_OPTIONS, cell_address
from toolkit.workbook.reader import open_calamine

UNIT_SHEET = "Daftar Unit"
DEADLINE_SHEET = "Batas Kirim"
DEADLINE_PREFIXES = ("batas kirim", "batas waktu", "tenggat", "batas pengiriman")
UNIT_COLUMNS: dict[str, tuple[str, ...]] = {
    "kode": ("Kode Unit", "Kode", "Kode Satker", "Kode Kantor"),
    "nama": ("Nama Unit", "Nama Unit Kerja", "Unit Kerja", "Nama Satker", "Nama Kantor"),
    "jenis": ("Jenis Unit", "Jenis"),
    "induk": ("Unit Induk", "Induk", "Unit Atasan"),
    "provinsi": ("Provinsi",),
    "email": ("Email", "E-mail", "Surel", "Alamat Email"),
    "batas_kirim": ("Batas Kirim", "Batas Waktu", "Tenggat", "Batas Pengiriman"),
    "keterangan": ("Keterangan", "Catatan"),
}
HEADERS = {key: names[0] for key, names in UNIT_COLUMNS.items()}


def normalize_code(value: object) -> str:
    """"kw-jabar " → "KW-JABAR"; 44.0 and "044" → "44" (codes typed as numbers lose leading zeros)."""
    if is_blank(value):
        return ""
    text = clean_text(value)
    text = re.sub(r"\s+", "", text).upper()
    if text.isdigit():
        text = str(int(text))
    return text


@dataclass(frozen=True)
class Unit:
    kode: str
    nama: str
    jenis: str = ""
    induk: str = ""
    provinsi: str = ""
    email: str = ""
    batas_kirim: dt.date | None = None
    keterangan: str = ""
    row: int = 0  # 1-based row in the list file
    deadlines: tuple[tuple[str, dt.date], ...] = ()  # (period, date) from the "Batas Kirim <periode>" columns

    @property
    def key(self) -> str:
        return normalize_code(self.kode)


@dataclass
class UnitList:
    units: list[Unit]
    path: Path | None = None
    period_deadlines: dict[tuple[int | None, str], dt.date] = field(default_factory=dict)  # the deadline sheet
    _by_code: dict[str, Unit] = field(default_factory=dict, repr=False)
    _by_name: dict[str, Unit] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for u in self.units:
            self._by_code.setdefault(u.key, u)
            self._by_name.setdefault(normalize_header(u.nama), u)

    def __len__(self) -> int:
        return len(self.units)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.units)

    def find(self, kode: object, nama: object = None) -> Unit | None:
        """The unit with this code; failing that, the one with exactly this name."""
        unit = self._by_code.get(normalize_code(kode))
        if unit is None and not is_blank(nama):
            unit = self._by_name.get(normalize_header(nama))
        return unit


def deadline_for(unit: Unit, tahun: object, periode: object, *,
                 period_deadlines: dict[tuple[int | None, str], dt.date] | None = None,
                 default: dt.date | None = None) -> tuple[dt.date | None, str]:
    """The deadline of ``unit`` for the period a workbook reports on, and a note when one was set aside."""
    period = normalize_period(periode)
    year = tahun if isinstance(tahun, int) and not isinstance(tahun, bool) else None
    if period is not None:
        own = dict(unit.deadlines)
        if period in own:
            return own[period], ""
        sheet = period_deadlines or {}
        for key in ((year, period), (None, period)):
            if key in sheet:
                return sheet[key], ""
    if unit.batas_kirim is not None:
        if period is None or year is None or unit.batas_kirim > period_end(year, period):
            return unit.batas_kirim, ""
        note = (f"Batas Kirim {format_tanggal(unit.batas_kirim)} jatuh sebelum akhir {period} {year}: "
                f"itu batas periode lain, tidak dipakai untuk {period} {year}")
        return default, note
    return default, ""


def load_unit_list(path: str | Path) -> UnitList:
    """Read ``daftar-unit.xlsx``; raise UsageError naming the cell for a bad or duplicated code."""
    p = Path(path)
    cwb = open_calamine(p)
    try:
        names = list(cwb.sheet_names)
        sheet = next((n for n in names if normalize_header(n) == normalize_header(UNIT_SHEET)), names[0])
        rows = [list(r) for r in cwb.get_sheet_by_name(sheet).to_python()]
        dl_name = next((n for n in names if normalize_header(n) == normalize_header(DEADLINE_SHEET)
                        and n != sheet), None)
        deadline_rows = [list(r) for r in cwb.get_sheet_by_name(dl_name).to_python()] if dl_name else []
        names = [dl_name] if dl_name else []
    finally:
        cwb.close()
    lookup = {normalize_header(h): key for key, hs in UNIT_COLUMNS.items() for h in hs}
    header_row, columns = -1, {}
    period_cols: dict[int, str] = {}
    for r, row in enumerate(rows[:10]):
        found = {}
        for c, cell in enumerate(row):
            key = lookup.get(normalize_header(cell))
            if key and key not in found:
                found[key] = c
        if "kode" in found and "nama" in found:
            header_row, columns = r, found
            period_cols = _period_columns(row)
            break
    if header_row < 0:
        raise UnreadableInputError("daftar unit harus punya baris judul kolom dengan 'Kode Unit' dan "
                                   "'Nama Unit' dalam 10 baris pertama.", path=p, sheet=sheet)
    units: list[Unit] = []
    seen: dict[str, str] = {}
    for r in range(header_row + 1, len(rows)):
        row = rows[r]

        def get(key: str, row: list[Any] = row) -> Any:
            c = columns.get(key)
            return row[c] if c is not None and c < len(row) else None

        if all(is_blank(get(k)) for k in columns):
            continue
        kode, nama = get("kode"), get("nama")
        where = cell_address(r + 1, columns["kode"] + 1)
        if is_blank(kode):
            raise UsageError(f"Kode Unit kosong untuk '{clean_text(nama) if not is_blank(nama) else '?'}'.",
                             path=p, sheet=sheet, cell=where)
        code = normalize_code(kode)
        if code in seen:
            raise UsageError(f"Kode Unit '{clean_text(kode)}' ditulis dua kali (juga di {seen[code]}).",
                             path=p, sheet=sheet, cell=where)
        seen[code] = where
        batas = get("batas_kirim")
        deadline = None
        if not is_blank(batas):
            deadline = parse_tanggal(batas)
            if deadline is None:
                raise UsageError(f"Batas Kirim '{clean_text(batas)}' bukan tanggal (mis. 15 Juli 2026).",
                                 path=p, sheet=sheet, cell=cell_address(r + 1, columns["batas_kirim"] + 1))

        def text(key: str) -> str:
            value = get(key)
            return "" if is_blank(value) else clean_text(value)

        own: list[tuple[str, dt.date]] = []
        for c, period in period_cols.items():
            value = row[c] if c < len(row) else None
            if is_blank(value):
                continue
            when = parse_tanggal(value)
            if when is None:
                raise UsageError(f"Batas Kirim {period} '{clean_text(value)}' bukan tanggal (mis. 15 Oktober 2026).",
                                 path=p, sheet=sheet, cell=cell_address(r + 1, c + 1))
            own.append((period, when))
        units.append(Unit(kode=clean_text(kode), nama=text("nama"), jenis=text("jenis"), induk=text("induk"),
                          provinsi=text("provinsi"), email=text("email"), batas_kirim=deadline,
                          keterangan=text("keterangan"), row=r + 1, deadlines=tuple(own)))
    if not units:
        raise UsageError("daftar unit tidak berisi satu unit pun.", path=p, sheet=sheet)
    return UnitList(units, p, deadline_sheet(p, names, deadline_rows))


def _period_columns(header: list[Any]) -> dict[int, str]:
    """Columns "Batas Kirim TW III", "Tenggat Semester I" … → {column: period}."""
    out: dict[int, str] = {}
    for c, cell in enumerate(header):
        text = normalize_header(cell)
        for prefix in DEADLINE_PREFIXES:
            if text.startswith(prefix) and text != prefix:
                period = normalize_period(text[len(prefix):].strip(" -:"))
                if period is not None:
                    out[c] = period
    return out


def deadline_sheet(path: Path, names: list[str], rows: list[list[Any]]) -> dict[tuple[int | None, str], dt.date]:
    """The optional *Batas Kirim* sheet: Periode, Batas Kirim (and Tahun) per row."""
    if not names:
        return {}
    sheet = names[0]
    wanted = {"periode": ("periode", "period", "triwulan"), "batas": DEADLINE_PREFIXES, "tahun": ("tahun",)}
    cols: dict[str, int] = {}
    head = -1
    for r, row in enumerate(rows[:10]):
        found = {key: c for c, cell in enumerate(row) for key, options in wanted.items()
                 if normalize_header(cell) in options}
        if "periode" in found and "batas" in found:
            head, cols = r, found
            break
    if head < 0:
        raise UsageError("sheet Batas Kirim harus punya kolom 'Periode' dan 'Batas Kirim'.", path=path, sheet=sheet)
    out: dict[tuple[int | None, str], dt.date] = {}
    for r in range(head + 1, len(rows)):
        row = rows[r]

        def get(key: str, row: list[Any] = row) -> Any:
            c = cols.get(key)
            return row[c] if c is not None and c < len(row) else None

        if is_blank(get("periode")) and is_blank(get("batas")):
            continue
        period = normalize_period(get("periode"))
        if period is None:
            raise UsageError(f"Periode '{clean_text(get('periode'))}' tidak dikenal (TW I–IV, Semester I/II, "
                             "Tahunan).", path=path, sheet=sheet, cell=cell_address(r + 1, cols["periode"] + 1))
        when = parse_tanggal(get("batas"))
        if when is None:
            raise UsageError(f"Batas Kirim '{clean_text(get('batas'))}' bukan tanggal.", path=path, sheet=sheet,
                             cell=cell_address(r + 1, cols["batas"] + 1))
        year_value = get("tahun")
        year = int(year_value) if isinstance(year_value, (int, float)) and not is_blank(year_value) else None
        out[(year, period)] = when
    return out


def write_unit_list(path: str | Path, units: Iterable[Unit], *, title: str = "DAFTAR UNIT PENGIRIM",
                    period_deadlines: dict[tuple[int | None, str], dt.date] | None = None) -> Path:
    """Write a unit list in the documented format (used for the sample and by tests): a
    "Batas Kirim <periode>" column for each period a unit has its own deadline for, and
    a *Batas Kirim* sheet when ``period_deadlines`` is given."""
    units = list(units)
    own_periods = [p for p in PERIODE_LAPORAN if any(p in dict(u.deadlines) for u in units)]
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    wb = xlsxwriter.Workbook(str(out), XLSX_OPTIONS)
    bold = wb.add_format({"bold": True, "font_size": 13})
    head = wb.add_format({"bold": True, "font_color": "#FFFFFF", "bg_color": "#1F4E78", "border": 1,
                          "text_wrap": True, "valign": "vcenter"})
    date = wb.add_format({"num_format": EXCEL_DATE_FORMAT, "align": "left"})
    ws = wb.add_worksheet(UNIT_SHEET)
    ws.write_string(0, 0, title, bold)
    ws.write_string(1, 0, "Kode Unit harus sama dengan isian Identitas > Kode Unit pada workbook unit.")
    keys: Sequence[str] = tuple(UNIT_COLUMNS)
    widths = {"kode": 14, "nama": 52, "jenis": 12, "induk": 40, "provinsi": 24, "email": 34,
              "batas_kirim": 16, "keterangan": 24}
    for c, key in enumerate(keys):
        ws.set_column(c, c, widths[key])
        ws.write_string(2, c, HEADERS[key], head)
    for j, period in enumerate(own_periods):
        ws.set_column(len(keys) + j, len(keys) + j, 16)
        ws.write_string(2, len(keys) + j, f"Batas Kirim {period}", head)
    n = 0
    for i, u in enumerate(units):
        r = 3 + i
        for c, key in enumerate(keys):
            value = getattr(u, key)
            if isinstance(value, dt.date):
                ws.write_datetime(r, c, dt.datetime(value.year, value.month, value.day), date)
            elif value:
                ws.write_string(r, c, str(value))
        own = dict(u.deadlines)
        for j, period in enumerate(own_periods):
            if period in own:
                d = own[period]
                ws.write_datetime(r, len(keys) + j, dt.datetime(d.year, d.month, d.day), date)
        n += 1
    ws.freeze_panes(3, 2)
    ws.autofilter(2, 0, 2 + max(n, 1), len(keys) + len(own_periods) - 1)
    if period_deadlines:
        dl = wb.add_worksheet(DEADLINE_SHEET)
        for c, (h, w) in enumerate((("Tahun", 8), ("Periode", 14), ("Batas Kirim", 18))):
            dl.set_column(c, c, w)
            dl.write_string(0, c, h, head)
        for r, ((year, period), d) in enumerate(sorted(period_deadlines.items(),
                                                       key=lambda kv: (kv[0][0] or 0, period_order(kv[0][1]))),
                                                start=1):
            if year is not None:
                dl.write_number(r, 0, year)
            dl.write_string(r, 1, period)
            dl.write_datetime(r, 2, dt.datetime(d.year, d.month, d.day), date)
    wb.close()
    return out
