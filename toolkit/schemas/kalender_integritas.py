"""``kalender-integritas``: standardised integrity activities (seed 000, ToR bagian III).

The calendar holds the activities a Kanwil or KPPN must hold, each with its minimum
frequency per period ("Min 1x" per Minggu…), PIC/Pemateri, media, participants and
material; *Materi Tematik* holds the themes per month or quarter that the ToR
prescribes ("Integritas seorang Pemimpin (Februari)"); *Realisasi* logs what was
actually held.
"""

from __future__ import annotations

from types import MappingProxyType

from toolkit.indonesian import EXCEL_DATE_FORMAT, MONTHS_FULL, QUARTERS
from toolkit.schemas.common import COMMON_LISTS, identitas_with
from toolkit.schemas.model import Column, ColumnType, SheetSpec, WorkbookSchema, rule

T = ColumnType

KELOMPOK: tuple[str, ...] = ("Internal", "Eksternal", "Strategi Komunikasi")
SATUAN_PERIODE: tuple[str, ...] = ("Hari", "Minggu", "Bulan", "Triwulan", "Semester", "Tahunan")
PERIODE_TEMA: tuple[str, ...] = (*MONTHS_FULL, *QUARTERS)

KALENDER = SheetSpec(
    key="kalender",
    name="Kalender",
    title="STANDARDISASI KEGIATAN PENGUATAN INTEGRITAS",
    description="Satu baris per kegiatan standar: kelompok, momen, frekuensi minimum, satuan, PIC, "
                "media, peserta, injeksi materi.",
    columns=(
        Column("kelompok", "Kelompok", T.CHOICE, required=True, width=16, list_name="kelompok", fill_down=True,
               help="Internal, Eksternal, atau Strategi Komunikasi"),
        Column("no", "No", T.INTEGER, required=True, width=5),
        Column("momen", "Momen Kegiatan", T.LONG_TEXT, required=True, width=34,
               aliases=("Moment Kegiatan", "Substansi Penguatan")),
        Column("frekuensi", "Frekuensi", T.FREQUENCY, required=True, width=10, aliases=("Frek",),
               help="Mis. Min 1x, Min 2x, atau 1x"),
        Column("satuan", "Satuan", T.CHOICE, required=True, width=11, list_name="satuan_periode"),
        Column("pic", "PIC/Pemateri", T.TEXT, required=True, width=28, aliases=("PIC",)),
        Column("media", "Media", T.TEXT, width=18),
        Column("peserta", "Peserta", T.TEXT, width=22, aliases=("Target Konten/Viewer",)),
        Column("injeksi_materi", "Injeksi Materi", T.LONG_TEXT, width=50, aliases=("Materi Konten",)),
    ),
    key_columns=("kelompok", "momen"),
    freeze_columns=3,
)

MATERI_TEMATIK = SheetSpec(
    key="tema",
    name="Materi Tematik",
    title="MATERI TEMATIK PER BULAN / TRIWULAN",
    description="Tema yang wajib disampaikan pada bulan atau triwulan tertentu, per kegiatan.",
    columns=(
        Column("kelompok", "Kelompok", T.CHOICE, required=True, width=16, list_name="kelompok", fill_down=True),
        Column("no_kegiatan", "No Kegiatan", T.INTEGER, required=True, width=8, fill_down=True,
               help="Nomor kegiatan di sheet Kalender (dalam kelompok yang sama)"),
        Column("periode", "Bulan/Triwulan", T.CHOICE, required=True, width=14, list_name="periode_tema"),
        Column("tema", "Tema Materi", T.LONG_TEXT, required=True, width=60),
    ),
    key_columns=("kelompok", "no_kegiatan", "periode"),
    required_rows=False,
    freeze_columns=2,
)

REALISASI = SheetSpec(
    key="realisasi",
    name="Realisasi",
    title="LOG REALISASI KEGIATAN PENGUATAN INTEGRITAS",
    description="Satu baris per pelaksanaan kegiatan.",
    columns=(
        Column("tanggal", "Tanggal", T.DATE, required=True, width=14, number_format=EXCEL_DATE_FORMAT),
        Column("kelompok", "Kelompok", T.CHOICE, required=True, width=16, list_name="kelompok"),
        Column("no_kegiatan", "No Kegiatan", T.INTEGER, required=True, width=8),
        Column("momen", "Momen Kegiatan", T.TEXT, width=30, help="Boleh dikosongkan; diambil dari Kalender"),
        Column("jumlah_peserta", "Jumlah Peserta", T.INTEGER, width=10, minimum=0),
        Column("materi", "Materi Disampaikan", T.LONG_TEXT, width=45),
        Column("bukti", "Bukti", T.LONG_TEXT, width=30, help="Nama file daftar hadir, foto, materi"),
        Column("keterangan", "Keterangan", T.LONG_TEXT, width=25),
    ),
    key_columns=("tanggal", "kelompok", "no_kegiatan"),
    required_rows=False,
    freeze_columns=1,
)

SCHEMA = WorkbookSchema(
    kind="kalender-integritas",
    version="1.0",
    title="Kalender Kegiatan Penguatan Integritas",
    description="Standardisasi kegiatan penguatan integritas (Kanwil/KPPN) dan log realisasinya.",
    seed="000_fb1e3ab22c2abff1.txt",
    sheets=(KALENDER, MATERI_TEMATIK, REALISASI),
    identitas=identitas_with(),
    lists=MappingProxyType({
        **COMMON_LISTS,
        "kelompok": KELOMPOK,
        "satuan_periode": SATUAN_PERIODE,
        "periode_tema": PERIODE_TEMA,
    }),
    main_sheet="realisasi",
    rules=(
        rule("KAL-FREKUENSI", "error", "Frekuensi harus berbentuk \"Min 1x\", \"Min 2x\" atau \"1x\"."),
        rule("KAL-REALISASI-RUJUKAN", "error", "Kelompok dan No Kegiatan di Realisasi harus ada di Kalender."),
        rule("KAL-TEMA-RUJUKAN", "error", "Kelompok dan No Kegiatan di Materi Tematik harus ada di Kalender."),
        rule("KAL-TEMA-SATUAN", "warning", "Tema per triwulan untuk kegiatan triwulanan, per bulan untuk bulanan."),
        rule("KAL-REALISASI-TAHUN", "error", "Tanggal realisasi harus dalam tahun Identitas."),
        rule("KAL-REALISASI-MASA-DEPAN", "error", "Tanggal realisasi tidak boleh setelah tanggal pengisian."),
        rule("KAL-REALISASI-BUKTI", "warning", "Setiap realisasi sebaiknya menyebut bukti (daftar hadir, foto)."),
        rule("KAL-DUPLIKAT", "error", "Kegiatan yang sama ditulis dua kali dalam kelompok yang sama."),
    ),
    instructions=(
        "Isi sheet Identitas; Jenis Unit menentukan kalender standar (Kanwil atau KPPN).",
        "Kalender: kegiatan standar per kelompok (Internal, Eksternal, Strategi Komunikasi) dengan "
        "frekuensi minimum (Min 1x, Min 2x, 1x) per satuan (Hari, Minggu, Bulan, Triwulan, Semester, Tahunan).",
        "Materi Tematik: tema wajib per bulan atau triwulan, mis. Integritas seorang Pemimpin (Februari).",
        "Realisasi: satu baris setiap kali kegiatan dilaksanakan, dengan tanggal, jumlah peserta, materi "
        "dan nama file bukti (daftar hadir, foto, materi).",
    ),
)
