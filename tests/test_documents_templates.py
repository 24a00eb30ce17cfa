"""The committed Word templates in templates/docx are the source: edited in Word/LibreOffice.

These tests check what a template must keep whoever edits it (named styles, A4, the kop on
page 1, landscape Lampiran with repeating header rows, the replaceable chart); what the
templates render is checked against golden text in test_documents_golden.py.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.shared import Cm

REPO = Path(__file__).resolve().parent.parent
TEMPLATES = REPO / "templates" / "docx"
KINDS = ("nota-dinas", "surat-dinas", "laporan-monev")


@pytest.mark.parametrize("kind", KINDS)
def test_templates_are_real_word_documents_with_styles_and_a4(kind: str) -> None:
    d = docx.Document(str(TEMPLATES / f"{kind}.docx"))
    names = {s.name for s in d.styles}
    assert {"Kop Instansi", "Isi Naskah", "Penandatangan", "Pesan Integritas", "Daftar Tembusan"} <= names
    first = d.sections[0]
    assert abs(first.page_width - Cm(21.0)) < Cm(0.05) and abs(first.page_height - Cm(29.7)) < Cm(0.05)
    assert first.different_first_page_header_footer  # kop on page 1 only
    kop = "\n".join(p.text for p in first.first_page_header.paragraphs)
    assert "{{ baris }}" in kop and "kop.telepon" in kop
    used = {p.style.name for p in d.paragraphs}
    assert "Isi Naskah" in used or "Isi Bernomor" in used


def test_surat_has_landscape_lampiran_section_with_repeating_headers() -> None:
    d = docx.Document(str(TEMPLATES / "surat-dinas.docx"))
    assert len(d.sections) == 2
    letter, lampiran = d.sections
    assert letter.page_width < letter.page_height
    assert lampiran.page_width > lampiran.page_height
    with zipfile.ZipFile(TEMPLATES / "surat-dinas.docx") as z:
        xml = z.read("word/document.xml").decode()
    tables = re.findall(r"<w:tbl>.*?</w:tbl>", xml, re.DOTALL)
    lampiran_tables = [t for t in tables if "PERMASALAHAN" in t or "REKOMENDASI" in t]
    assert len(lampiran_tables) == 2
    for t in lampiran_tables:
        first_row = re.search(r"<w:tr[ >].*?</w:tr>", t, re.DOTALL)
        assert first_row and "<w:tblHeader" in first_row.group(0)
    # Lampiran headers use the letter's own Nomor and Tanggal (seed 004's ${tanggal_naskah} bug)
    assert xml.count("{{ tanggal|tanggal }}") == 3
    assert "${" not in xml


def test_laporan_has_replaceable_chart_picture() -> None:
    with zipfile.ZipFile(TEMPLATES / "laporan-monev.docx") as z:
        xml = z.read("word/document.xml").decode()
    assert 'name="grafik_progres"' in xml
