"""``rencana-aksi-zi``: the Zona Integritas work plan (seed 001, BAB III).

Two tables of seed 001: the *Matriks Rencana Kerja Pembangunan ZI* (Area Perubahan,
Kegiatan, Output, Timeline Jan–Des) which we extend with PIC, realisation per
month, status, progress and evidence references; and the *Matriks Komitmen
Rencana Kerja ZI* (Triwulan, Fokus, Area Perubahan, Output yang Dimonitor, PIC,
Kewajiban Unggah Evidence).
"""

from __future__ import annotations

from types import MappingProxyType

from toolkit.schemas.common import (
    AREA_ALIASES,
    AREA_PERUBAHAN,
    COMMON_LISTS,
    MONTH_HEADERS,
    MONTH_KEYS,
    identitas_with,
)
from toolkit.schemas.model import Column, ColumnType, SheetSpec, WorkbookSchema, rule

T = ColumnType

STATUS_KEGIATAN: tuple[str, ...] = ("Belum Dimulai", "Sedang Berjalan", "Selesai", "Tertunda", "Dibatalkan")
FOKUS_TRIWULAN: dict[str, str] = {  # seed 001, Matriks Komitmen
    "TW I": "Perencanaan & Komitmen",
    "TW II": "Implementasi & Penilaian",
    "TW III": "Evaluasi & Perbaikan",
    "TW IV": "Konsolidasi & Dampak",
}

_plan_months = tuple(
    Column(f"rencana_{k}", f"Rencana {h}", T.MARK, width=5.5, group="Rencana",
           aliases=(h, f"R {h}"), help=f"Isi v bila kegiatan direncanakan pada bulan {h}")
    for k, h in zip(MONTH_KEYS, MONTH_HEADERS, strict=True)
)
_real_months = tuple(
    Column(f"realisasi_{k}", f"Realisasi {h}", T.MARK, width=5.5, group="Realisasi",
           help=f"Isi v bila kegiatan benar-benar dilaksanakan pada bulan {h}")
    for k, h in zip(MONTH_KEYS, MONTH_HEADERS, strict=True)
)

RENCANA_KERJA = SheetSpec(
    key="rencana",
    name="Rencana Kerja",
    title="MATRIKS RENCANA KERJA PEMBANGUNAN ZONA INTEGRITAS",
    description="Satu baris per kegiatan: area perubahan, kegiatan, output, PIC, "
                "bulan rencana dan realisasi, status, progres dan bukti.",
    columns=(
        Column("area", "Area Perubahan", T.CHOICE, required=True, width=26, list_name="area_perubahan",
               fill_down=True, help="Salah satu dari enam area perubahan"),
        Column("no", "No", T.INTEGER, required=True, width=5),
        Column("kegiatan", "Kegiatan", T.LONG_TEXT, required=True, width=40),
        Column("output", "Output", T.LONG_TEXT, required=True, width=28),
        Column("pic", "PIC", T.TEXT, required=True, width=22, aliases=("Penanggung Jawab",),
               help="Nama penanggung jawab (Person in Charge)"),
        *_plan_months,
        *_real_months,
        Column("status", "Status", T.CHOICE, required=True, width=16, list_name="status_kegiatan"),
        Column("progres", "Progres (%)", T.PERCENT, required=True, width=10, minimum=0, maximum=100,
               aliases=("Progres", "Progress (%)", "Capaian (%)"), number_format="0",
               help="Angka 0 sampai 100"),
        Column("bukti", "Referensi Bukti", T.LONG_TEXT, width=30, aliases=("Bukti", "Evidence", "Data Dukung"),
               help="Nama file atau folder bukti, dipisah titik koma"),
        Column("keterangan", "Keterangan", T.LONG_TEXT, width=30, aliases=("Catatan",)),
    ),
    key_columns=("area", "kegiatan"),
    freeze_columns=3,
)

MATRIKS_KOMITMEN = SheetSpec(
    key="komitmen",
    name="Matriks Komitmen",
    title="MATRIKS KOMITMEN RENCANA KERJA ZONA INTEGRITAS",
    description="Komitmen per triwulan dan area: output yang dimonitor dan kewajiban unggah evidence.",
    columns=(
        Column("triwulan", "Triwulan", T.QUARTER, required=True, width=9, list_name="triwulan", fill_down=True),
        Column("fokus", "Fokus", T.TEXT, required=True, width=22, fill_down=True),
        Column("area", "Area Perubahan", T.CHOICE, required=True, width=26, list_name="area_perubahan"),
        Column("output_dimonitor", "Output yang Dimonitor", T.LONG_TEXT, required=True, width=45),
        Column("pic", "PIC", T.TEXT, required=True, width=22),
        Column("kewajiban_evidence", "Kewajiban Unggah Evidence", T.LONG_TEXT, required=True, width=50,
               aliases=("Kewajiban Unggah Evidence (EZiko)",)),
    ),
    key_columns=("triwulan", "area"),
    freeze_columns=1,
)

SCHEMA = WorkbookSchema(
    kind="rencana-aksi-zi",
    version="1.0",
    title="Rencana Aksi Pembangunan Zona Integritas",
    description="Program kerja dan rencana aksi ZI menuju WBK/WBBM per unit per tahun.",
    seed="001_1ff2b76cbc969348.txt",
    sheets=(RENCANA_KERJA, MATRIKS_KOMITMEN),
    identitas=identitas_with(),
    lists=MappingProxyType({
        **COMMON_LISTS,
        "status_kegiatan": STATUS_KEGIATAN,
        "area_perubahan": AREA_PERUBAHAN,
    }),
    main_sheet="rencana",
    choice_aliases=MappingProxyType({"area_perubahan": MappingProxyType(AREA_ALIASES)}),
    rules=(
        rule("ZI-AREA-LENGKAP", "error", "Keenam Area Perubahan harus ada di Rencana Kerja.",
             areas=AREA_PERUBAHAN, sheet="rencana"),
        rule("ZI-AREA-ALIAS", "warning", "Nama area ditulis berbeda dari nama resmi (diterima, mohon diseragamkan)."),
        rule("ZI-RENCANA-ADA", "error", "Setiap kegiatan harus punya minimal satu bulan rencana."),
        rule("ZI-TW-BULAN", "error", "Komitmen triwulan harus sesuai bulan kegiatan di Rencana Kerja "
             "(TW I = Jan–Mar, TW II = Apr–Jun, TW III = Jul–Sep, TW IV = Okt–Des)."),
        rule("ZI-TW-FOKUS", "warning", "Fokus triwulan sesuai Matriks Komitmen seed 001.", fokus=FOKUS_TRIWULAN),
        rule("ZI-REALISASI-SEBELUM-RENCANA", "warning",
             "Realisasi sebelum bulan rencana pertama harus dijelaskan di Keterangan."),
        rule("ZI-SELESAI-100", "error", "Progres 100% hanya bila status Selesai dan ada Referensi Bukti."),
        rule("ZI-SELESAI-PROGRES", "error", "Status Selesai harus dengan progres 100%."),
        rule("ZI-TERLAMBAT", "warning", "Kegiatan yang bulan rencananya sudah lewat tetapi belum ada realisasi."),
        rule("ZI-DUPLIKAT", "error", "Kegiatan yang sama ditulis dua kali pada area yang sama."),
        rule("ZI-NO-URUT", "warning", "Nomor kegiatan dalam satu area harus berurutan mulai 1."),
    ),
    instructions=(
        "Isi sheet Identitas terlebih dahulu: nama unit, kode unit, tahun, periode dan kepala unit beserta NIP.",
        "Sheet Rencana Kerja: satu baris per kegiatan. Pilih Area Perubahan dari daftar; tandai bulan "
        "rencana dan bulan realisasi dengan huruf v.",
        "Status dan Progres (%) diperbarui setiap bulan. Progres 100% hanya untuk kegiatan berstatus Selesai "
        "dan harus disertai Referensi Bukti (nama file di folder bukti).",
        "Sheet Matriks Komitmen: output yang dimonitor dan kewajiban unggah evidence per triwulan dan area, "
        "sesuai Program Kerja ZI.",
        "Jangan mengubah judul kolom, nama sheet, atau baris Jenis Workbook dan Versi Skema.",
        "Tekan tombol Validasi pada workbook sebelum mengirim.",
    ),
)
