"""What every workbook kind shares: the Identitas sheet and the common lists."""

from __future__ import annotations

from toolkit.indonesian import MONTHS_SHORT, QUARTERS
from toolkit.schemas.model import ColumnType, IdentitasField

IDENTITAS_SHEET = "Identitas"
INSTRUCTIONS_SHEET = "Petunjuk"
LISTS_SHEET = "Daftar"

# The six change areas of PermenPAN-RB 90/2021 (seed 001 §1.5, seed 002).
AREA_PERUBAHAN: tuple[str, ...] = (
    "Manajemen Perubahan",
    "Penataan Tatalaksana",
    "Penataan Sistem Manajemen SDM",
    "Penguatan Akuntabilitas Kinerja",
    "Penguatan Pengawasan",
    "Peningkatan Kualitas Pelayanan Publik",
)
# How the seeds and units also write them (seed 001 uses "Penataan Tata Laksana",
# "Penguatan Akuntabilitas", "Penataan Sistem Manajemen SDM Aparatur").
AREA_ALIASES: dict[str, str] = {
    "Penataan Tata Laksana": "Penataan Tatalaksana",
    "Penguatan Akuntabilitas": "Penguatan Akuntabilitas Kinerja",
    "Penataan Sistem Manajemen SDM Aparatur": "Penataan Sistem Manajemen SDM",
    "Penataan Manajemen SDM": "Penataan Sistem Manajemen SDM",
    "Peningkatan Kualitas Pelayanan": "Peningkatan Kualitas Pelayanan Publik",
}

JENIS_UNIT: tuple[str, ...] = (
    "Kantor Pusat", "Kanwil", "KPPN", "Pusat", "Balai", "Satker", "OPD",
    "Pemerintah Daerah", "Sekolah", "Lainnya",
)
PERIODE_LAPORAN: tuple[str, ...] = (*QUARTERS, "Semester I", "Semester II", "Tahunan")
YA_TIDAK: tuple[str, ...] = ("Ya", "Tidak")
MONTH_KEYS: tuple[str, ...] = tuple(f"m{i:02d}" for i in range(1, 13))
MONTH_HEADERS: tuple[str, ...] = MONTHS_SHORT

COMMON_LISTS: dict[str, tuple[str, ...]] = {
    "jenis_unit": JENIS_UNIT,
    "periode_laporan": PERIODE_LAPORAN,
    "ya_tidak": YA_TIDAK,
    "triwulan": QUARTERS,
    "area_perubahan": AREA_PERUBAHAN,
}

IDENTITAS_FIELDS: tuple[IdentitasField, ...] = (
    IdentitasField("nama_unit", "Nama Unit Kerja", help="Nama lengkap unit, mis. Kantor Wilayah DJPb Provinsi Jawa Barat"),
    IdentitasField("kode_unit", "Kode Unit", help="Kode unit dari kantor pusat, mis. KW-JABAR atau 044"),
    IdentitasField("jenis_unit", "Jenis Unit", ColumnType.CHOICE, list_name="jenis_unit"),
    IdentitasField("unit_induk", "Unit Induk", required=False, help="Unit atasan langsung, mis. Ditjen Perbendaharaan"),
    IdentitasField("tahun", "Tahun", ColumnType.YEAR, help="Tahun rencana/laporan, empat angka"),
    IdentitasField("periode", "Periode Laporan", ColumnType.CHOICE, list_name="periode_laporan",
                   help="Triwulan atau semester laporan ini"),
    IdentitasField("tanggal_pengisian", "Tanggal Pengisian", ColumnType.DATE,
                   help="Tanggal workbook ini terakhir diisi; dipakai kantor pusat bila unit mengirim dua kali"),
    IdentitasField("kepala_nama", "Nama Kepala Unit"),
    IdentitasField("kepala_nip", "NIP Kepala Unit", ColumnType.NIP,
                   help="18 angka tanpa spasi, mis. 196409111989031009 (ditulis sebagai teks)"),
    IdentitasField("kepala_jabatan", "Jabatan Kepala Unit", required=False),
    IdentitasField("jenis_workbook", "Jenis Workbook", fixed=True),
    IdentitasField("versi_skema", "Versi Skema", fixed=True),
)


def identitas_with(*extra: IdentitasField) -> tuple[IdentitasField, ...]:
    """The common Identitas fields plus a kind's own, before the fixed kind/version rows."""
    fixed = tuple(f for f in IDENTITAS_FIELDS if f.fixed)
    free = tuple(f for f in IDENTITAS_FIELDS if not f.fixed)
    return (*free, *extra, *fixed)
