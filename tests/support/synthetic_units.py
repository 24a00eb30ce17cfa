"""Realistic unit workbooks for samples, tests and the benchmark (rencana-aksi-zi).

Two writers:

* :func:`write_unit_workbook_fast` writes the same layout as the template
  (Identitas labels in column A and values in B from row 4; each table with a title
  in row 1, guidance in row 2, headers in row 3) with XlsxWriter ``constant_memory``,
  without dropdowns or styles: 500 workbooks x 200 rows in seconds for the benchmark.
* the sample script uses :func:`toolkit.workbook.template.build_workbook` itself.

Activities come from seed 001 (``001_1ff2b76cbc969348.txt``, BAB II "Pokja …"
lists and the Matriks Komitmen), so what is generated reads like a real plan.
"""

from __future__ import annotations

import datetime as dt
import os
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import xlsxwriter

from toolkit.indonesian import EXCEL_DATE_FORMAT
from toolkit.kinds import rencana_aksi_zi
from toolkit.rekap.units import Unit, write_unit_list
from toolkit.schemas import get_schema
from toolkit.schemas.common import AREA_PERUBAHAN, IDENTITAS_SHEET, MONTH_KEYS
from toolkit.schemas.rencana_aksi_zi import FOKUS_TRIWULAN, STATUS_KEGIATAN

KIND = rencana_aksi_zi.SCHEMA.kind

# seed 001, BAB II, one short list per Pokja (working group)
ACTIVITIES: dict[str, tuple[str, ...]] = {
    "Manajemen Perubahan": (
        "Menyusun SK Tim Kerja Pembangunan ZI",
        "Menyusun rencana kerja pembangunan ZI",
        "Melaksanakan monitoring dan evaluasi pembangunan ZI",
        "Menetapkan agen perubahan dan role model",
        "Internalisasi budaya kerja berintegritas",
    ),
    "Penataan Tatalaksana": (
        "Menyusun dan memperbarui SOP layanan",
        "Mendokumentasikan penerapan SPBE",
        "Menyusun laporan keterbukaan informasi publik",
        "Evaluasi peta proses bisnis",
    ),
    "Penataan Sistem Manajemen SDM": (
        "Menyusun dokumen analisis jabatan pegawai",
        "Menyusun laporan monev mutasi pegawai",
        "Menyusun matriks JP pengembangan kompetensi pegawai",
        "Mendokumentasikan E-SKP bulanan dan tahunan",
        "Mendokumentasikan penegakan disiplin pegawai",
    ),
    "Penguatan Akuntabilitas Kinerja": (
        "Mendokumentasikan keterlibatan pimpinan dalam penyusunan Perjanjian Kinerja",
        "Mendokumentasikan Indikator Kinerja Utama (IKU)",
        "Rapat berkala pemantauan capaian kinerja",
        "Menyiapkan laporan kinerja tahunan",
    ),
    "Penguatan Pengawasan": (
        "Sosialisasi pengendalian gratifikasi kepada pegawai dan pengguna layanan",
        "Menyiapkan dokumen manajemen risiko dan peta pengendalian risiko",
        "Sosialisasi Whistleblowing System (WBS)",
        "Pemetaan dan penanganan benturan kepentingan",
        "Laporan monev penanganan pengaduan masyarakat",
    ),
    "Peningkatan Kualitas Pelayanan Publik": (
        "Menetapkan standar pelayanan dan maklumat pelayanan",
        "Workshop pelayanan prima bagi petugas layanan",
        "Survei kepuasan masyarakat (IKM) triwulanan",
        "Menyediakan sarana pengaduan dan kompensasi layanan",
    ),
}
OUTPUTS = ("Laporan kegiatan", "SK Kepala Kantor", "Notula dan daftar hadir", "Dokumen SOP", "Laporan monev")
PIC_NAMES = ("Rina Kartika", "Budi Santoso", "Herri Triansyah", "Annisa Nurul Aini", "Johny Aryo Permadi",
             "Aji Digda Aguna", "Siti Rahmawati", "Dedi Kurniawan", "Maria Ulfa", "Yusuf Hidayat")


def unit_rows(rng: random.Random, n_rows: int, *, quarter: int = 2) -> list[dict[str, Any]]:
    """``n_rows`` rows of the Rencana Kerja sheet, spread over the six areas in order."""
    rows: list[dict[str, Any]] = []
    per_area = max(1, n_rows // len(AREA_PERUBAHAN))
    last_month = quarter * 3
    for i in range(n_rows):
        area = AREA_PERUBAHAN[min(i // per_area, len(AREA_PERUBAHAN) - 1)]
        no = i - AREA_PERUBAHAN.index(area) * per_area + 1
        acts = ACTIVITIES[area]
        kegiatan = acts[(no - 1) % len(acts)]
        if no > len(acts):
            kegiatan = f"{kegiatan} (tahap {(no - 1) // len(acts) + 1})"
        start = rng.randint(1, 12)
        row: dict[str, Any] = {
            "area": area, "no": no, "kegiatan": kegiatan, "output": rng.choice(OUTPUTS),
            "pic": rng.choice(PIC_NAMES), f"rencana_{MONTH_KEYS[start - 1]}": "v",
        }
        if start <= last_month and rng.random() < 0.8:
            progress = rng.choice((25, 50, 75, 100))
            row[f"realisasi_{MONTH_KEYS[start - 1]}"] = "v"
        else:
            progress = 0
        row["progres"] = progress
        row["status"] = ("Selesai" if progress == 100 else "Sedang Berjalan" if progress else "Belum Dimulai")
        if progress == 100 or (progress and rng.random() < 0.6):
            row["bukti"] = f"{area.split()[0].lower()}_{no:02d}.pdf"
        rows.append(row)
    return rows


def komitmen_rows() -> list[dict[str, Any]]:
    """The quarterly commitment matrix of seed 001 (one row per quarter and area)."""
    rows = []
    for q, fokus in FOKUS_TRIWULAN.items():
        for area in AREA_PERUBAHAN:
            rows.append({"triwulan": q, "fokus": fokus, "area": area,
                         "output_dimonitor": f"Output {area} {q}", "pic": "Koordinator Pokja",
                         "kewajiban_evidence": "Laporan, notula, daftar hadir, foto"})
    return rows


def identitas_for(kode: str, nama: str, jenis: str, *, tahun: int = 2026, periode: str = "TW II",
                  tanggal: dt.date | None = None, induk: str = "Direktorat Jenderal Perbendaharaan") -> dict[str, Any]:
    return {
        "nama_unit": nama, "kode_unit": kode, "jenis_unit": jenis, "unit_induk": induk, "tahun": tahun,
        "periode": periode, "tanggal_pengisian": tanggal or dt.date(tahun, 6, 28),
        "kepala_nama": "Dr. Ahmad Fauzi, S.E., M.M.", "kepala_nip": "197203151998031002",
        "kepala_jabatan": f"Kepala {nama}",
    }


def _cell(ws: Any, r: int, c: int, value: Any, date_fmt: Any) -> None:
    if value is None or value == "":
        return
    if isinstance(value, bool):
        ws.write_boolean(r, c, value)
    elif isinstance(value, (int, float)):
        ws.write_number(r, c, value)
    elif isinstance(value, dt.date):
        d = value if isinstance(value, dt.datetime) else dt.datetime(value.year, value.month, value.day)
        ws.write_datetime(r, c, d, date_fmt)
    else:
        ws.write_string(r, c, str(value))


def write_unit_workbook_fast(path: str | Path, identitas: Mapping[str, Any],
                             rows: Mapping[str, Sequence[Mapping[str, Any]]], *,
                             version: str | None = None, headers: Mapping[str, str] | None = None,
                             extra_columns: Mapping[str, Sequence[tuple[str, Sequence[Any]]]] | None = None,
                             kind: str = KIND) -> Path:
    """Write a unit workbook in the template's layout, fast (constant memory, no styles).

    ``headers`` overrides a column's header text (an older template's name, e.g.
    ``{"progres": "Capaian (%)"}``); ``extra_columns`` adds columns the template
    does not have, per sheet key: ``{"rencana": [("Anggaran (Rp)", [values…])]}``.
    """
    schema = get_schema(kind)
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    wb = xlsxwriter.Workbook(str(out), {"constant_memory": True, "strings_to_formulas": False,
                                        "strings_to_urls": False})
    date_fmt = wb.add_format({"num_format": EXCEL_DATE_FORMAT})
    ws = wb.add_worksheet(IDENTITAS_SHEET)
    ws.write_string(0, 0, "IDENTITAS UNIT KERJA")
    for i, f in enumerate(schema.identitas):
        ws.write_string(3 + i, 0, f.label)
        if f.key == "jenis_workbook":
            value: Any = schema.kind
        elif f.key == "versi_skema":
            value = version or schema.version
        else:
            value = identitas.get(f.key)
        _cell(ws, 3 + i, 1, value, date_fmt)
    for spec in schema.sheets:
        ws = wb.add_worksheet(spec.name)
        hr = spec.header_row - 1
        ws.write_string(0, 0, spec.title)
        ws.write_string(1, 0, "Kolom bertanda * wajib diisi.")
        extras = list((extra_columns or {}).get(spec.key, ()))
        for c, col in enumerate(spec.columns):
            ws.write_string(hr, c, (headers or {}).get(col.key, col.header))
        for j, (header, _values) in enumerate(extras):
            ws.write_string(hr, len(spec.columns) + j, header)
        for i, row in enumerate(rows.get(spec.key, ())):
            for c, col in enumerate(spec.columns):
                _cell(ws, hr + 1 + i, c, row.get(col.key), date_fmt)
            for j, (_header, values) in enumerate(extras):
                if i < len(values):
                    _cell(ws, hr + 1 + i, len(spec.columns) + j, values[i], date_fmt)
    wb.close()
    return out


def status_choices() -> tuple[str, ...]:
    return STATUS_KEGIATAN


# --- a whole quarter's inbox, with every situation the recap must handle -------------------

LEGACY_HEADERS = {"pic": "Penanggung Jawab", "progres": "Capaian (%)", "bukti": "Data Dukung"}
EXTRA_COLUMN = "Anggaran (Rp)"
FORMULA_TEXT = '=HYPERLINK("http://contoh.invalid/x","klik")'


@dataclass
class Scenario:
    """What was generated, so a test can check the recap reports each case exactly."""

    folder: Path
    unit_list: Path
    units: list[Unit]
    winners: dict[str, str] = field(default_factory=dict)  # unit code -> accepted file name
    superseded: dict[str, str] = field(default_factory=dict)  # file name -> unit code
    unknown: list[str] = field(default_factory=list)  # file names
    unreadable: list[str] = field(default_factory=list)
    legacy: list[str] = field(default_factory=list)  # unit codes whose accepted file is the older template
    formula: list[str] = field(default_factory=list)  # unit codes whose first row carries FORMULA_TEXT
    rows: dict[str, dict[str, int]] = field(default_factory=dict)  # file name -> sheet key -> rows
    missing: list[str] = field(default_factory=list)  # unit codes
    dates: dict[str, dt.date] = field(default_factory=dict)  # file name -> Identitas Tanggal Pengisian

    def expected_rows(self, sheet_key: str) -> int:
        return sum(self.rows[name][sheet_key] for name in self.winners.values())


def build_scenario(folder: str | Path, *, n_units: int = 200, n_files: int = 200, seed: int = 5,
                   rows_range: tuple[int, int] = (12, 60), n_duplicates: int = 9, n_unreadable: int = 5,
                   n_unknown: int = 4, n_legacy: int = 10) -> Scenario:
    """Generate ``n_files`` files for a list of ``n_units`` units (fast writer).

    Of the files, ``n_duplicates`` are second submissions (newer by Identitas date,
    newer by file time only, or a byte-identical copy), ``n_unreadable`` cannot be
    read, ``n_unknown`` come from units not in the list; the rest are one per unit,
    ``n_legacy`` of them in the older template (renamed headers, one extra column).
    Units left without a file are the expected *Belum Mengirim*.
    """
    rng = random.Random(seed)
    root = Path(folder)
    inbox = root / "kiriman"
    inbox.mkdir(parents=True, exist_ok=True)
    units = [Unit(kode=f"KW-{i:02d}" if i <= 34 else f"KPPN-{i:03d}",
                  nama=(f"Kantor Wilayah DJPb Wilayah {i:02d}" if i <= 34 else f"KPPN Kota {i:03d}"),
                  jenis="Kanwil" if i <= 34 else "KPPN", induk="Direktorat Jenderal Perbendaharaan",
                  email=f"unit{i}@contoh.go.id", batas_kirim=dt.date(2026, 7, 15)) for i in range(1, n_units + 1)]
    sc = Scenario(inbox, root / "daftar-unit.xlsx", units)
    write_unit_list(sc.unit_list, units)
    n_single = n_files - n_duplicates - n_unreadable - n_unknown
    senders = rng.sample(units, n_single)
    base = dt.datetime(2026, 7, 10, 8, 0).timestamp()
    extra_rng = random.Random(seed + 1)

    def write(name: str, unit: Unit, tanggal: dt.date, mtime: float, *, legacy: bool = False,
              formula: bool = False) -> None:
        n = rng.randint(*rows_range)
        rows = unit_rows(rng, n)
        if formula:
            rows[0]["keterangan"] = FORMULA_TEXT
        extras = {"rencana": [(EXTRA_COLUMN, [extra_rng.randint(1, 90) * 100_000 for _ in rows])]} if legacy else None
        k = komitmen_rows()
        write_unit_workbook_fast(inbox / name, identitas_for(unit.kode, unit.nama, unit.jenis, tanggal=tanggal),
                                 {"rencana": rows, "komitmen": k}, version="0.9" if legacy else None,
                                 headers=LEGACY_HEADERS if legacy else None, extra_columns=extras)
        os.utime(inbox / name, (mtime, mtime))
        sc.rows[name] = {"rencana": len(rows), "komitmen": len(k)}
        sc.dates[name] = tanggal

    for i, unit in enumerate(senders):
        legacy, formula = i < n_legacy, n_legacy <= i < n_legacy + 3
        name = f"{unit.kode}_TW2.xlsx"
        write(name, unit, dt.date(2026, 7, 1 + i % 20), base + i, legacy=legacy, formula=formula)
        sc.winners[unit.kode] = name
        if legacy:
            sc.legacy.append(unit.kode)
        if formula:
            sc.formula.append(unit.kode)
    dup_units = senders[n_legacy + 3: n_legacy + 3 + n_duplicates]
    for j, unit in enumerate(dup_units):
        first = sc.winners[unit.kode]
        name = f"{unit.kode}_TW2_kirim-ulang.xlsx"
        first_date = dt.date(2026, 7, 1 + senders.index(unit) % 20)
        if j % 3 == 0:  # newer by Identitas date although the file is older
            write(name, unit, first_date + dt.timedelta(days=3), base - 10_000)
            sc.superseded[first], sc.winners[unit.kode] = unit.kode, name
        elif j % 3 == 1:  # same Identitas date, newer file time
            write(name, unit, first_date, base + 50_000 + j)
            sc.superseded[first], sc.winners[unit.kode] = unit.kode, name
        else:  # older Identitas date: the first file stays
            write(name, unit, first_date - dt.timedelta(days=5), base + 60_000 + j)
            sc.superseded[name] = unit.kode
    for j in range(n_unknown):
        stranger = Unit(kode=f"SATKER-X{j}", nama=f"Satker Tidak Terdaftar {j}", jenis="Satker")
        name = f"SATKER-X{j}_TW2.xlsx"
        write(name, stranger, dt.date(2026, 7, 2), base)
        sc.unknown.append(name)
    broken = _broken_files(inbox, n_unreadable, sample=inbox / next(iter(sc.winners.values())))
    sc.unreadable.extend(p.name for p in broken)
    sc.missing = [u.kode for u in units if u.kode not in sc.winners]
    return sc


def _broken_files(inbox: Path, n: int, *, sample: Path) -> list[Path]:
    good = sample.read_bytes()
    makers: list[tuple[str, bytes]] = [
        ("KW-RUSAK_terpotong.xlsx", good[: len(good) // 2]),
        ("KW-RUSAK_format-lama.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600),
        ("KW-RUSAK_sebenarnya-pdf.xlsx", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"),
        ("KW-RUSAK_kosong.xlsx", b""),
        ("KW-RUSAK_bukan-excel.xlsx", b"PK\x03\x04" + b"\x00" * 64),
    ]
    out = []
    for i in range(n):
        name, content = makers[i % len(makers)]
        if i >= len(makers):
            name = name.replace(".xls", f"-{i}.xls")
        path = inbox / name
        path.write_bytes(content)
        out.append(path)
    return out
