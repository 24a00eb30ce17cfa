"""``register-gratifikasi``: gifts received by employees, classified allowed or must-report (seed 003).

Seed 003 (``003_95f3c2ec03b2c94d.txt``), ITBAN KHUSUS, *Gratifikasi*: "Apa saja gratifikasi
yang boleh diterima ?" (sixteen categories, three with rupiah limits), "Apa saja gratifikasi
yang tidak boleh diterima ?" (thirteen duty-related situations) and "Kemana saya bisa
melaporkan ...?" (UPG at the provincial inspectorate, or KPK through the GOL application).
The categories below are the seed's, shortened to fit a dropdown; the limits are in
``toolkit/data/rules/gratifikasi.yaml`` and the logic in ``toolkit.inspectorate.gifts``.
"""

from __future__ import annotations

from types import MappingProxyType

from toolkit.indonesian import EXCEL_DATE_FORMAT
from toolkit.schemas.common import COMMON_LISTS, identitas_with
from toolkit.schemas.model import Column, ColumnType, SheetSpec, WorkbookSchema, rule

T = ColumnType

# Relation of the giver to the receiver.
REKAN_KERJA = "Rekan Kerja"
HUBUNGAN: tuple[str, ...] = (
    REKAN_KERJA, "Keluarga", "Teman/Kerabat", "Masyarakat Pengguna Layanan", "Penyedia Barang/Jasa",
    "Pihak yang Diperiksa/Diawasi", "Instansi Pemerintah", "Lainnya",
)
# Relations that by themselves mean a conflict of interest (seed 003: gifts "terkait dengan pemberian
# layanan pada masyarakat", "... pemeriksaan, audit, monitoring dan evaluasi", "... pengadaan barang
# dan jasa" may not be accepted).
HUBUNGAN_KONFLIK: tuple[str, ...] = (
    "Masyarakat Pengguna Layanan", "Penyedia Barang/Jasa", "Pihak yang Diperiksa/Diawasi",
)

# Occasions: the seed's categories of allowed gifts, then the duty-related ones.
UPACARA = "Pernikahan/Kelahiran/Upacara Adat atau Agama"
MUSIBAH = "Musibah/Bencana"
REKAN_ACARA = "Pisah Sambut/Pensiun/Mutasi/Ulang Tahun"
REKAN_BIASA = "Pemberian Antar Rekan Kerja"
SEMINAR = "Perlengkapan Seminar/Pelatihan"
PROMOSI = "Alat Promosi/Sosialisasi"
LOMBA = "Hadiah Lomba (Biaya Sendiri)"
PENGHARGAAN = "Penghargaan dari Pemerintah"
UMUM = "Diskon/Voucher/Undian Berlaku Umum"
HONOR_STANDAR = "Honorarium sesuai Standar Biaya"
INVESTASI = "Keuntungan Investasi/Koperasi"
PROFESI = "Kompensasi Profesi di Luar Kedinasan"
HIDANGAN = "Hidangan Berlaku Umum"
CENDERAMATA_INSTANSI = "Cendera Mata/Plakat untuk Instansi"
KEDINASAN = "Terkait Tugas/Layanan Kedinasan"
LAINNYA = "Lainnya"
ACARA: tuple[str, ...] = (
    UPACARA, MUSIBAH, REKAN_ACARA, REKAN_BIASA, SEMINAR, PROMOSI, LOMBA, PENGHARGAAN, UMUM,
    HONOR_STANDAR, INVESTASI, PROFESI, HIDANGAN, CENDERAMATA_INSTANSI, KEDINASAN, LAINNYA,
)
ACARA_ALIASES: dict[str, str] = {
    "Pernikahan": UPACARA, "Pertunangan": UPACARA, "Kelahiran": UPACARA, "Aqiqah": UPACARA,
    "Khitanan": UPACARA, "Baptis": UPACARA, "Potong Gigi": UPACARA, "Upacara Adat": UPACARA,
    "Pisah Sambut": REKAN_ACARA, "Pensiun": REKAN_ACARA, "Mutasi Jabatan": REKAN_ACARA,
    "Ulang Tahun": REKAN_ACARA, "Musibah": MUSIBAH, "Bencana": MUSIBAH, "Seminar": SEMINAR,
    "Pelatihan": SEMINAR, "Workshop": SEMINAR, "Pengadaan Barang dan Jasa": KEDINASAN,
    "Kunjungan Dinas": KEDINASAN, "Perjalanan Dinas": KEDINASAN, "Pemeriksaan/Audit": KEDINASAN,
    "Pelayanan Masyarakat": KEDINASAN,
}

UANG = "Uang/Alat Tukar"
BENTUK: tuple[str, ...] = (
    UANG, "Barang", "Karangan Bunga", "Makanan/Hidangan", "Voucher/Kupon", "Fasilitas/Tiket/Penginapan",
    "Diskon/Rabat", "Lainnya",
)
BENTUK_ALIASES: dict[str, str] = {"Uang": UANG, "Uang Tunai": UANG, "Transfer": UANG, "Voucher": "Voucher/Kupon"}
SALURAN: tuple[str, ...] = ("UPG Inspektorat", "KPK (GOL)")

GRATIFIKASI = SheetSpec(
    key="gratifikasi",
    name="Register Gratifikasi",
    title="REGISTER PENERIMAAN GRATIFIKASI",
    description="Satu baris per pemberian yang diterima pegawai: tanggal, penerima, pemberi, hubungan, "
                "acara, bentuk, nilai, dan pelaporannya.",
    columns=(
        Column("no", "No", T.INTEGER, required=True, width=5),
        Column("tanggal", "Tanggal Diterima", T.DATE, required=True, width=14, number_format=EXCEL_DATE_FORMAT,
               aliases=("Tanggal Terima", "Tanggal")),
        Column("penerima", "Nama Penerima", T.TEXT, required=True, width=22, aliases=("Penerima",)),
        Column("nip_penerima", "NIP Penerima", T.NIP, width=20),
        Column("pemberi", "Nama Pemberi", T.TEXT, required=True, width=22, aliases=("Pemberi",)),
        Column("hubungan", "Hubungan dengan Pemberi", T.CHOICE, required=True, width=20, list_name="hubungan",
               aliases=("Hubungan",)),
        Column("terkait_kedinasan", "Terkait Kedinasan", T.YES_NO, required=True, width=10,
               help="Ya bila pemberian berhubungan dengan jabatan/tugas penerima"),
        Column("acara", "Acara/Kesempatan", T.CHOICE, required=True, width=30, list_name="acara",
               aliases=("Acara", "Kesempatan"), help="Kategori pemberian menurut FAQ Inspektorat (seed 003)"),
        Column("bentuk", "Bentuk Pemberian", T.CHOICE, required=True, width=18, list_name="bentuk",
               aliases=("Bentuk",)),
        Column("uraian", "Uraian Pemberian", T.LONG_TEXT, width=28),
        Column("nilai", "Nilai (Rp)", T.MONEY, required=True, width=13, minimum=0, number_format="#,##0",
               aliases=("Nilai", "Perkiraan Nilai (Rp)")),
        Column("konflik", "Ada Konflik Kepentingan", T.YES_NO, width=10,
               help="Ya bila pemberi berkepentingan dengan keputusan/tugas penerima"),
        Column("dilaporkan", "Sudah Dilaporkan", T.YES_NO, width=10),
        Column("tanggal_lapor", "Tanggal Lapor", T.DATE, width=14, number_format=EXCEL_DATE_FORMAT),
        Column("saluran", "Dilaporkan Melalui", T.CHOICE, width=16, list_name="saluran_lapor"),
        Column("keterangan", "Keterangan", T.LONG_TEXT, width=26),
    ),
    key_columns=("no",),
    freeze_columns=3,
)

SCHEMA = WorkbookSchema(
    kind="register-gratifikasi",
    version="1.0",
    title="Register Penerimaan Gratifikasi",
    description="Daftar pemberian yang diterima pegawai, dengan penggolongan boleh diterima atau wajib "
                "dilaporkan (FAQ Inspektorat, seed 003 ITBAN KHUSUS).",
    seed="003_95f3c2ec03b2c94d.txt",
    sheets=(GRATIFIKASI,),
    identitas=identitas_with(),
    lists=MappingProxyType({
        **COMMON_LISTS,
        "hubungan": HUBUNGAN,
        "acara": ACARA,
        "bentuk": BENTUK,
        "saluran_lapor": SALURAN,
    }),
    main_sheet="gratifikasi",
    choice_aliases=MappingProxyType({
        "acara": MappingProxyType(ACARA_ALIASES),
        "bentuk": MappingProxyType(BENTUK_ALIASES),
    }),
    rules=(
        rule("GRAT-WAJIB-LAPOR", "warning", "Gratifikasi wajib dilaporkan dan belum dilaporkan; batas waktu "
             "belum lewat."),
        rule("GRAT-TERLAMBAT", "error", "Gratifikasi wajib dilaporkan, belum dilaporkan, dan batas waktunya "
             "sudah lewat."),
        rule("GRAT-LAPOR-TERLAMBAT", "warning", "Gratifikasi dilaporkan setelah batas waktu."),
        rule("GRAT-LAPOR-TIDAK-LENGKAP", "warning", "Sudah Dilaporkan = Ya tetapi tanggal lapor atau saluran "
             "kosong."),
        rule("GRAT-TAHUN", "warning", "Tanggal diterima di luar Tahun pada sheet Identitas."),
    ),
    instructions=(
        "Isi sheet Identitas (unit kerja, tahun, kepala unit). Tanggal Pengisian dipakai sebagai tanggal "
        "acuan batas waktu pelaporan.",
        "Sheet Register Gratifikasi: satu baris per pemberian yang diterima, termasuk yang boleh diterima. "
        "Pilih Hubungan, Acara/Kesempatan dan Bentuk dari daftar; isi perkiraan nilai dalam rupiah.",
        "Batas yang boleh diterima (seed 003): pernikahan/kelahiran/upacara adat atau agama Rp1.000.000 setiap "
        "pemberi; antar rekan kerja untuk pisah sambut/pensiun/mutasi/ulang tahun Rp300.000 per pemberian; "
        "antar rekan kerja tidak terkait kedinasan Rp200.000 per pemberian; dari rekan kerja yang sama paling "
        "banyak Rp1.000.000 setahun; antar rekan kerja tidak boleh berupa uang.",
        "Gratifikasi yang wajib dilaporkan disampaikan melalui UPG Inspektorat atau ke KPK melalui aplikasi "
        "GOL (Gratifikasi On Line), paling lambat 30 hari kerja sejak diterima.",
        "Periksa dengan: integritas inspektorat gratifikasi NAMA_FILE.xlsx",
    ),
)
