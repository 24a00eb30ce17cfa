"""Build the inspectorate samples (seed 003) with ``build_workbook``.

    python scripts/build_inspectorate_samples.py

Writes, for each of ``bos-transaksi``, ``register-gratifikasi`` and ``register-risiko``:

- ``samples/<kind>/<case>-valid.xlsx``: content built from the examples seed 003 itself gives
  (honor narasumber, servis/pemeliharaan, catering, ATK/komputer, paket data, pemeliharaan jamban,
  sewa bangunan, jasa konstruksi; the gift categories and limits; RR/RTP fields);
- ``samples/<kind>/<case>-invalid.xlsx``: the same with deliberate faults;
- ``samples/<kind>/<case>-invalid.faults.yaml``: each fault with its rule id, sheet and cell.

Recorded taxes in the BOS sample are written by hand (what a careful treasurer computes), not
by the toolkit, so the valid sample checks the computation rather than echoing it.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from toolkit.schemas import WorkbookSchema, get_schema
from toolkit.schemas.common import IDENTITAS_SHEET
from toolkit.workbook.cells import cell_address
from toolkit.workbook.template import build_workbook

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
D = dt.date

# --- BOS: SD Negeri 1 Mataram, 2025 (seed 003 ITBAN I examples) ------------------------------------

BOS_IDENTITAS = {
    "nama_unit": "SD Negeri 1 Mataram", "kode_unit": "SDN1-MTR", "jenis_unit": "Sekolah",
    "unit_induk": "Dinas Pendidikan Kota Mataram", "tahun": 2025, "periode": "Semester I",
    "tanggal_pengisian": D(2025, 6, 30), "kepala_nama": "Hj. Sri Wahyuni, S.Pd.",
    "kepala_nip": "197203151998032004", "kepala_jabatan": "Kepala Sekolah", "npsn": "50202471",
    "bendahara_nama": "Baiq Nurul Aini, S.Pd.", "bendahara_nip": "198804122019032008",
    "kasubag_tu_nama": "Lalu Ahmad Fauzi, S.E.", "kasubag_tu_nip": "197906232005011003",
}


def _t(no: int, tanggal: dt.date, uraian: str, jenis: str, penerima: str, status: str, bruto: int, *,
       npwp: str | None = "Ya", kualifikasi: str | None = None, komite: str | None = "Tidak",
       termasuk_ppn: str | None = "Tidak", pph21: int | None = None, pph23: int | None = None,
       pph4_2: int | None = None, ppn: int | None = None, bukti: str = "", ket: str = "") -> dict[str, Any]:
    return {"no": no, "tanggal": tanggal, "no_bukti": bukti or f"BKU-{no:03d}", "uraian": uraian,
            "jenis_belanja": jenis, "penerima": penerima, "status_penerima": status, "npwp": npwp,
            "kualifikasi": kualifikasi, "komite": komite, "nilai_bruto": bruto, "termasuk_ppn": termasuk_ppn,
            "pph21_dicatat": pph21, "pph23_dicatat": pph23, "pph4_2_dicatat": pph4_2, "ppn_dicatat": ppn,
            "keterangan": ket}


# 2025: PPN 12% × DPP 11/12 (ppn.yaml) = 11% of the price.
BOS_ROWS = [
    _t(1, D(2025, 1, 15), "Honor narasumber workshop kurikulum (PNS)", "Honorarium Kegiatan",
       "Drs. H. Muhammad Amin", "PNS Golongan IV", 1_000_000, pph21=150_000),
    _t(2, D(2025, 1, 15), "Honor narasumber workshop kurikulum (PNS)", "Honorarium Kegiatan",
       "Ni Made Suarti, S.Pd.", "PNS Golongan III", 750_000, pph21=37_500),
    _t(3, D(2025, 1, 15), "Honor panitia workshop kurikulum", "Honorarium Kegiatan", "Sahrul Gunawan",
       "PNS Golongan II", 300_000, pph21=0),
    _t(4, D(2025, 1, 20), "Honor narasumber literasi digital", "Honorarium Kegiatan", "Rina Marlina, M.Kom.",
       "Non PNS", 1_500_000, pph21=37_500),  # 5 % × 50 % bruto (PMK 168/2023)
    _t(5, D(2025, 1, 20), "Honor pelatih ekstrakurikuler pramuka", "Honorarium Kegiatan", "Zulkarnain",
       "Non PNS", 600_000, npwp="Tidak", pph21=18_000),  # 6 % × 50 % bruto
    _t(6, D(2025, 1, 31), "Honor guru honorer bulan Januari", "Penghasilan Rutin", "Dewi Anggraini, S.Pd.",
       "Non PNS", 2_500_000, pph21=0, ket="TER kategori A 0% s.d. Rp5.400.000 sebulan (PMK 168/2023)"),
    _t(7, D(2025, 2, 5), "Servis dan pemeliharaan AC ruang guru", "Jasa", "CV Sejuk Abadi", "Badan Usaha/Toko",
       2_000_000, pph23=40_000, ppn=220_000),
    _t(8, D(2025, 2, 10), "Penyediaan makan-minum rapat komite", "Makan Minum/Catering", "Warung Bu Sumiati",
       "Badan Usaha/Toko", 800_000, npwp="Tidak", pph23=32_000),
    _t(9, D(2025, 2, 12), "Pembelian ATK semester genap", "Belanja Barang", "Toko Buku Sinar Ilmu",
       "Badan Usaha/Toko", 1_110_000, termasuk_ppn="Ya", ppn=110_000),
    _t(10, D(2025, 3, 3), "Pembelian paket data/kuota internet guru (12 nomor, tanda terima per nomor)",
       "Belanja Barang", "PT Kuota Nusantara", "Badan Usaha/Toko", 1_500_000, ppn=165_000),
    _t(11, D(2025, 3, 10), "Pemeliharaan jamban/toilet siswa", "Jasa Konstruksi - Pelaksana", "CV Karya Lombok",
       "Badan Usaha/Toko", 10_000_000, kualifikasi="Kecil", pph4_2=175_000, ppn=1_100_000),
    _t(12, D(2025, 3, 12), "Sewa gedung untuk pentas seni akhir semester", "Sewa Tanah/Bangunan",
       "Gedung Serbaguna Mataram", "Badan Usaha/Toko", 5_000_000, pph4_2=500_000, ppn=550_000),
    _t(13, D(2025, 4, 15), "Jasa pengawas pemeliharaan ruang belajar", "Jasa Konstruksi - Perencana/Pengawas",
       "CV Tata Rancang", "Badan Usaha/Toko", 2_000_000, kualifikasi="Kecil", pph4_2=70_000, ppn=220_000),
    _t(14, D(2025, 5, 2), "Pembelian komputer untuk laboratorium", "Belanja Barang", "CV Data Prima",
       "Badan Usaha/Toko", 8_000_000, ppn=880_000),
]

# --- gifts: Inspektorat Provinsi NTB staff register, 2025 (seed 003 ITBAN KHUSUS) ------------------

GIFT_IDENTITAS = {
    "nama_unit": "Inspektorat Provinsi Nusa Tenggara Barat", "kode_unit": "ITPROV-NTB", "jenis_unit": "OPD",
    "unit_induk": "Pemerintah Provinsi NTB", "tahun": 2025, "periode": "Semester I",
    "tanggal_pengisian": D(2025, 6, 30), "kepala_nama": "Ibnu Salim, S.H., M.Si.",
    "kepala_nip": "196811041994031007", "kepala_jabatan": "Inspektur",
}


def _g(no: int, tanggal: dt.date, penerima: str, pemberi: str, hubungan: str, kedinasan: str, acara: str,
       bentuk: str, nilai: int, uraian: str, *, dilaporkan: str | None = None, tanggal_lapor: dt.date | None = None,
       saluran: str | None = None, konflik: str = "Tidak") -> dict[str, Any]:
    return {"no": no, "tanggal": tanggal, "penerima": penerima, "nip_penerima": None, "pemberi": pemberi,
            "hubungan": hubungan, "terkait_kedinasan": kedinasan, "acara": acara, "bentuk": bentuk,
            "uraian": uraian, "nilai": nilai, "konflik": konflik, "dilaporkan": dilaporkan,
            "tanggal_lapor": tanggal_lapor, "saluran": saluran, "keterangan": None}


UPACARA = "Pernikahan/Kelahiran/Upacara Adat atau Agama"
REKAN_ACARA = "Pisah Sambut/Pensiun/Mutasi/Ulang Tahun"
REKAN_BIASA = "Pemberian Antar Rekan Kerja"
GIFT_ROWS = [
    _g(1, D(2025, 2, 8), "Lalu Hamdani", "Sahabat lama (H. Rosyid)", "Teman/Kerabat", "Tidak", UPACARA,
       "Uang/Alat Tukar", 500_000, "Amplop pada resepsi pernikahan"),
    _g(2, D(2025, 2, 8), "Lalu Hamdani", "Keluarga besar Sasak", "Keluarga", "Tidak", UPACARA,
       "Karangan Bunga", 750_000, "Karangan bunga ucapan pernikahan"),
    _g(3, D(2025, 3, 14), "Baiq Rahmawati", "Made Sudarsana", "Rekan Kerja", "Tidak", REKAN_ACARA,
       "Barang", 300_000, "Kenang-kenangan pisah sambut (mutasi)"),
    _g(4, D(2025, 4, 21), "Baiq Rahmawati", "Made Sudarsana", "Rekan Kerja", "Tidak", REKAN_ACARA,
       "Barang", 250_000, "Kado ulang tahun"),
    _g(5, D(2025, 5, 6), "Baiq Rahmawati", "Made Sudarsana", "Rekan Kerja", "Tidak", REKAN_BIASA,
       "Barang", 150_000, "Oleh-oleh sepulang cuti"),
    _g(6, D(2025, 3, 20), "Lalu Hamdani", "Panitia Workshop SPIP BPKP", "Instansi Pemerintah", "Ya",
       "Perlengkapan Seminar/Pelatihan", "Barang", 350_000, "Tas dan modul peserta workshop"),
    _g(7, D(2025, 4, 9), "Baiq Rahmawati", "Dinas Kesehatan", "Instansi Pemerintah", "Ya",
       "Hidangan Berlaku Umum", "Makanan/Hidangan", 75_000, "Makan siang rapat koordinasi"),
    _g(8, D(2025, 5, 19), "Lalu Hamdani", "PT Bangun Rinjani (rekanan)", "Penyedia Barang/Jasa", "Ya",
       "Terkait Tugas/Layanan Kedinasan", "Uang/Alat Tukar", 2_000_000,
       "Ucapan terima kasih setelah pemeriksaan pengadaan", dilaporkan="Ya", tanggal_lapor=D(2025, 5, 26),
       saluran="KPK (GOL)"),
]

# --- risks: Dinas Pendidikan dan Kebudayaan Provinsi NTB, 2025 (seed 003 RR/RTP fields) --------------

RISK_IDENTITAS = {
    "nama_unit": "Dinas Pendidikan dan Kebudayaan Provinsi NTB", "kode_unit": "DIKBUD-NTB", "jenis_unit": "OPD",
    "unit_induk": "Pemerintah Provinsi NTB", "tahun": 2025, "periode": "Tahunan",
    "tanggal_pengisian": D(2025, 2, 28), "kepala_nama": "Dr. H. Aidy Furqan, M.Pd.",
    "kepala_nip": "197105121997031005", "kepala_jabatan": "Kepala Dinas",
    "sasaran": "Meningkatnya akuntabilitas pengelolaan dana BOS dan integritas aparatur",
}
OPS, SPD, SPEMDA = "Risiko Operasional", "Risiko Strategis Perangkat Daerah", "Risiko Strategis Pemerintah Daerah"
CTRL, UNCTRL = "Dapat Dikendalikan", "Tidak Dapat Dikendalikan"


def _r(no: int, kode: str, kategori: str, pernyataan: str, pemilik: str, penyebab: str, sumber: str, sifat: str,
       dampak: str, k: int, d: int, ada: str = "") -> dict[str, Any]:
    return {"no": no, "kode": kode, "kategori": kategori, "pernyataan": pernyataan, "pemilik": pemilik,
            "penyebab": penyebab, "sumber": sumber, "sifat": sifat, "dampak": dampak, "pengendalian_ada": ada,
            "kemungkinan": k, "skor_dampak": d, "skor": None, "level": None}


RISK_ROWS = [
    _r(1, "R01", SPD, "Dana BOS digunakan untuk pembangunan fisik yang tidak diperbolehkan", "Kepala Bidang SD",
       "Pemahaman juknis BOS kurang", "Internal", CTRL, "Temuan BPK dan pengembalian dana", 3, 4,
       "Sosialisasi juknis tahunan"),
    _r(2, "R02", OPS, "Pajak atas belanja BOS tidak dipotong/disetor sesuai tarif", "Kepala Sekolah",
       "Bendahara belum memahami tarif PPh 21/23/4(2) dan PPN", "Internal", CTRL,
       "Sanksi administrasi perpajakan", 4, 3),
    _r(3, "R03", OPS, "Kasubag TU merangkap Bendahara BOS sehingga fungsi verifikasi lemah", "Kepala Sekolah",
       "Keterbatasan pegawai administrasi", "Internal", CTRL, "Pembayaran tanpa verifikasi", 2, 4),
    _r(4, "R04", OPS, "Bukti pembelian paket data hanya notifikasi SMS/WA tanpa tanda terima",
       "Bendahara BOS", "Pembelian daring", "Internal", CTRL, "Pertanggungjawaban tidak akuntabel", 4, 2),
    _r(5, "R05", SPEMDA, "Pegawai menerima gratifikasi terkait pengadaan dan tidak melaporkannya", "Sekretaris Dinas",
       "Budaya pemberian ucapan terima kasih dari penyedia", "Eksternal", UNCTRL,
       "Tindak pidana korupsi dan turunnya indeks SPI", 3, 5),
    _r(6, "R06", OPS, "Penyedia tidak menyelesaikan pekerjaan sesuai kontrak (sisa di atas 10%)", "PPK",
       "Kemampuan penyedia kurang", "Eksternal", UNCTRL, "Pemutusan kontrak dan layanan tertunda", 2, 3),
    _r(7, "R07", OPS, "Target penggunaan produk dalam negeri (P3DN/TKDN) tidak tercapai", "PPK",
       "Katalog produk lokal terbatas", "Eksternal", UNCTRL, "Nilai pengawasan P3DN rendah", 2, 2),
    _r(8, "R08", SPD, "Laporan keuangan disajikan tidak sesuai Standar Akuntansi Pemerintahan", "Sekretaris Dinas",
       "Rekonsiliasi aset terlambat", "Internal", CTRL, "Opini laporan keuangan turun", 1, 5),
    _r(9, "R09", SPEMDA, "Pengaduan masyarakat (Dumas) tentang pungutan sekolah tidak ditindaklanjuti",
       "Kepala Dinas", "Kanal pengaduan belum terpadu", "Internal", CTRL,
       "Kepercayaan publik turun dan pungli berlanjut", 5, 4),
    _r(10, "R10", OPS, "Undangan rapat internal terlambat disampaikan", "Kepala Subbagian Umum",
       "Distribusi manual", "Internal", CTRL, "Rapat diundur", 1, 1),
]
RTP_ROWS = [
    {"no": 1, "kode": "R01", "rencana": "Verifikasi RKAS: tolak komponen pembangunan fisik sebelum pencairan",
     "penanggung_jawab": "Kepala Bidang SD", "target_waktu": "Maret 2025",
     "pemantauan": "Laporan verifikasi RKAS per triwulan", "status": "Dalam Proses"},
    {"no": 2, "kode": "R02", "rencana": "Bimbingan teknis perpajakan bendahara BOS dan uji petik bukti setor",
     "penanggung_jawab": "Kepala Sekolah", "target_waktu": "Triwulan II 2025",
     "pemantauan": "Rekap bukti setor pajak bulanan", "status": "Belum Dilaksanakan"},
    {"no": 3, "kode": "R05", "rencana": "Sosialisasi pelaporan gratifikasi ke UPG/GOL dan pakta integritas penyedia",
     "penanggung_jawab": "Sekretaris Dinas", "target_waktu": "April 2025",
     "pemantauan": "Register gratifikasi per semester", "status": "Dalam Proses"},
    {"no": 4, "kode": "R09", "rencana": "Bentuk kanal Dumas terpadu dan tindak lanjuti setiap aduan paling lama 14 hari",
     "penanggung_jawab": "Kepala Dinas", "target_waktu": "Juni 2025",
     "pemantauan": "Laporan tindak lanjut Dumas bulanan", "status": "Belum Dilaksanakan"},
]


# --- faults ------------------------------------------------------------------------------------------

Fault = tuple[str, str, str, str]  # rule id, sheet key ("_identitas" or a sheet key), column/field key, description


def cell_of(schema: WorkbookSchema, sheet_key: str, key: str, index: int = 0) -> tuple[str, str]:
    """(sheet name, cell) of a column key on data row ``index`` (0-based), or of an Identitas field."""
    if sheet_key == "_identitas":
        i = [f.key for f in schema.identitas].index(key)
        return IDENTITAS_SHEET, cell_address(4 + i, 2)
    spec = schema.sheet(sheet_key)
    return spec.name, cell_address(spec.first_data_row + index, spec.column_keys().index(key) + 1)


def _set(rows: list[dict[str, Any]], no: int, **values: Any) -> int:
    for i, r in enumerate(rows):
        if r["no"] == no:
            r.update(values)
            return i
    raise KeyError(no)


def bos_invalid() -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]], list[tuple[str, str, str, int, str]]]:
    ident = copy.deepcopy(BOS_IDENTITAS)
    rows = copy.deepcopy(BOS_ROWS)
    faults: list[tuple[str, str, str, int, str]] = []
    ident["kasubag_tu_nama"] = "Baiq Nurul Aini"
    ident["kasubag_tu_nip"] = None
    faults.append(("BOS-BENDAHARA-TU", "_identitas", "kasubag_tu_nama", 0,
                   "Kepala Tata Usaha sama dengan Bendahara BOS (seed 003: tidak boleh merangkap)."))
    i = _set(rows, 2, pph21_dicatat=112_500)
    faults.append(("BOS-PAJAK-SELISIH", "transaksi", "pph21_dicatat", i,
                   "PPh 21 PNS golongan III dicatat 15% (seharusnya 5%)."))
    i = _set(rows, 4, npwp=None)
    faults.append(("BOS-NPWP-KOSONG", "transaksi", "npwp", i, "NPWP narasumber Non PNS tidak diisi."))
    faults.append(("BOS-PAJAK-SELISIH", "transaksi", "pph21_dicatat", i,
                   "Tanpa keterangan NPWP dihitung 6%, sedangkan dicatat 5%."))
    i = _set(rows, 8, pph23_dicatat=16_000)
    faults.append(("BOS-PAJAK-SELISIH", "transaksi", "pph23_dicatat", i,
                   "Catering tanpa NPWP dipotong 2% (seharusnya 4%)."))
    i = _set(rows, 13, kualifikasi=None)
    faults.append(("BOS-KUALIFIKASI-KOSONG", "transaksi", "kualifikasi", i, "Kualifikasi pengawas tidak diisi."))
    faults.append(("BOS-PAJAK-SELISIH", "transaksi", "pph4_2_dicatat", i,
                   "Tanpa kualifikasi tarifnya 6%, dicatat 3,5%."))
    extra = [
        _t(15, D(2025, 5, 10), "Honor pengurus komite sekolah rapat RKAS", "Honorarium Kegiatan",
           "H. Abdul Karim (Ketua Komite)", "Non PNS", 500_000, komite="Ya", pph21=12_500),
        _t(16, D(2025, 5, 20), "Pembangunan jamban baru siswa", "Pembangunan Fisik", "CV Karya Lombok",
           "Badan Usaha/Toko", 25_000_000),
        _t(17, D(2025, 6, 2), "Pembangunan pagar depan sekolah", "Jasa", "CV Karya Lombok", "Badan Usaha/Toko",
           3_000_000, pph23=60_000, ppn=330_000),
        _t(18, D(2025, 6, 5), "Honor narasumber dibayar lewat toko", "Honorarium Kegiatan", "Toko Sinar Ilmu",
           "Badan Usaha/Toko", 400_000),
        _t(19, D(2024, 12, 30), "Servis printer tata usaha", "Jasa", "CV Data Prima", "Badan Usaha/Toko", 500_000,
           pph23=10_000, ppn=55_000, ket="Kuitansi tahun lalu"),
    ]
    rows += extra
    base = len(BOS_ROWS)
    faults.append(("BOS-HONOR-KOMITE", "transaksi", "komite", base, "Honor untuk pengurus komite sekolah."))
    faults.append(("BOS-FISIK", "transaksi", "jenis_belanja", base + 1, "Pembangunan jamban baru dari dana BOS."))
    faults.append(("BOS-FISIK-URAIAN", "transaksi", "uraian", base + 2, "Uraian menyebut pembangunan pagar."))
    faults.append(("BOS-STATUS-PENERIMA", "transaksi", "status_penerima", base + 3,
                   "Honorarium dibayarkan kepada badan usaha."))
    faults.append(("BOS-TAHUN", "transaksi", "tanggal", base + 4, "Transaksi tahun 2024 di buku 2025."))
    return ident, {"transaksi": rows}, faults


def gift_invalid() -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]], list[tuple[str, str, str, int, str]]]:
    ident = copy.deepcopy(GIFT_IDENTITAS)
    rows = copy.deepcopy(GIFT_ROWS)
    faults: list[tuple[str, str, str, int, str]] = []
    i = _set(rows, 1, nilai=1_500_000)
    faults.append(("GRAT-TERLAMBAT", "gratifikasi", "dilaporkan", i,
                   "Pemberian pernikahan Rp1.500.000 dari satu pemberi (batas Rp1.000.000), tidak dilaporkan."))
    i = _set(rows, 8, tanggal_lapor=D(2025, 7, 15))
    faults.append(("GRAT-LAPOR-TERLAMBAT", "gratifikasi", "tanggal_lapor", i,
                   "Gratifikasi dari rekanan dilaporkan setelah 30 hari kerja."))
    extra = [
        _g(9, D(2025, 6, 20), "Baiq Rahmawati", "Putu Ariana", "Rekan Kerja", "Tidak", REKAN_ACARA,
           "Uang/Alat Tukar", 100_000, "Amplop ulang tahun dari rekan kerja"),
        _g(10, D(2025, 5, 27), "Baiq Rahmawati", "Made Sudarsana", "Rekan Kerja", "Tidak", REKAN_BIASA,
           "Barang", 200_000, "Hadiah keempat dari pemberi yang sama (total tahun ini Rp900.000)"),
        _g(11, D(2025, 5, 28), "Baiq Rahmawati", "Made Sudarsana", "Rekan Kerja", "Tidak", REKAN_BIASA,
           "Barang", 150_000, "Hadiah kelima: total menjadi Rp1.050.000"),
        _g(12, D(2025, 4, 2), "Lalu Hamdani", "Kepala Desa Sembalun", "Pihak yang Diperiksa/Diawasi", "Ya",
           "Terkait Tugas/Layanan Kedinasan", "Barang", 600_000, "Oleh-oleh saat audit dana desa",
           dilaporkan="Ya", tanggal_lapor=D(2025, 4, 10)),
        _g(13, D(2024, 12, 20), "Lalu Hamdani", "Sri Hartini", "Rekan Kerja", "Tidak", REKAN_BIASA, "Barang",
           100_000, "Bingkisan akhir tahun"),
    ]
    rows += extra
    base = len(GIFT_ROWS)
    faults.append(("GRAT-WAJIB-LAPOR", "gratifikasi", "dilaporkan", base,
                   "Uang dari rekan kerja (tidak boleh berbentuk uang); batas lapor belum lewat."))
    faults.append(("GRAT-WAJIB-LAPOR", "gratifikasi", "dilaporkan", base + 2,
                   "Total pemberian dari rekan kerja yang sama menjadi Rp1.050.000, melebihi Rp1.000.000 setahun."))
    faults.append(("GRAT-LAPOR-TIDAK-LENGKAP", "gratifikasi", "tanggal_lapor", base + 3,
                   "Sudah dilaporkan tetapi saluran pelaporan kosong."))
    faults.append(("GRAT-TAHUN", "gratifikasi", "tanggal", base + 4, "Pemberian tahun 2024 di register 2025."))
    return ident, {"gratifikasi": rows}, faults


def risk_invalid() -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]], list[tuple[str, str, str, int, str]]]:
    ident = copy.deepcopy(RISK_IDENTITAS)
    rows = copy.deepcopy(RISK_ROWS)
    rtp = [r for r in copy.deepcopy(RTP_ROWS) if r["kode"] != "R09"]
    faults: list[tuple[str, str, str, int, str]] = []
    faults.append(("RISIKO-RTP-PRIORITAS", "register", "kode", 8, "Risiko Sangat Tinggi R09 tanpa RTP."))
    i = _set(rows, 2, skor=7, level="Sedang")
    faults.append(("RISIKO-LEVEL-SELISIH", "register", "skor", i, "Skor ditulis 7 (4 × 3 = 12)."))
    faults.append(("RISIKO-LEVEL-SELISIH", "register", "level", i, "Level ditulis Sedang (seharusnya Tinggi)."))
    i = _set(rows, 7, kode="R06")
    faults.append(("RISIKO-KODE-DUPLIKAT", "register", "kode", i, "Kode R06 dipakai dua kali."))
    i = _set(rows, 10, kemungkinan=6)
    faults.append(("RENTANG", "register", "kemungkinan", i, "Skor kemungkinan 6 (batas 1-5)."))
    rtp.append({"no": 4, "kode": "R99", "rencana": "Evaluasi kanal pengaduan", "penanggung_jawab": "Kepala Dinas",
                "target_waktu": "Juni 2025", "pemantauan": None, "status": "Belum Dilaksanakan"})
    faults.append(("RISIKO-RTP-RUJUKAN", "rtp", "kode", len(rtp) - 1, "RTP merujuk kode R99 yang tidak ada."))
    return ident, {"register": rows, "rtp": rtp}, faults


CASES: list[tuple[str, str, dict[str, Any], dict[str, list[dict[str, Any]]], Callable[..., Any]]] = [
    ("bos-transaksi", "sdn1-mataram-2025", BOS_IDENTITAS, {"transaksi": BOS_ROWS}, bos_invalid),
    ("register-gratifikasi", "inspektorat-ntb-2025", GIFT_IDENTITAS, {"gratifikasi": GIFT_ROWS}, gift_invalid),
    ("register-risiko", "dikbud-ntb-2025", RISK_IDENTITAS, {"register": RISK_ROWS, "rtp": RTP_ROWS}, risk_invalid),
]


def build(out: Path = SAMPLES) -> list[Path]:
    written = []
    for kind, case, ident, rows, invalid in CASES:
        schema = get_schema(kind)
        folder = out / kind
        written.append(build_workbook(schema, folder / f"{case}-valid.xlsx", identitas=ident, rows=rows))
        bad_ident, bad_rows, faults = invalid()
        written.append(build_workbook(schema, folder / f"{case}-invalid.xlsx", identitas=bad_ident, rows=bad_rows))
        entries = []
        for n, (rule_id, sheet_key, key, index, description) in enumerate(faults, start=1):
            sheet, cell = cell_of(schema, sheet_key, key, index)
            rule = schema.rule(rule_id)
            entries.append({"no": n, "rule_id": rule_id, "severity": rule.severity if rule else "error",
                            "sheet": sheet, "cell": cell, "description": description})
        doc = {"kind": kind, "schema_version": schema.version, "valid": f"{case}-valid.xlsx",
               "invalid": f"{case}-invalid.xlsx",
               "note": "Satu entri per kesalahan yang sengaja dibuat (sumber: seed 003). Dibuat oleh "
                       "scripts/build_inspectorate_samples.py.",
               "faults": entries}
        faults_path = folder / f"{case}-invalid.faults.yaml"
        faults_path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=110), encoding="utf-8")
        written.append(faults_path)
    return written


if __name__ == "__main__":
    for path in build():
        print(path.relative_to(SAMPLES.parent))
