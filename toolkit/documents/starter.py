"""The commented starter a clerk fills in (``integritas surat baru nota-dinas -o surat.yaml``).

Every value still to be written is a bracketed fill-in such as ``[isi hal naskah]``: a letter
written from a starter that was not filled in is refused by the leftover check
(``placeholders``), never sent with the fill-in in it. Parts the office configuration
already gives (kop, default signatory, signature kind) are shown commented out.
"""

from __future__ import annotations

from typing import Any

from toolkit.kantor import Office

_HEAD = """\
# Data {judul} — isi bagian yang bertanda [isi …], hapus baris yang tidak perlu.
# Aturan penulisan (YAML):
#   - menjorok memakai SPASI (dua spasi per tingkat), jangan Tab;
#   - teks yang memuat titik dua ':' atau diawali '@', '*', '&' diapit tanda kutip: hal: "Rapat: Evaluasi";
#   - teks panjang: tulis '>-' lalu teksnya di baris berikut, menjorok dua spasi;
#   - daftar: setiap butir di baris sendiri, diawali '- '.
# Nomor TIDAK perlu diisi: diambil dari register kantor. Bila nomornya sudah diberikan (buku agenda atau
# nomor yang dicadangkan), tulis 'nomor: …' — nomor itu tetap dicatat di register dan ditolak bila sudah terpakai.
# Buat naskahnya:  integritas surat {jenis} -d {nama_file} -o {jenis}.docx
"""


def _office_block(office: Office | None) -> str:
    lines = []
    if office is not None and office.kop:
        lines.append("# kop: diambil dari konfigurasi kantor (kantor.yaml); tulis di sini hanya bila berbeda.")
    else:
        lines += [
            "kop:",
            "  hierarki:                       # baris-baris nama instansi, dari yang tertinggi",
            "    - [isi nama pemerintah atau kementerian]",
            "    - [isi nama kantor]",
            "  alamat:",
            "    - [isi alamat kantor]",
            "  telepon: \"[isi nomor telepon]\"",
            "  laman: \"[isi alamat laman]\"      # boleh dihapus",
        ]
    if office is not None and office.ttd:
        lines.append(f"# ttd: {office.ttd}   (bawaan kantor; tulis 'elektronik' hanya bila naskah benar-benar "
                     "ditandatangani dengan sertifikat elektronik BSrE)")
    else:
        lines.append("ttd: basah        # basah = ditandatangani dengan tinta dan dicap; elektronik = TTE (sertifikat "
                     "BSrE)")
    if office is not None and office.penandatangan:
        who = office.penandatangan
        lines.append(f"# penandatangan: {who.get('jabatan', '')} {who.get('nama', '')} (bawaan kantor); tulis "
                     "'penandatangan:' di sini bila orang lain yang menandatangani.")
    else:
        lines += [
            "penandatangan:",
            "  # atas_nama: Gubernur Nusa Tenggara Timur    # a.n. — bila menandatangani atas nama pejabat lain",
            "  # untuk_beliau: Sekretaris Daerah            # u.b. — pejabat di antaranya (bersama atas_nama)",
            "  # status: Plt.                               # Plt. (pelaksana tugas) atau Plh. (pelaksana harian)",
            "  jabatan: \"[isi jabatan penandatangan]\"",
            "  nama: \"[isi nama penandatangan]\"",
            "  # pangkat: Pembina Utama Muda (IV/c)",
            "  # nip: \"197001011995031001\"                  # 18 angka, dalam tanda kutip",
        ]
    return "\n".join(lines) + "\n"


def _klasifikasi(office: Office | None) -> str:
    if office is None or not office.klasifikasi:
        return ""
    codes = ", ".join(office.klasifikasi)
    first = next(iter(office.klasifikasi))
    return f"klasifikasi: \"{first}\"          # kode klasifikasi arsip untuk nomor; kode kantor: {codes}\n"


def starter_text(kind: str, office: Office | None = None) -> str:
    """The commented YAML starter of ``kind`` (nota-dinas or surat-dinas)."""
    values: dict[str, Any] = {"jenis": kind, "nama_file": "surat.yaml",
                              "judul": "Nota Dinas" if kind == "nota-dinas" else "Surat Dinas"}
    text = _HEAD.format(**values)
    text += "tanggal: \"[isi tanggal, mis. 2026-03-16]\"\n"
    text += _klasifikasi(office)
    if kind == "nota-dinas":
        text += (
            "yth: \"[isi jabatan yang dituju]\"      # beberapa tujuan: tulis sebagai daftar '- …'\n"
            "dari: \"[isi jabatan pengirim]\"\n"
            "sifat: Biasa                           # Biasa, Segera, Penting, Rahasia\n"
            "lampiran: \"-\"                          # mis. \"1 (satu) berkas\"\n"
            "hal: \"[isi hal naskah]\"\n"
            "isi:                                   # butir-butir isi, bernomor 1., 2., …\n"
            "  - >-\n"
            "    [isi butir pertama]\n"
            "  - teks: \"[isi butir kedua, dengan rincian a., b.]\"\n"
            "    sub:\n"
            "      - \"[isi rincian a]\"\n"
            "      - \"[isi rincian b]\"\n"
        )
    else:
        text += (
            "tempat: \"[isi kota]\"\n"
            "sifat: Biasa\n"
            "lampiran: \"-\"\n"
            "hal: \"[isi hal surat]\"\n"
            "yth:\n"
            "  - \"[isi jabatan yang dituju]\"\n"
            "di: \"[isi kota tujuan]\"\n"
            "isi:                                   # alinea-alinea surat\n"
            "  - >-\n"
            "    [isi alinea pertama]\n"
        )
    text += _office_block(office)
    text += ("tembusan:                              # boleh dihapus\n"
             "  - \"[isi tembusan]\"\n")
    return text
