"""Golden tests through LibreOffice for the reports: rendered, converted to PDF, text compared.

* Laporan Kepatuhan Kegiatan Penguatan Integritas, KPPN Pangkalpinang TW II 2023
  (samples/kalender-integritas/kppn-2023-valid.xlsx, samples/surat/laporan-kepatuhan-kppn-2023.yaml);
* Laporan Progres Tindak Lanjut SPI, Kabupaten Bangka Tengah, per 2 Januari 2025 (overdue actions)
  (samples/tindak-lanjut-spi/bangka-tengah-2024-valid.xlsx, samples/surat/laporan-spi-bangka-tengah-2024.yaml);
* Laporan Monev ZI Komdigi TW II 2026 with the Penilaian LKE ZI section from an LKE with gaps.

Compared by content with whitespace normalised. Regenerate after an intended layout change with
``INTEGRITAS_GOLDEN_UPDATE=1 pytest tests/test_documents_laporan_golden.py`` and review the diff.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests._documents_data import check_golden, normalize_ws
from tests._laporan_data import KALENDER, SPI, ZI, letter, lke_with_gaps
from toolkit.documents import render_document
from toolkit.documents.laporan import report_data_from_path
from toolkit.office import convert, pdf_text

pytestmark = [pytest.mark.libreoffice, pytest.mark.slow]


def _data(name: str, workbook: Path, **kw: object) -> tuple[str, dict[str, object]]:
    data = letter(name)
    kind, report = report_data_from_path(workbook, **kw)  # type: ignore[arg-type]
    data.update(report)
    return kind, data


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory, soffice: str) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("golden-laporan")
    lke = lke_with_gaps(out / "lke-kurang.xlsx")
    docs = []
    for stem, (name, workbook, kw) in {
        "laporan-kepatuhan-kppn-2023-tw2": ("kepatuhan", KALENDER, {}),
        "laporan-spi-bangka-tengah-2025-01-02": ("spi", SPI, {"as_of": dt.date(2025, 1, 2)}),
        "laporan-monev-komdigi-2026-lke": ("monev", ZI, {"lke": lke}),
    }.items():
        kind, data = _data(name, workbook, **kw)
        docs.append(render_document(kind, data, out / f"{stem}.docx").path)
    produced = convert(docs, "pdf", out)  # one LibreOffice process for the three
    return {p.stem: p for p in produced}


def _in_order(text: str, expected: list[str]) -> None:
    """Each expected line appears after the previous one."""
    flat = normalize_ws(text)
    at = 0
    for e in expected:
        found = flat.find(e, at)
        assert found != -1, f"'{e}' tidak ditemukan setelah posisi {at}: …{flat[at:at + 200]}"
        at = found + len(e)


def test_kepatuhan_report_matches_golden(pdfs: dict[str, Path]) -> None:
    pages = pdf_text(pdfs["laporan-kepatuhan-kppn-2023-tw2"]).split("\f")
    text = "\f".join(pages)
    check_golden("laporan-kepatuhan-kppn-2023-tw2", text)
    _in_order(pages[0], ["KEMENTERIAN KEUANGAN REPUBLIK INDONESIA", "LAPORAN KEPATUHAN",
                         "KEGIATAN PENGUATAN INTEGRITAS", "KPPN Pangkalpinang", "Triwulan II Tahun 2023",
                         "Nomor LAP-11/WPB.05/KP.01/2023", "A. Pendahuluan", "B. Ringkasan Kepatuhan",
                         "Sampai dengan 30 Juni 2023", "Tingkat kepatuhan triwulan:",
                         "C. Kepatuhan per Kegiatan dan Periode", "April", "Mei", "Juni", "Internal",
                         "Doa bersama", "Morning Call"])
    _in_order(text, ["D. Periode yang Tidak Terpenuhi", "E. Penyampaian Materi Tematik",
                     "Jujur Dalam", "Tersampaikan", "F. Kesimpulan dan Tindak Lanjut",
                     "Mari bersama menjaga integritas", "Pangkalpinang, 10 Juli 2023", "Dewi Lestari Handayani",
                     "NIP 19780922 200012 2 001", "Tembusan"])
    assert "{{" not in text and "{%" not in text


def test_spi_report_matches_golden(pdfs: dict[str, Path]) -> None:
    pages = pdf_text(pdfs["laporan-spi-bangka-tengah-2025-01-02"]).split("\f")
    text = "\f".join(pages)
    check_golden("laporan-spi-bangka-tengah-2025-01-02", text)
    _in_order(pages[0], ["PEMERINTAH KABUPATEN BANGKA TENGAH", "LAPORAN PROGRES TINDAK LANJUT",
                         "HASIL SURVEI PENILAIAN INTEGRITAS TAHUN 2023", "Pemerintah Kabupaten Bangka Tengah",
                         "Keadaan per 2 Januari 2025", "Nomor 700/61/ITDAKAB/2024", "A. Pendahuluan",
                         "B. Ringkasan Progres", "Rata-rata progres rencana aksi:", "C. Progres per Kegiatan",
                         "Kriteria dan", "1 Inspektorat melakukan"])
    _in_order(text, ["D. Rincian Pemantauan", "E. Kegiatan Terlambat", "Kegiatan yang batas Waktu Pelaksanaannya",
                     "F. Kesimpulan dan Tindak Lanjut", "Mari bersama menjaga integritas", "Koba, 12 Juli 2024",
                     "a.n. Bupati Bangka Tengah", "NIP 19640911 198903 1 009"])
    assert "{{" not in text and "{%" not in text


def test_monev_with_lke_section_matches_golden(pdfs: dict[str, Path]) -> None:
    pages = pdf_text(pdfs["laporan-monev-komdigi-2026-lke"]).split("\f")
    text = "\f".join(pages)
    check_golden("laporan-monev-komdigi-2026-lke", text)
    _in_order(pages[0], ["LAPORAN MONITORING DAN EVALUASI", "Pusat Pengembangan Aparatur Komdigi",
                         "Triwulan II Tahun 2026", "A. Pendahuluan", "B. Ringkasan Capaian"])
    _in_order(text, ["E. Kegiatan Terlambat", "F. Penilaian LKE ZI", "#DIV/0!", "Manajemen Perubahan",
                     "WBK: BELUM TERCAPAI", "Syarat yang belum terpenuhi", "Nilai komponen pengungkit",
                     "Pertanyaan yang paling menaikkan nilai menuju WBK", "K171",
                     "Pertanyaan yang masih Belum Diisi (3)", "G. Kesimpulan dan Tindak Lanjut", "Nilai LKE ZI",
                     "Mari bersama menjaga integritas", "Jakarta, 6 Juli 2026"])
    assert "{{" not in text and "{%" not in text
