"""``tindak-lanjut-spi``: follow-up of KPK's Survei Penilaian Integritas (seed 004).

Lampiran I is the action plan per problem; Lampiran II is the matrix per risk level
(Sangat Tinggi, Tinggi, Sedang, Rendah) with MCP intervention areas. A third
sheet, *Pemantauan*, tracks progress of each Lampiran I action so that the
scoring issue can compute progress against its success criterion.
"""

from __future__ import annotations

from types import MappingProxyType

from toolkit.indonesian import EXCEL_DATE_FORMAT
from toolkit.schemas.common import COMMON_LISTS, identitas_with
from toolkit.schemas.model import Column, ColumnType, SheetSpec, WorkbookSchema, rule

T = ColumnType

TINGKAT_RISIKO: tuple[str, ...] = ("Sangat Tinggi", "Tinggi", "Sedang", "Rendah")
# Monitoring Center for Prevention (KPK) intervention areas, as seed 004 writes them.
AREA_MCP: tuple[str, ...] = (
    "Area Perencanaan",
    "Area Penganggaran",
    "Area Pengadaan Barang dan Jasa",
    "Area Pelayanan Publik",
    "Area Pengawasan APIP",
    "Area Manajemen ASN",
    "Area Optimalisasi Pajak Daerah",
    "Area Pengelolaan Barang Milik Daerah",
)
STATUS_TINDAK_LANJUT: tuple[str, ...] = ("Belum Dilaksanakan", "Dalam Proses", "Selesai")

LAMPIRAN_I = SheetSpec(
    key="lampiran1",
    name="Lampiran I",
    title="RENCANA AKSI TINDAK LANJUT HASIL SURVEI PENILAIAN INTEGRITAS",
    description="Satu baris per permasalahan: kegiatan, tujuan, output, kriteria, penanggung jawab, waktu.",
    columns=(
        Column("no", "No", T.INTEGER, required=True, width=5),
        Column("permasalahan", "Permasalahan", T.LONG_TEXT, required=True, width=32),
        Column("kegiatan", "Kegiatan", T.LONG_TEXT, required=True, width=42),
        Column("tujuan", "Tujuan", T.LONG_TEXT, required=True, width=30),
        Column("output", "Output", T.LONG_TEXT, required=True, width=30),
        Column("kriteria", "Kriteria dan Ukuran Keberhasilan", T.LONG_TEXT, required=True, width=30),
        Column("penanggung_jawab", "Penanggung Jawab", T.LONG_TEXT, required=True, width=24, aliases=("PIC",)),
        Column("waktu", "Waktu Pelaksanaan", T.PERIOD, required=True, width=20,
               help="Mis. Mei 2024; Januari - Desember 2024; Triwulan II: Juni 2024"),
    ),
    key_columns=("permasalahan", "kegiatan"),
    freeze_columns=2,
)

LAMPIRAN_II = SheetSpec(
    key="lampiran2",
    name="Lampiran II",
    title="MATRIKS RENCANA AKSI TINDAK LANJUT SPI",
    description="Rekomendasi KPK per tingkat risiko, rencana aksi dan area intervensi MCP.",
    columns=(
        Column("tingkat_risiko", "Tingkat Risiko", T.CHOICE, required=True, width=14,
               list_name="tingkat_risiko", fill_down=True),
        Column("no", "No", T.INTEGER, required=True, width=5),
        Column("rekomendasi", "Rekomendasi", T.LONG_TEXT, required=True, width=45),
        Column("rencana_aksi", "Rencana Aksi", T.LONG_TEXT, required=True, width=45),
        Column("area_mcp", "Area Intervensi MCP", T.MULTI_CHOICE, required=True, width=26,
               list_name="area_mcp",
               help="Satu atau lebih area MCP, dipisah baris baru atau titik koma"),
        Column("kriteria", "Kriteria Keberhasilan", T.LONG_TEXT, required=True, width=35),
        Column("ukuran", "Ukuran Keberhasilan", T.LONG_TEXT, required=True, width=35),
    ),
    key_columns=("tingkat_risiko", "rekomendasi"),
    freeze_columns=2,
)

PEMANTAUAN = SheetSpec(
    key="pemantauan",
    name="Pemantauan",
    title="PEMANTAUAN PROGRES RENCANA AKSI",
    description="Laporan progres per kegiatan Lampiran I (No merujuk ke Lampiran I).",
    columns=(
        Column("no_kegiatan", "No Kegiatan", T.INTEGER, required=True, width=8,
               help="Nomor kegiatan di Lampiran I"),
        Column("tanggal", "Tanggal Pemantauan", T.DATE, required=True, width=14, number_format=EXCEL_DATE_FORMAT),
        Column("target", "Target (jumlah)", T.NUMBER, width=12,
               help="Untuk ukuran berupa persentase: jumlah yang harus ditindaklanjuti"),
        Column("realisasi", "Realisasi (jumlah)", T.NUMBER, width=12),
        Column("status", "Status", T.CHOICE, required=True, width=18, list_name="status_tindak_lanjut"),
        Column("nilai", "Nilai (0-100)", T.PERCENT, width=10, minimum=0, maximum=100,
               help="Nilai menurut kriteria keberhasilan, mis. 100 bila laporan lengkap"),
        Column("bukti", "Bukti", T.LONG_TEXT, width=30),
        Column("keterangan", "Keterangan", T.LONG_TEXT, width=30),
    ),
    key_columns=("no_kegiatan", "tanggal"),
    required_rows=False,
    freeze_columns=1,
)

SCHEMA = WorkbookSchema(
    kind="tindak-lanjut-spi",
    version="1.0",
    title="Tindak Lanjut Hasil Survei Penilaian Integritas",
    description="Rencana aksi tindak lanjut SPI (Lampiran I dan II surat ke KPK) dan pemantauannya.",
    seed="004_56d18ce6d0bd0029.txt",
    sheets=(LAMPIRAN_I, LAMPIRAN_II, PEMANTAUAN),
    identitas=identitas_with(),
    lists=MappingProxyType({
        **COMMON_LISTS,
        "tingkat_risiko": TINGKAT_RISIKO,
        "area_mcp": AREA_MCP,
        "status_tindak_lanjut": STATUS_TINDAK_LANJUT,
    }),
    main_sheet="lampiran1",
    rules=(
        rule("SPI-RISIKO-URUT", "error", "Kelompok tingkat risiko di Lampiran II harus berurutan: "
             "Sangat Tinggi, Tinggi, Sedang, Rendah.", order=TINGKAT_RISIKO),
        rule("SPI-MCP-ADA", "error", "Setiap baris Lampiran II harus punya Area Intervensi MCP."),
        rule("SPI-WAKTU-TERBACA", "error", "Waktu Pelaksanaan harus menyebut bulan dan tahun."),
        rule("SPI-WAKTU-TAHUN", "warning", "Waktu Pelaksanaan di luar tahun tindak lanjut (tahun SPI + 1)."),
        rule("SPI-PEMANTAUAN-RUJUKAN", "error", "No Kegiatan di Pemantauan harus ada di Lampiran I."),
        rule("SPI-REALISASI-TARGET", "warning", "Realisasi melebihi target."),
        rule("SPI-DUPLIKAT", "error", "Permasalahan dan kegiatan yang sama ditulis dua kali."),
        rule("SPI-NO-URUT", "warning", "Nomor dalam satu kelompok harus berurutan mulai 1."),
    ),
    instructions=(
        "Isi sheet Identitas; Tahun adalah tahun pelaksanaan rencana aksi (tahun SPI + 1).",
        "Lampiran I: satu baris per permasalahan hasil SPI, dengan kegiatan, tujuan, output, "
        "kriteria dan ukuran keberhasilan, penanggung jawab, dan waktu pelaksanaan (mis. Mei 2024).",
        "Lampiran II: rekomendasi KPK dikelompokkan per tingkat risiko (Sangat Tinggi, Tinggi, Sedang, "
        "Rendah) dengan area intervensi MCP pada setiap baris.",
        "Pemantauan: catat progres setiap kegiatan Lampiran I; untuk ukuran berupa persentase isi "
        "Target dan Realisasi (jumlah).",
    ),
)
