"""``bos-transaksi``: BOS school-fund spending with the taxes the treasurer must withhold (seed 003).

Seed 003 (``003_95f3c2ec03b2c94d.txt``), ITBAN I, answers four questions this kind checks:

* "Jenis pajak apa saja yang harus dipotong/dipungut ... oleh Bendahara BOS" — PPh 21, PPh 23,
  PPN and PPh 4(2) by kind of spending (rates in ``toolkit/data/rules/pajak_bos.yaml``);
* "Apakah boleh pengurus komite sekolah disediakan honor ... dari dana BOS ?" — "Tidak boleh";
* "Bolehkah Kasubag Tata Usaha Sekolah merangkap menjadi Bendahara BOS ?" — "Tidak boleh"
  (so Identitas names both the treasurer and the head of administration);
* "Apakah dana BOS dapat digunakan untuk membangun fisik ...?" — "Dana BOS tidak diperbolehkan
  untuk membangun fisik" (maintenance, *pemeliharaan*, is allowed).

The treasurer may record the taxes actually withheld; the toolkit computes them and flags
differences (``BOS-PAJAK-SELISIH``).
"""

from __future__ import annotations

from types import MappingProxyType

from toolkit.indonesian import EXCEL_DATE_FORMAT
from toolkit.schemas.common import COMMON_LISTS, identitas_with
from toolkit.schemas.model import Column, ColumnType, IdentitasField, SheetSpec, WorkbookSchema, rule

T = ColumnType

# Kinds of spending, each mapped to its taxes in toolkit.inspectorate.taxes (seed 003 ITBAN I).
HONORARIUM = "Honorarium Kegiatan"
RUTIN = "Penghasilan Rutin"
BARANG = "Belanja Barang"
JASA = "Jasa"
CATERING = "Makan Minum/Catering"
KONSTRUKSI_PELAKSANA = "Jasa Konstruksi - Pelaksana"
KONSTRUKSI_PERENCANA = "Jasa Konstruksi - Perencana/Pengawas"
KONSTRUKSI_TERINTEGRASI = "Jasa Konstruksi - Terintegrasi"  # PP 9/2022; not in seed 003
SEWA = "Sewa Tanah/Bangunan"
HADIAH = "Hadiah Undian"
FISIK = "Pembangunan Fisik"
LAINNYA = "Lainnya"

JENIS_BELANJA: tuple[str, ...] = (
    HONORARIUM, RUTIN, BARANG, JASA, CATERING, KONSTRUKSI_PELAKSANA, KONSTRUKSI_PERENCANA,
    KONSTRUKSI_TERINTEGRASI, SEWA, HADIAH, FISIK, LAINNYA,
)
JENIS_BELANJA_ALIASES: dict[str, str] = {
    "Honor Narasumber": HONORARIUM,
    "Honorarium": HONORARIUM,
    "Honor": HONORARIUM,
    "Gaji/Honor Bulanan": RUTIN,
    "Barang": BARANG,
    "Jasa Servis/Pemeliharaan": JASA,
    "Catering": CATERING,
    "Makan Minum": CATERING,
    "Konstruksi - Pelaksana": KONSTRUKSI_PELAKSANA,
    "Konstruksi - Perencana/Pengawas": KONSTRUKSI_PERENCANA,
    "Sewa Tanah Bangunan": SEWA,
    "Sewa Bangunan": SEWA,
}

PNS_GOL = ("PNS Golongan I", "PNS Golongan II", "PNS Golongan III", "PNS Golongan IV")
NON_PNS = "Non PNS"
BADAN_USAHA = "Badan Usaha/Toko"
STATUS_PENERIMA: tuple[str, ...] = (*PNS_GOL, NON_PNS, BADAN_USAHA)
STATUS_ALIASES: dict[str, str] = {
    "PNS Gol I": "PNS Golongan I", "PNS Gol II": "PNS Golongan II",
    "PNS Gol III": "PNS Golongan III", "PNS Gol IV": "PNS Golongan IV",
    "Gol I": "PNS Golongan I", "Gol II": "PNS Golongan II",
    "Gol III": "PNS Golongan III", "Gol IV": "PNS Golongan IV",
    "Non-PNS": NON_PNS, "Honorer": NON_PNS, "Badan Usaha": BADAN_USAHA, "Toko": BADAN_USAHA,
    "CV": BADAN_USAHA, "PT": BADAN_USAHA,
}
KUALIFIKASI: tuple[str, ...] = ("Kecil", "Menengah", "Besar", "Tidak Ada")

TRANSAKSI = SheetSpec(
    key="transaksi",
    name="Transaksi BOS",
    title="BUKU TRANSAKSI BELANJA DANA BOS DAN PAJAKNYA",
    description="Satu baris per transaksi: tanggal, uraian, jenis belanja, penerima dan statusnya, NPWP, "
                "kualifikasi konstruksi, nilai bruto, dan pajak yang dipotong/dipungut bendahara.",
    columns=(
        Column("no", "No", T.INTEGER, required=True, width=5),
        Column("tanggal", "Tanggal", T.DATE, required=True, width=14, number_format=EXCEL_DATE_FORMAT),
        Column("no_bukti", "No Bukti", T.TEXT, width=12, aliases=("Nomor Bukti", "No Kuitansi")),
        Column("uraian", "Uraian", T.LONG_TEXT, required=True, width=38),
        Column("jenis_belanja", "Jenis Belanja", T.CHOICE, required=True, width=24, list_name="jenis_belanja",
               help="Menentukan pajaknya (seed 003 ITBAN I)"),
        Column("penerima", "Penerima", T.TEXT, required=True, width=24, aliases=("Nama Penerima",)),
        Column("status_penerima", "Status Penerima", T.CHOICE, required=True, width=18,
               list_name="status_penerima", help="PNS dengan golongan I-IV, Non PNS, atau Badan Usaha/Toko"),
        Column("npwp", "Punya NPWP", T.YES_NO, width=9, aliases=("NPWP",),
               help="Ya/Tidak. Tanpa NPWP tarif PPh 21 non-PNS 6% dan PPh 23 4%"),
        Column("kualifikasi", "Kualifikasi Konstruksi", T.CHOICE, width=14, list_name="kualifikasi",
               aliases=("Kualifikasi Usaha",), help="Wajib untuk jasa konstruksi: Kecil, Menengah, Besar, Tidak Ada"),
        Column("komite", "Pengurus Komite Sekolah", T.YES_NO, width=10, aliases=("Komite Sekolah",),
               help="Ya bila penerima pengurus komite sekolah (tidak boleh diberi honor dari BOS)"),
        Column("nilai_bruto", "Nilai Bruto (Rp)", T.MONEY, required=True, width=15, minimum=0,
               aliases=("Nilai Bruto", "Jumlah (Rp)", "Nilai (Rp)"), number_format="#,##0"),
        Column("termasuk_ppn", "Termasuk PPN", T.YES_NO, width=9,
               help="Ya bila nilai bruto sudah termasuk PPN (harga kuitansi)"),
        Column("pph21_dicatat", "PPh 21 Dipotong (Rp)", T.MONEY, width=13, minimum=0, number_format="#,##0"),
        Column("pph23_dicatat", "PPh 23 Dipotong (Rp)", T.MONEY, width=13, minimum=0, number_format="#,##0"),
        Column("pph4_2_dicatat", "PPh 4(2) Dipotong (Rp)", T.MONEY, width=13, minimum=0, number_format="#,##0",
               aliases=("PPh 4 ayat 2 Dipotong (Rp)", "PPh Final Dipotong (Rp)")),
        Column("ppn_dicatat", "PPN Dipungut (Rp)", T.MONEY, width=13, minimum=0, number_format="#,##0"),
        Column("keterangan", "Keterangan", T.LONG_TEXT, width=28),
    ),
    key_columns=("no",),
    freeze_columns=2,
)

SCHEMA = WorkbookSchema(
    kind="bos-transaksi",
    version="1.0",
    title="Transaksi Belanja Dana BOS",
    description="Buku transaksi dana BOS sekolah: pajak yang wajib dipotong/dipungut bendahara dan "
                "larangan penggunaan dana BOS (FAQ Inspektorat, seed 003 ITBAN I).",
    seed="003_95f3c2ec03b2c94d.txt",
    sheets=(TRANSAKSI,),
    identitas=identitas_with(
        IdentitasField("npsn", "NPSN", required=False, help="Nomor Pokok Sekolah Nasional"),
        IdentitasField("bendahara_nama", "Nama Bendahara BOS", aliases=("Nama Bendahara",)),
        IdentitasField("bendahara_nip", "NIP Bendahara BOS", ColumnType.NIP, required=False,
                       aliases=("NIP Bendahara",), help="18 angka bila PNS"),
        IdentitasField("kasubag_tu_nama", "Nama Kepala Tata Usaha",
                       aliases=("Nama Kasubag TU", "Nama Kepala Sub Bagian Tata Usaha", "Nama Kepala TU"),
                       help="Kasubag Tata Usaha sekolah (Pejabat Penatausahaan Keuangan); tidak boleh "
                            "merangkap Bendahara BOS"),
        IdentitasField("kasubag_tu_nip", "NIP Kepala Tata Usaha", ColumnType.NIP, required=False,
                       aliases=("NIP Kasubag TU",)),
    ),
    lists=MappingProxyType({
        **COMMON_LISTS,
        "jenis_belanja": JENIS_BELANJA,
        "status_penerima": STATUS_PENERIMA,
        "kualifikasi": KUALIFIKASI,
    }),
    main_sheet="transaksi",
    choice_aliases=MappingProxyType({
        "jenis_belanja": MappingProxyType(JENIS_BELANJA_ALIASES),
        "status_penerima": MappingProxyType(STATUS_ALIASES),
    }),
    rules=(
        rule("BOS-PAJAK-SELISIH", "error", "Pajak yang dicatat berbeda dengan perhitungan menurut tarif seed 003."),
        rule("BOS-FISIK", "error", "Dana BOS tidak boleh untuk membangun fisik (seed 003 ITBAN I)."),
        rule("BOS-FISIK-URAIAN", "warning", "Uraian menyebut pembangunan fisik; pastikan hanya pemeliharaan."),
        rule("BOS-HONOR-KOMITE", "error", "Pengurus komite sekolah tidak boleh diberi honor dari dana BOS "
             "(seed 003 ITBAN I)."),
        rule("BOS-BENDAHARA-TU", "error", "Kasubag Tata Usaha tidak boleh merangkap Bendahara BOS "
             "(seed 003 ITBAN I)."),
        rule("BOS-NPWP-KOSONG", "warning", "NPWP tidak diisi pada transaksi yang tarifnya bergantung NPWP; "
             "dihitung dengan tarif tanpa NPWP."),
        rule("BOS-KUALIFIKASI-KOSONG", "warning", "Jasa konstruksi tanpa kualifikasi; dihitung dengan tarif "
             "'tidak memiliki kualifikasi'."),
        rule("BOS-STATUS-PENERIMA", "error", "Status penerima tidak cocok dengan jenis belanja "
             "(honorarium harus kepada PNS bergolongan atau Non PNS)."),
        rule("BOS-TARIF-TIDAK-ADA", "error", "Tidak ada tarif yang berlaku pada tanggal transaksi di file aturan."),
        rule("BOS-TAHUN", "warning", "Tanggal transaksi di luar Tahun pada sheet Identitas."),
    ),
    instructions=(
        "Isi sheet Identitas: nama sekolah (Nama Unit Kerja), NPSN, Nama Bendahara BOS dan Nama Kepala Tata "
        "Usaha. Kasubag Tata Usaha tidak boleh merangkap Bendahara BOS.",
        "Sheet Transaksi BOS: satu baris per transaksi/kuitansi. Jenis Belanja menentukan pajaknya: "
        "honorarium (PPh 21), jasa dan catering (PPh 23), jasa konstruksi, sewa tanah/bangunan dan hadiah "
        "undian (PPh 4 ayat 2), barang dan jasa (PPN).",
        "Status Penerima: PNS dengan golongannya (tarif PPh 21 final 0%/5%/15%), Non PNS (5%, 6% tanpa "
        "NPWP), atau Badan Usaha/Toko. Isi Punya NPWP untuk setiap penerima.",
        "Dana BOS tidak boleh untuk pembangunan fisik (hanya pemeliharaan) dan tidak boleh untuk honor "
        "pengurus komite sekolah.",
        "Kolom PPh/PPN Dipotong diisi dengan pajak yang benar-benar dipotong; toolkit membandingkannya "
        "dengan perhitungan: integritas inspektorat pajak NAMA_FILE.xlsx",
    ),
)
