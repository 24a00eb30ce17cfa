"""``register-risiko``: the risk register (RR) and control plan (RTP) of seed 003.

Seed 003 (``003_95f3c2ec03b2c94d.txt``), "Apa itu Register Risiko (RR) dan Rencana Tindak
Pengendalian (RTP) ?" (Pergub NTB 75/2022): risks fall in three categories ("Risiko strategis
pemerintah daerah", "Risiko strategis perangkat daerah", "Risiko operasional"); the RR lists
"Pernyataan risiko, Kode risiko, Pemilik risiko, Penyebab risiko, Sumber risiko, Sifat penyebab
risiko apakah dapat dikendalikan (controllable) atau tidak dapat dikendalikan (uncontrollable)
oleh pemilik risiko, Dampak risiko"; the RTP is needed "guna mengatasi kelemahan lingkungan
pengendalian intern dan mengatasi risiko prioritas yang sudah teridentifikasi".

Likelihood and impact scores (1–5) and the level bands are not in the seed; they are data in
``toolkit/data/rules/risiko.yaml`` (see ``toolkit.inspectorate.risk``).
"""

from __future__ import annotations

from types import MappingProxyType

from toolkit.schemas.common import COMMON_LISTS, identitas_with
from toolkit.schemas.model import Column, ColumnType, IdentitasField, SheetSpec, WorkbookSchema, rule

T = ColumnType

KATEGORI_RISIKO: tuple[str, ...] = (
    "Risiko Strategis Pemerintah Daerah", "Risiko Strategis Perangkat Daerah", "Risiko Operasional",
)
SUMBER_RISIKO: tuple[str, ...] = ("Internal", "Eksternal")
CONTROLLABLE = "Dapat Dikendalikan"
SIFAT_PENYEBAB: tuple[str, ...] = (CONTROLLABLE, "Tidak Dapat Dikendalikan")
SIFAT_ALIASES: dict[str, str] = {
    "Controllable": CONTROLLABLE, "C": CONTROLLABLE,
    "Uncontrollable": "Tidak Dapat Dikendalikan", "UC": "Tidak Dapat Dikendalikan",
}
LEVEL_RISIKO: tuple[str, ...] = ("Sangat Rendah", "Rendah", "Sedang", "Tinggi", "Sangat Tinggi")
STATUS_RTP: tuple[str, ...] = ("Belum Dilaksanakan", "Dalam Proses", "Selesai")

REGISTER = SheetSpec(
    key="register",
    name="Register Risiko",
    title="REGISTER RISIKO (RR)",
    description="Satu baris per risiko: kode, kategori, pernyataan, pemilik, penyebab, sumber, sifat "
                "penyebab, dampak, serta skor kemungkinan dan dampak (1-5).",
    columns=(
        Column("no", "No", T.INTEGER, required=True, width=5),
        Column("kode", "Kode Risiko", T.TEXT, required=True, width=11),
        Column("kategori", "Kategori Risiko", T.CHOICE, required=True, width=22, list_name="kategori_risiko"),
        Column("pernyataan", "Pernyataan Risiko", T.LONG_TEXT, required=True, width=36),
        Column("pemilik", "Pemilik Risiko", T.TEXT, required=True, width=20),
        Column("penyebab", "Penyebab Risiko", T.LONG_TEXT, required=True, width=30),
        Column("sumber", "Sumber Risiko", T.CHOICE, required=True, width=11, list_name="sumber_risiko"),
        Column("sifat", "Sifat Penyebab", T.CHOICE, required=True, width=16, list_name="sifat_penyebab",
               aliases=("Controllable/Uncontrollable", "C/UC")),
        Column("dampak", "Dampak Risiko", T.LONG_TEXT, required=True, width=30),
        Column("pengendalian_ada", "Pengendalian yang Ada", T.LONG_TEXT, width=26,
               aliases=("Pengendalian yang Sudah Ada",)),
        Column("kemungkinan", "Skor Kemungkinan", T.INTEGER, required=True, width=11, minimum=1, maximum=5,
               aliases=("Kemungkinan", "Skor Kemungkinan (1-5)"), help="1 hampir tidak terjadi .. 5 hampir pasti"),
        Column("skor_dampak", "Skor Dampak", T.INTEGER, required=True, width=10, minimum=1, maximum=5,
               aliases=("Skor Dampak (1-5)",), help="1 tidak signifikan .. 5 sangat signifikan"),
        Column("skor", "Skor Risiko", T.INTEGER, width=9, minimum=1, maximum=25,
               help="Boleh dikosongkan; dihitung toolkit"),
        Column("level", "Level Risiko", T.CHOICE, width=13, list_name="level_risiko",
               help="Boleh dikosongkan; dihitung toolkit"),
    ),
    key_columns=("kode",),
    freeze_columns=2,
)

RTP = SheetSpec(
    key="rtp",
    name="RTP",
    title="RENCANA TINDAK PENGENDALIAN (RTP)",
    description="Satu baris per tindakan pengendalian untuk risiko prioritas (Kode Risiko merujuk ke "
                "Register Risiko).",
    columns=(
        Column("no", "No", T.INTEGER, required=True, width=5),
        Column("kode", "Kode Risiko", T.TEXT, required=True, width=11),
        Column("rencana", "Rencana Tindak Pengendalian", T.LONG_TEXT, required=True, width=42,
               aliases=("Rencana Tindak", "Kegiatan Pengendalian")),
        Column("penanggung_jawab", "Penanggung Jawab", T.TEXT, required=True, width=22, aliases=("PIC",)),
        Column("target_waktu", "Target Waktu", T.PERIOD, required=True, width=18,
               aliases=("Waktu Pelaksanaan",), help="Mis. Juni 2025; Triwulan III 2025"),
        Column("pemantauan", "Cara Pemantauan", T.LONG_TEXT, width=26,
               help="Bagaimana perbaikan dikomunikasikan dan dipantau"),
        Column("status", "Status", T.CHOICE, width=16, list_name="status_rtp"),
        Column("keterangan", "Keterangan", T.LONG_TEXT, width=24),
    ),
    key_columns=("kode", "rencana"),
    required_rows=False,
    freeze_columns=2,
)

SCHEMA = WorkbookSchema(
    kind="register-risiko",
    version="1.0",
    title="Register Risiko dan Rencana Tindak Pengendalian",
    description="Register Risiko (RR) dengan skor kemungkinan × dampak pada matriks 5×5 dan Rencana "
                "Tindak Pengendalian (RTP) untuk risiko prioritas (seed 003, Pergub NTB 75/2022).",
    seed="003_95f3c2ec03b2c94d.txt",
    sheets=(REGISTER, RTP),
    identitas=identitas_with(
        IdentitasField("sasaran", "Sasaran/Tujuan yang Dinilai", required=False,
                       help="Sasaran strategis atau tujuan kegiatan yang risikonya dinilai"),
    ),
    lists=MappingProxyType({
        **COMMON_LISTS,
        "kategori_risiko": KATEGORI_RISIKO,
        "sumber_risiko": SUMBER_RISIKO,
        "sifat_penyebab": SIFAT_PENYEBAB,
        "level_risiko": LEVEL_RISIKO,
        "status_rtp": STATUS_RTP,
    }),
    main_sheet="register",
    choice_aliases=MappingProxyType({"sifat_penyebab": MappingProxyType(SIFAT_ALIASES)}),
    rules=(
        rule("RISIKO-RTP-PRIORITAS", "error", "Risiko prioritas (level Tinggi atau Sangat Tinggi) belum punya RTP."),
        rule("RISIKO-RTP-RUJUKAN", "error", "Kode Risiko di RTP tidak ada di Register Risiko."),
        rule("RISIKO-LEVEL-SELISIH", "error", "Skor atau Level Risiko yang ditulis berbeda dengan hasil "
             "matriks kemungkinan × dampak."),
        rule("RISIKO-KODE-DUPLIKAT", "error", "Kode Risiko yang sama ditulis dua kali di Register Risiko."),
    ),
    instructions=(
        "Isi sheet Identitas (perangkat daerah/unit, tahun, kepala unit) dan sasaran yang dinilai risikonya.",
        "Register Risiko: satu baris per risiko dengan kode unik, kategori (strategis pemerintah daerah, "
        "strategis perangkat daerah, operasional), pernyataan, pemilik, penyebab, sumber, sifat penyebab "
        "(dapat/tidak dapat dikendalikan) dan dampaknya.",
        "Beri Skor Kemungkinan dan Skor Dampak 1 sampai 5. Skor dan Level Risiko boleh dikosongkan; "
        "toolkit menghitungnya dari matriks 5×5.",
        "RTP: setiap risiko prioritas (level Tinggi dan Sangat Tinggi) wajib punya minimal satu rencana tindak "
        "pengendalian dengan penanggung jawab dan target waktu.",
        "Periksa dan buat peta risiko dengan: integritas inspektorat risiko NAMA_FILE.xlsx --salin",
    ),
)
