"""Build samples/rekap/: the unit list and one quarter's worth of unit workbooks.

    python scripts/build_rekap_samples.py

* ``samples/rekap/daftar-unit.xlsx``: the 34 regional offices (Kanwil) of the Treasury
  (DJPb) and 16 of its service offices (KPPN), the unit types of seed 000
  (ND-1182/PB.1/2023 addresses "Kepala Kantor Wilayah DJPb" and "Kepala KPPN").
* ``samples/rekap/kiriman-tw2/``: what reached the central office for TW II 2026,
  written from the rencana-aksi-zi schema with ``build_workbook``, including the
  situations the recap must handle (see ``CASES`` below and docs/rekap.md).

Everything is deterministic (fixed random seed, fixed file times).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import random
import shutil
import sys
from pathlib import Path
from types import MappingProxyType

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repository: tests.support
from tests.support.synthetic_units import identitas_for, komitmen_rows, unit_rows
from toolkit.rekap.units import Unit, write_unit_list
from toolkit.schemas import get_schema
from toolkit.schemas.model import Column, ColumnType
from toolkit.workbook.template import build_workbook

OUT = Path(__file__).resolve().parent.parent / "samples" / "rekap"
INDUK_PUSAT = "Direktorat Jenderal Perbendaharaan"
BATAS_TW2 = dt.date(2026, 7, 15)

PROVINCES = (
    ("ACEH", "Aceh"), ("SUMUT", "Sumatera Utara"), ("SUMBAR", "Sumatera Barat"), ("RIAU", "Riau"),
    ("JAMBI", "Jambi"), ("SUMSEL", "Sumatera Selatan"), ("BENGKULU", "Bengkulu"), ("LAMPUNG", "Lampung"),
    ("BABEL", "Kepulauan Bangka Belitung"), ("KEPRI", "Kepulauan Riau"), ("DKI", "DKI Jakarta"),
    ("JABAR", "Jawa Barat"), ("JATENG", "Jawa Tengah"), ("DIY", "DI Yogyakarta"), ("JATIM", "Jawa Timur"),
    ("BANTEN", "Banten"), ("BALI", "Bali"), ("NTB", "Nusa Tenggara Barat"), ("NTT", "Nusa Tenggara Timur"),
    ("KALBAR", "Kalimantan Barat"), ("KALTENG", "Kalimantan Tengah"), ("KALSEL", "Kalimantan Selatan"),
    ("KALTIM", "Kalimantan Timur"), ("KALTARA", "Kalimantan Utara"), ("SULUT", "Sulawesi Utara"),
    ("SULTENG", "Sulawesi Tengah"), ("SULSEL", "Sulawesi Selatan"), ("SULTRA", "Sulawesi Tenggara"),
    ("GORONTALO", "Gorontalo"), ("SULBAR", "Sulawesi Barat"), ("MALUKU", "Maluku"),
    ("MALUT", "Maluku Utara"), ("PAPUA", "Papua"), ("PABAR", "Papua Barat"),
)
KPPN = (
    ("BANDA-ACEH", "Banda Aceh", "ACEH"), ("LHOKSEUMAWE", "Lhokseumawe", "ACEH"), ("MEDAN-I", "Medan I", "SUMUT"),
    ("MEDAN-II", "Medan II", "SUMUT"), ("PADANG", "Padang", "SUMBAR"), ("PEKANBARU", "Pekanbaru", "RIAU"),
    ("JAKARTA-I", "Jakarta I", "DKI"), ("JAKARTA-II", "Jakarta II", "DKI"), ("BANDUNG-I", "Bandung I", "JABAR"),
    ("BOGOR", "Bogor", "JABAR"), ("SEMARANG-I", "Semarang I", "JATENG"), ("YOGYAKARTA", "Yogyakarta", "DIY"),
    ("SURABAYA-I", "Surabaya I", "JATIM"), ("MALANG", "Malang", "JATIM"), ("DENPASAR", "Denpasar", "BALI"),
    ("MAKASSAR-I", "Makassar I", "SULSEL"),
)
PROVINCE_NAME = dict(PROVINCES)


def units() -> list[Unit]:
    out = []
    for code, name in PROVINCES:
        out.append(Unit(kode=f"KW-{code}", nama=f"Kantor Wilayah DJPb Provinsi {name}", jenis="Kanwil",
                        induk=INDUK_PUSAT, provinsi=name, email=f"kanwil.{code.lower()}@perbendaharaan.go.id",
                        batas_kirim=BATAS_TW2))
    for code, name, prov in KPPN:
        out.append(Unit(kode=f"KPPN-{code}", nama=f"KPPN {name}", jenis="KPPN",
                        induk=f"Kantor Wilayah DJPb Provinsi {PROVINCE_NAME[prov]}", provinsi=PROVINCE_NAME[prov],
                        email=f"kppn.{code.lower().replace('-', '')}@perbendaharaan.go.id", batas_kirim=BATAS_TW2))
    return out


def legacy_schema():  # type: ignore[no-untyped-def]
    """The 'older template' some units still use: version 0.9, other header names, one extra column."""
    schema = get_schema("rencana-aksi-zi")
    old_names = {"pic": "Penanggung Jawab", "progres": "Capaian (%)", "bukti": "Data Dukung"}
    sheets = []
    for spec in schema.sheets:
        cols = tuple(dataclasses.replace(c, header=old_names.get(c.key, c.header)) if spec.key == "rencana" else c
                     for c in spec.columns)
        if spec.key == "rencana":
            cols = (*cols, Column("anggaran", "Anggaran (Rp)", ColumnType.MONEY, width=14))
        sheets.append(dataclasses.replace(spec, columns=cols))
    return dataclasses.replace(schema, version="0.9", sheets=tuple(sheets), lists=MappingProxyType(dict(schema.lists)))


def _write(name: str, unit: Unit, rng: random.Random, *, tanggal: dt.date, mtime: dt.datetime,
           schema=None, n_rows: int = 24, tweak=None) -> Path:  # type: ignore[no-untyped-def]
    rows = unit_rows(rng, n_rows)
    if tweak:
        tweak(rows)
    path = OUT / "kiriman-tw2" / name
    build_workbook(schema or get_schema("rencana-aksi-zi"), path,
                   identitas=identitas_for(unit.kode, unit.nama, unit.jenis, tanggal=tanggal, induk=unit.induk),
                   rows={"rencana": rows, "komitmen": komitmen_rows()})
    stamp = mtime.timestamp()
    os.utime(path, (stamp, stamp))
    return path


# what the folder holds (file -> situation); docs/rekap.md and tests/test_rekap_samples.py use it
CASES = {
    "KW-ACEH_rencana-aksi-zi_TW2.xlsx": "diterima",
    "KW-SUMUT_rencana-aksi-zi_TW2.xlsx": "diterima",
    "KW-JABAR_rencana-aksi-zi_TW2.xlsx": "digantikan (kiriman pertama)",
    "KW-JABAR_rencana-aksi-zi_TW2_revisi.xlsx": "diterima (kiriman kedua, Tanggal Pengisian lebih baru)",
    "KW-JATIM_rencana-aksi-zi.xlsx": "diterima; templat lama 0.9 (kolom lama dipetakan, kolom tambahan Anggaran)",
    "KW-BALI_rencana-aksi-zi_TW2.xlsx": "tidak terbaca (file rusak)",
    "KPPN-BANDA-ACEH_TW2.xlsx": "diterima; terlambat; teks mirip rumus di Keterangan",
    "KPPN-MEDAN-I_TW2.xlsx": "diterima",
    "KPPN-JAKARTA-I_TW2.xlsx": "diterima",
    "KPPN-CONTOH_TW2.xlsx": "unit tidak dikenal (kode tidak ada di daftar)",
}


def main() -> None:
    # only what this script generates is removed; hand-written files (pengirim.yaml) stay
    if (OUT / "kiriman-tw2").exists():
        shutil.rmtree(OUT / "kiriman-tw2")
    all_units = units()
    write_unit_list(OUT / "daftar-unit.xlsx", all_units,
                    title="DAFTAR UNIT PENGIRIM RENCANA AKSI ZI — DJPb (Kanwil dan KPPN)")
    by_code = {u.kode: u for u in all_units}
    rng = random.Random(2026)
    base = dt.datetime(2026, 7, 10, 9, 0)
    on_time = dt.date(2026, 7, 8)
    _write("KW-ACEH_rencana-aksi-zi_TW2.xlsx", by_code["KW-ACEH"], rng, tanggal=on_time, mtime=base)
    _write("KW-SUMUT_rencana-aksi-zi_TW2.xlsx", by_code["KW-SUMUT"], rng, tanggal=on_time, mtime=base)
    _write("KW-JABAR_rencana-aksi-zi_TW2.xlsx", by_code["KW-JABAR"], rng, tanggal=dt.date(2026, 7, 3),
           mtime=base + dt.timedelta(days=1))  # the newer file time, but the older Identitas date
    _write("KW-JABAR_rencana-aksi-zi_TW2_revisi.xlsx", by_code["KW-JABAR"], rng, tanggal=dt.date(2026, 7, 9),
           mtime=base, n_rows=30)
    _write("KW-JATIM_rencana-aksi-zi.xlsx", by_code["KW-JATIM"], rng, tanggal=on_time, mtime=base,
           schema=legacy_schema(),
           tweak=lambda rows: [r.update(anggaran=5_000_000 + 250_000 * i) for i, r in enumerate(rows)])

    def formula_text(rows: list[dict]) -> None:
        rows[0]["keterangan"] = '=HYPERLINK("http://contoh.invalid/bukti","lihat bukti")'

    _write("KPPN-BANDA-ACEH_TW2.xlsx", by_code["KPPN-BANDA-ACEH"], rng, tanggal=dt.date(2026, 7, 20),
           mtime=base + dt.timedelta(days=10), tweak=formula_text)
    _write("KPPN-MEDAN-I_TW2.xlsx", by_code["KPPN-MEDAN-I"], rng, tanggal=on_time, mtime=base)
    _write("KPPN-JAKARTA-I_TW2.xlsx", by_code["KPPN-JAKARTA-I"], rng, tanggal=on_time, mtime=base)
    stranger = Unit(kode="KPPN-CONTOH", nama="KPPN Contoh (uji coba)", jenis="KPPN", induk="-")
    _write("KPPN-CONTOH_TW2.xlsx", stranger, rng, tanggal=on_time, mtime=base)
    broken = OUT / "kiriman-tw2" / "KW-BALI_rencana-aksi-zi_TW2.xlsx"
    good = (OUT / "kiriman-tw2" / "KW-ACEH_rencana-aksi-zi_TW2.xlsx").read_bytes()
    broken.write_bytes(good[: len(good) // 3])  # an e-mail attachment cut short
    os.utime(broken, (base.timestamp(), base.timestamp()))
    for name in sorted(CASES):
        print(f"samples/rekap/kiriman-tw2/{name}: {CASES[name]}")
    print(f"samples/rekap/daftar-unit.xlsx: {len(all_units)} unit")


if __name__ == "__main__":
    main()
