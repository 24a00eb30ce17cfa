"""Build the letter and report templates in ``templates/docx/`` with python-docx.

* ``nota-dinas.docx`` — seed 000 (ND-1182/PB.1/2023): kop, NOTA DINAS / NOMOR, Yth
  (one or a numbered list), Dari, Sifat, Lampiran, Hal, Tanggal, numbered body
  with a./b./c. sub-items, closing, integrity message, electronic signature,
  Tembusan; optional BSrE / UU ITE note in the footer (seed 001, cover page).
* ``surat-dinas.docx`` — seed 004 (700/40/ITDAKAB/2024): place and date, Nomor,
  Sifat, Lampiran, Hal, Yth … di – CITY, body, "a.n." signatory with position,
  name, rank and NIP, Tembusan; then a landscape section with Lampiran I (action
  plan table) and Lampiran II (matrix grouped by risk level), header rows
  repeating on every page, each Lampiran headed with the letter's own Nomor and
  Tanggal (never a ``${tanggal_naskah}``).
* ``laporan-monev.docx`` — seed 001 BAB IV: quarterly monitoring and evaluation
  report: progress per area and per activity, a chart, overdue activities, and an
  optional "Penilaian LKE ZI" section (seed 002 BAB III verdict).
* ``laporan-kepatuhan.docx`` — seed 000: quarterly compliance of the integrity
  activities with their minimum frequency, themes delivered, a chart.
* ``laporan-spi.docx`` — seed 004: progress of the SPI follow-up actions per
  success criterion, monitoring details, overdue actions, a chart.

The output is deterministic (fixed document properties), and a test rebuilds the
templates and compares text and styles with the committed files.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm

from toolkit.documents import docx_build as b

FIXED_TIME = dt.datetime(2026, 1, 1, 0, 0, 0)
CHART_NAME = "grafik_progres"
CHART_SIZE_CM = (16.0, 8.0)

BSRE_LINES = (
    "Catatan:",
    "- UU ITE No 11 Tahun 2008, Pasal 6 ayat 1",
    "- Informasi Elektronik dan/atau Dokumen Elektronik dan/atau hasil cetaknya merupakan alat bukti "
    "hukum yang sah.",
    "- Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik yang "
    "diterbitkan BSrE.",
)


def _new_document(title: str) -> DocxDocument:
    doc = docx.Document()
    b.setup_styles(doc)
    b.setup_page(doc.sections[0])
    props = doc.core_properties
    props.title = title
    props.created = FIXED_TIME
    props.modified = FIXED_TIME
    props.last_modified_by = "Integritas toolkit"
    props.revision = 1
    return doc


def _kop(section: b.Section) -> None:
    """Kop on the first page only (institution hierarchy, address, phone, website)."""
    section.different_first_page_header_footer = True
    header = section.first_page_header
    header.is_linked_to_previous = False
    first = header.paragraphs[0]
    first.text = "{%p for baris in kop.hierarki %}"
    first.style = "Tag"
    b.para(header, "{{ baris }}", "Kop Instansi")
    b.tag(header, "{%p endfor %}")
    b.tag(header, "{%p for baris in kop.alamat %}")
    b.para(header, "{{ baris }}", "Kop Alamat")
    b.tag(header, "{%p endfor %}")
    last = b.para(header, "Telepon {{ kop.telepon }}{% if kop.faksimili %}, Faksimili {{ kop.faksimili }}"
                          "{% endif %}{% if kop.laman %}, Laman {{ kop.laman }}{% endif %}", "Kop Alamat")
    b.bottom_border(last)
    # pages 2+: the page number
    other = section.header
    other.is_linked_to_previous = False
    p = other.paragraphs[0]
    p.style = "Kop Alamat"
    p.add_run("- ")
    b.add_page_field(p)
    p.add_run(" -")


def _footer(section: b.Section) -> None:
    """The BSrE / UU ITE note of seed 001 in the footer of every page, when ``catatan_bsre`` is on."""
    for footer in (section.first_page_footer, section.footer):
        footer.is_linked_to_previous = False
        first = footer.paragraphs[0]
        first.text = "{%p if catatan_bsre %}"
        first.style = "Tag"
        for line in BSRE_LINES:
            b.para(footer, line, "Catatan Kaki")
        b.tag(footer, "{%p endif %}")


def _fields(doc: DocxDocument, rows: list[tuple[str, str]], *, widths: tuple[float, float, float]) -> None:
    """The "Label : value" block (borderless table) under the title."""
    t = b.table(doc, widths, rows=0, grid=False)
    for label, value in rows:
        cells = b.add_row(t, widths)
        b.cell_text(cells[0], label, "Normal")
        b.cell_text(cells[1], ":", "Normal")
        if value.startswith("{%p"):
            parts = value.split("\n")
            cells[2].paragraphs[0].text = parts[0]
            cells[2].paragraphs[0].style = "Tag"
            for line in parts[1:]:
                style = "Tag" if line.startswith("{%p") else "Tujuan Surat"
                b.para(cells[2], line, style)
        else:
            b.cell_text(cells[2], value, "Normal")


def _closing(doc: DocxDocument) -> None:
    b.para(doc, "{{ penutup }}", "Isi Rata")
    b.tag(doc, "{%p if pesan_integritas %}")
    b.para(doc, "{{ pesan_integritas }}", "Pesan Integritas")
    b.tag(doc, "{%p endif %}")


def _signature(doc: DocxDocument) -> None:
    """a.n. line, position, electronic signature or space, name, rank, NIP (seed 004) — each optional."""
    p = b.para(doc, "", "Penandatangan")
    p.paragraph_format.space_before = Cm(0.5)
    p.add_run("{% if penandatangan.atas_nama %}{{ penandatangan.atas_nama }}{% endif %}")
    b.para(doc, "{{ penandatangan.jabatan }}", "Penandatangan")
    b.tag(doc, "{%p if tte %}")
    b.para(doc, "Ditandatangani secara elektronik", "Penandatangan")
    b.tag(doc, "{%p else %}")
    for _ in range(3):
        b.para(doc, "", "Penandatangan")
    b.tag(doc, "{%p endif %}")
    b.para(doc, "{{ penandatangan.nama }}", "Nama Penandatangan")
    b.tag(doc, "{%p if penandatangan.pangkat %}")
    b.para(doc, "{{ penandatangan.pangkat }}", "Penandatangan")
    b.tag(doc, "{%p endif %}")
    b.tag(doc, "{%p if penandatangan.nip %}")
    b.para(doc, "NIP {{ penandatangan.nip|nip }}", "Penandatangan")
    b.tag(doc, "{%p endif %}")


def _tembusan(doc: DocxDocument) -> None:
    b.tag(doc, "{%p if tembusan %}")
    b.para(doc, "Tembusan:", "Judul Tembusan")
    b.tag(doc, "{%p for t in tembusan %}")
    b.para(doc, "{{ loop.index }}.\t{{ t }}", "Daftar Tembusan")
    b.tag(doc, "{%p endfor %}")
    b.tag(doc, "{%p endif %}")


def _numbered_body(doc: DocxDocument) -> None:
    b.tag(doc, "{%p if pembuka %}")
    b.para(doc, "{{ pembuka }}", "Isi Rata")
    b.tag(doc, "{%p endif %}")
    b.tag(doc, "{%p for butir in isi %}")
    b.para(doc, "{{ loop.index }}.\t{{ butir.teks }}", "Isi Bernomor")
    b.tag(doc, "{%p for sub in butir.sub %}")
    b.para(doc, "{{ loop.index|huruf }}.\t{{ sub }}", "Sub Isi")
    b.tag(doc, "{%p endfor %}")
    b.tag(doc, "{%p endfor %}")


# --- Nota Dinas (seed 000) ----------------------------------------------------------------------

def build_nota_dinas() -> DocxDocument:
    doc = _new_document("Nota Dinas")
    section = doc.sections[0]
    _kop(section)
    _footer(section)
    # python-docx starts with one empty paragraph; use it for the title
    title = doc.paragraphs[0] if doc.paragraphs else b.para(doc)
    title.style = "Judul Naskah"
    title.add_run("NOTA DINAS")
    b.para(doc, "NOMOR {{ nomor }}", "Nomor Naskah")
    yth = ("{%p for t in yth %}\n"
           "{% if yth|length > 1 %}{{ loop.index }}.\t{% endif %}{{ t }}\n"
           "{%p endfor %}")
    _fields(doc, [("Yth.", yth), ("Dari", "{{ dari }}"), ("Sifat", "{{ sifat }}"),
                  ("Lampiran", "{{ lampiran }}"), ("Hal", "{{ hal }}"), ("Tanggal", "{{ tanggal|tanggal }}")],
            widths=(2.6, 0.5, 13.4))
    rule = b.para(doc, "", "Normal")
    b.bottom_border(rule, style="single", size=6)
    b.para(doc, "", "Normal")
    _numbered_body(doc)
    _closing(doc)
    _signature(doc)
    _tembusan(doc)
    return doc


# --- Surat Dinas with Lampiran I and II (seed 004) -----------------------------------------------

LAMPIRAN1_COLUMNS = (
    ("NO", "no", 0.9), ("PERMASALAHAN", "permasalahan", 3.4), ("KEGIATAN", "kegiatan", 4.6),
    ("TUJUAN", "tujuan", 3.4), ("OUTPUT", "output", 3.4),
    ("KRITERIA DAN UKURAN KEBERHASILAN", "kriteria", 3.4), ("PENANGGUNG JAWAB", "penanggung_jawab", 3.0),
    ("WAKTU PELAKSANAAN", "waktu", 2.9),
)
LAMPIRAN2_COLUMNS = (
    ("No", "no", 1.1), ("REKOMENDASI", "rekomendasi", 5.6), ("RENCANA AKSI", "rencana_aksi", 5.0),
    ("AREA INTERVENSI MCP*", "area_mcp", 3.0), ("KRITERIA KEBERHASILAN", "kriteria", 5.0),
    ("UKURAN KEBERHASILAN", "ukuran", 5.0),
)


def _lampiran_head(doc: DocxDocument, label: str, *, page_break_if: str | None = None) -> None:
    p = b.para(doc, "", "Kepala Lampiran")
    if page_break_if:
        p.add_run("{% if " + page_break_if + " %}")
        b.page_break_run(p)
        p.add_run("{% endif %}")
    p.add_run(f"{label}\t: {{{{ lampiran_dari }}}}")
    b.para(doc, "Nomor\t: {{ nomor }}", "Kepala Lampiran")
    b.para(doc, "Tanggal\t: {{ tanggal|tanggal }}", "Kepala Lampiran")


def _lampiran1(doc: DocxDocument) -> None:
    b.tag(doc, "{%p if lampiran1 %}")
    _lampiran_head(doc, "Lampiran I")
    b.para(doc, "{{ judul_lampiran1 }}", "Judul Lampiran")
    widths = [w for _h, _k, w in LAMPIRAN1_COLUMNS]
    t = b.table(doc, widths, rows=1)
    for cell, (head, _k, _w) in zip(t.rows[0].cells, LAMPIRAN1_COLUMNS, strict=True):
        b.cell_text(cell, head, "Kepala Tabel")
        b.shade(cell, "D9D9D9")
    b.mark_header_row(t, 0)
    b.cell_tag_row(t, widths, "{%tr for r in lampiran1 %}")
    cells = b.add_row(t, widths)
    for cell, (_h, key, _w) in zip(cells, LAMPIRAN1_COLUMNS, strict=True):
        b.cell_text(cell, "{{ r." + key + " }}")
    b.cell_tag_row(t, widths, "{%tr endfor %}")
    _signature(doc)
    b.tag(doc, "{%p endif %}")


def _lampiran2(doc: DocxDocument) -> None:
    b.tag(doc, "{%p if lampiran2 %}")
    _lampiran_head(doc, "Lampiran II", page_break_if="lampiran1")
    b.tag(doc, "{%p for baris in judul_lampiran2 %}")
    b.para(doc, "{{ baris }}", "Judul Lampiran")
    b.tag(doc, "{%p endfor %}")
    widths = [w for _h, _k, w in LAMPIRAN2_COLUMNS]
    t = b.table(doc, widths, rows=2)
    for i, (cell, (head, _k, _w)) in enumerate(zip(t.rows[0].cells, LAMPIRAN2_COLUMNS, strict=True)):
        b.cell_text(cell, head, "Kepala Tabel")
        b.shade(cell, "D9D9D9")
        b.cell_text(t.rows[1].cells[i], str(i) if i else "", "Kepala Tabel")
    b.mark_header_row(t, 0)
    b.mark_header_row(t, 1)
    b.cell_tag_row(t, widths, "{%tr for kelompok in lampiran2 %}")
    group = b.add_row(t, widths)
    b.cell_text(group[0], "{{ kelompok.kode }}", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    merged = group[1].merge(group[-1])
    b.cell_text(merged, "{{ kelompok.judul }}", bold=True)
    for cell in (group[0], merged):
        b.shade(cell, "F2F2F2")
    b.cell_tag_row(t, widths, "{%tr for r in kelompok.baris %}")
    cells = b.add_row(t, widths)
    for cell, (_h, key, _w) in zip(cells, LAMPIRAN2_COLUMNS, strict=True):
        b.cell_text(cell, "{{ r." + key + " }}")
    b.cell_tag_row(t, widths, "{%tr endfor %}")
    b.cell_tag_row(t, widths, "{%tr endfor %}")
    b.para(doc, "*) Area intervensi Monitoring Center for Prevention (MCP) KPK.", "Catatan Kaki")
    _signature(doc)
    b.tag(doc, "{%p endif %}")


def build_surat_dinas() -> DocxDocument:
    doc = _new_document("Surat Dinas")
    section = doc.sections[0]
    _kop(section)
    _footer(section)
    first = doc.paragraphs[0] if doc.paragraphs else b.para(doc)
    first.style = "Tanggal Surat"
    first.add_run("{{ tempat }}, {{ tanggal|tanggal }}")
    _fields(doc, [("Nomor", "{{ nomor }}"), ("Sifat", "{{ sifat }}"), ("Lampiran", "{{ lampiran }}"),
                  ("Hal", "{{ hal }}")], widths=(2.4, 0.5, 13.6))
    b.para(doc, "", "Normal")
    b.tag(doc, "{%p for t in yth %}")
    b.para(doc, "{% if loop.first %}Yth.{% endif %}\t{{ t }}", "Tujuan Surat")
    b.tag(doc, "{%p endfor %}")
    b.tag(doc, "{%p if di %}")
    b.para(doc, "\tdi –", "Tujuan Surat")
    b.para(doc, "\t{{ di }}", "Tujuan Surat")
    b.tag(doc, "{%p endif %}")
    b.para(doc, "", "Normal")
    b.tag(doc, "{%p for alinea in isi %}")
    b.para(doc, "{{ alinea }}", "Isi Naskah")
    b.tag(doc, "{%p endfor %}")
    _closing(doc)
    _signature(doc)
    _tembusan(doc)
    # Lampiran pages: a landscape section (wide tables), no kop
    lampiran = b.add_landscape_section(doc)
    lampiran.footer.is_linked_to_previous = True
    _lampiran1(doc)
    _lampiran2(doc)
    return doc


# --- Laporan Monitoring dan Evaluasi (seed 001 BAB IV) ---------------------------------------------

AREA_COLUMNS = (
    ("No", "no", 1.0), ("Area Perubahan", "area", 4.6), ("Jumlah Kegiatan", "jumlah", 1.9),
    ("Selesai", "selesai", 1.6), ("Berjalan", "berjalan", 1.8), ("Belum Dimulai", "belum", 1.8),
    ("Terlambat", "terlambat", 1.9), ("Rata-rata Progres (%)", "progres", 1.9),
)
KEGIATAN_COLUMNS = (
    ("No", "no", 1.0), ("Area Perubahan", "area", 3.0), ("Kegiatan", "kegiatan", 4.4), ("PIC", "pic", 2.4),
    ("Bulan Rencana", "rencana", 2.0), ("Status", "status", 1.8), ("Progres (%)", "progres", 1.9),
)
TERLAMBAT_COLUMNS = (
    ("No", "no", 1.0), ("Kegiatan", "kegiatan", 4.2), ("Area Perubahan", "area", 3.0), ("PIC", "pic", 2.4),
    ("Bulan Rencana Terlewat", "bulan", 2.2), ("Status", "status", 1.8), ("Progres (%)", "progres", 1.9),
)


def _data_table(doc: DocxDocument, columns: tuple[tuple[str, str, float], ...], loop: str) -> None:
    widths = [w for _h, _k, w in columns]
    t = b.table(doc, widths, rows=1)
    for cell, (head, _k, _w) in zip(t.rows[0].cells, columns, strict=True):
        b.cell_text(cell, head, "Kepala Tabel")
        b.shade(cell, "D9D9D9")
    b.mark_header_row(t, 0)
    b.cell_tag_row(t, widths, "{%tr for r in " + loop + " %}")
    cells = b.add_row(t, widths)
    for cell, (_h, key, _w) in zip(cells, columns, strict=True):
        b.cell_text(cell, "{{ r." + key + " }}")
    b.cell_tag_row(t, widths, "{%tr endfor %}")


def placeholder_chart_png(size_cm: tuple[float, float] = CHART_SIZE_CM) -> bytes:
    """The picture the template carries where the chart goes; replaced by the real chart per report."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(size_cm[0] / 2.54, size_cm[1] / 2.54), dpi=60)
    label = "Grafik progres per area" if size_cm == CHART_SIZE_CM else "Grafik"
    ax.text(0.5, 0.5, f"{label} (diisi saat laporan dibuat)", ha="center", va="center")
    ax.set_axis_off()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata={"Software": None})
    plt.close(fig)
    return buf.getvalue()


LKE_KOMPONEN_COLUMNS = (
    ("Komponen", "komponen", 6.5), ("Bobot", "bobot", 2.5), ("Nilai menurut Rumus LKE", "resmi", 3.7),
    ("Nilai (Belum Diisi = 0)", "nol", 3.8),
)
LKE_AREA_COLUMNS = (
    ("No", "no", 0.9), ("Area Perubahan", "area", 5.6), ("Bobot", "bobot", 1.8),
    ("Nilai menurut Rumus LKE", "resmi", 2.8), ("Nilai (Belum Diisi = 0)", "nol", 2.8),
    ("Capaian dari Bobot (%)", "persen", 2.6),
)
LKE_SYARAT_COLUMNS = (
    ("Predikat", "predikat", 1.8), ("Syarat", "syarat", 5.6), ("Nilai", "nilai", 1.7), ("Ambang", "ambang", 1.7),
    ("Kurang (poin)", "kurang", 1.7), ("Catatan", "catatan", 4.0),
)
LKE_USULAN_COLUMNS = (
    ("No", "no", 0.9), ("Kode", "kode", 1.6), ("Pertanyaan", "pertanyaan", 6.6), ("Sel", "sel", 1.2),
    ("Langkah", "langkah", 4.2), ("Tambahan Nilai", "tambahan", 2.0),
)
LKE_BELUM_COLUMNS = (
    ("No", "no", 0.9), ("Kode", "kode", 1.6), ("Pertanyaan", "pertanyaan", 8.6), ("Area", "area", 4.2),
    ("Sel", "sel", 1.2),
)


def _paragraphs(doc: DocxDocument, loop: str, style: str = "Isi Naskah") -> None:
    b.tag(doc, "{%p for alinea in " + loop + " %}")
    b.para(doc, "{{ alinea }}", style)
    b.tag(doc, "{%p endfor %}")


def _lke_section(doc: DocxDocument) -> None:
    """F. Penilaian LKE ZI — only when an LKE workbook was given (``lke`` is empty otherwise)."""
    b.tag(doc, "{%p if lke %}")
    b.para(doc, "F.\tPenilaian LKE ZI", "Judul Bagian")
    _paragraphs(doc, "lke.ringkasan")
    _data_table(doc, LKE_KOMPONEN_COLUMNS, "lke.komponen")
    b.para(doc, "Nilai per area perubahan (komponen pengungkit):", "Isi Rata").paragraph_format.space_before = Cm(0.3)
    _data_table(doc, LKE_AREA_COLUMNS, "lke.area")
    p = b.para(doc, "Predikat menurut syarat WBK/WBBM:", "Isi Rata")
    p.paragraph_format.space_before = Cm(0.3)
    b.tag(doc, "{%p for baris in lke.predikat %}")
    b.para(doc, "\u2022\t{{ baris }}", "Daftar Tembusan")
    b.tag(doc, "{%p endfor %}")
    b.tag(doc, "{%p if lke.syarat %}")
    b.para(doc, "Syarat yang belum terpenuhi dan kekurangannya:", "Isi Rata").paragraph_format.space_before = Cm(0.3)
    _data_table(doc, LKE_SYARAT_COLUMNS, "lke.syarat")
    b.tag(doc, "{%p endif %}")
    b.tag(doc, "{%p if lke.usulan %}")
    b.para(doc, "Pertanyaan yang paling menaikkan nilai menuju {{ lke.target }} (satu tingkat jawaban):",
           "Isi Rata").paragraph_format.space_before = Cm(0.3)
    _data_table(doc, LKE_USULAN_COLUMNS, "lke.usulan")
    b.tag(doc, "{%p endif %}")
    b.tag(doc, "{%p if lke.belum_diisi %}")
    b.para(doc, "Pertanyaan yang masih Belum Diisi ({{ lke.jumlah_belum_diisi }}):",
           "Isi Rata").paragraph_format.space_before = Cm(0.3)
    _data_table(doc, LKE_BELUM_COLUMNS, "lke.belum_diisi")
    b.tag(doc, "{%p endif %}")
    b.tag(doc, "{%p endif %}")


def _chart(doc: DocxDocument, name: str, descr: str, size_cm: tuple[float, float], caption: str) -> None:
    """A placeholder picture named ``name`` (replaced by the real chart per report) and its caption."""
    pic = b.para(doc, "", "Keterangan Gambar")
    pic.alignment = WD_ALIGN_PARAGRAPH.CENTER
    pic.paragraph_format.space_before = Cm(0.3)
    run = pic.add_run()
    run.add_picture(io.BytesIO(placeholder_chart_png(size_cm)), width=Cm(size_cm[0]), height=Cm(size_cm[1]))
    docpr = run._r.find(".//" + qn("wp:docPr"))
    assert docpr is not None
    docpr.set("name", name)
    docpr.set("descr", descr)
    b.para(doc, caption, "Keterangan Gambar")


def _report_head(doc: DocxDocument, title: str, lines: tuple[str, ...]) -> None:
    first = doc.paragraphs[0] if doc.paragraphs else b.para(doc)
    first.style = "Judul Naskah"
    first.add_run(title)
    for line in lines:
        b.para(doc, line, "Judul Lampiran")
    b.para(doc, "Nomor {{ nomor }}", "Nomor Naskah")


def _report_end(doc: DocxDocument, letter: str) -> None:
    b.para(doc, f"{letter}.\tKesimpulan dan Tindak Lanjut", "Judul Bagian")
    _paragraphs(doc, "kesimpulan")
    _closing(doc)
    b.para(doc, "{{ tempat }}, {{ tanggal|tanggal }}", "Penandatangan").paragraph_format.space_before = Cm(0.5)
    _signature(doc)
    _tembusan(doc)


def build_laporan_monev() -> DocxDocument:
    doc = _new_document("Laporan Monitoring dan Evaluasi Pembangunan Zona Integritas")
    section = doc.sections[0]
    _kop(section)
    _footer(section)
    first = doc.paragraphs[0] if doc.paragraphs else b.para(doc)
    first.style = "Judul Naskah"
    first.add_run("LAPORAN MONITORING DAN EVALUASI")
    b.para(doc, "PEMBANGUNAN ZONA INTEGRITAS MENUJU WBK/WBBM", "Judul Lampiran")
    b.para(doc, "{{ nama_unit }}", "Judul Lampiran")
    b.para(doc, "{{ periode }}", "Judul Lampiran")
    b.para(doc, "Nomor {{ nomor }}", "Nomor Naskah")
    b.para(doc, "A.\tPendahuluan", "Judul Bagian")
    b.tag(doc, "{%p for alinea in pendahuluan %}")
    b.para(doc, "{{ alinea }}", "Isi Naskah")
    b.tag(doc, "{%p endfor %}")
    b.para(doc, "B.\tRingkasan Capaian", "Judul Bagian")
    b.tag(doc, "{%p for alinea in ringkasan %}")
    b.para(doc, "{{ alinea }}", "Isi Naskah")
    b.tag(doc, "{%p endfor %}")
    b.para(doc, "C.\tProgres per Area Perubahan", "Judul Bagian")
    _data_table(doc, AREA_COLUMNS, "per_area")
    pic = b.para(doc, "", "Keterangan Gambar")
    pic.alignment = WD_ALIGN_PARAGRAPH.CENTER
    pic.paragraph_format.space_before = Cm(0.3)
    run = pic.add_run()
    run.add_picture(io.BytesIO(placeholder_chart_png()), width=Cm(CHART_SIZE_CM[0]), height=Cm(CHART_SIZE_CM[1]))
    docpr = run._r.find(".//" + qn("wp:docPr"))
    assert docpr is not None
    docpr.set("name", CHART_NAME)
    docpr.set("descr", "Grafik rata-rata progres per area perubahan")
    b.para(doc, "Grafik 1. Rata-rata progres kegiatan per area perubahan sampai {{ tanggal_data|tanggal }}",
           "Keterangan Gambar")
    b.para(doc, "D.\tProgres per Kegiatan", "Judul Bagian")
    _data_table(doc, KEGIATAN_COLUMNS, "kegiatan")
    b.para(doc, "E.\tKegiatan Terlambat", "Judul Bagian")
    b.tag(doc, "{%p if terlambat %}")
    b.para(doc, "Kegiatan yang bulan rencananya sudah lewat tetapi belum ada realisasinya:", "Isi Rata")
    _data_table(doc, TERLAMBAT_COLUMNS, "terlambat")
    b.tag(doc, "{%p else %}")
    b.para(doc, "Tidak ada kegiatan yang terlambat sampai akhir periode laporan.", "Isi Rata")
    b.tag(doc, "{%p endif %}")
    _lke_section(doc)
    b.para(doc, "{% if lke %}G{% else %}F{% endif %}.\tKesimpulan dan Tindak Lanjut", "Judul Bagian")
    b.tag(doc, "{%p for alinea in kesimpulan %}")
    b.para(doc, "{{ alinea }}", "Isi Naskah")
    b.tag(doc, "{%p endfor %}")
    _closing(doc)
    b.para(doc, "{{ tempat }}, {{ tanggal|tanggal }}", "Penandatangan").paragraph_format.space_before = Cm(0.5)
    _signature(doc)
    _tembusan(doc)
    return doc


# --- Laporan Kepatuhan Kegiatan Penguatan Integritas (seed 000, kalender-integritas) ------------------

KEPATUHAN_COLUMNS = (
    ("No", "no", 1.0), ("Kegiatan", "kegiatan", 4.6), ("Frekuensi Minimal", "frekuensi", 2.2),
    ("{{ kolom.b1 }}", "b1", 1.5), ("{{ kolom.b2 }}", "b2", 1.5), ("{{ kolom.b3 }}", "b3", 1.5),
    ("Kepatuhan Triwulan (%)", "persen", 2.1), ("Kumulatif (%)", "kumulatif", 2.1),
)
TIDAK_TERPENUHI_COLUMNS = (
    ("No", "no", 1.0), ("Kegiatan", "kegiatan", 4.4), ("Kelompok", "kelompok", 2.2),
    ("Frekuensi Minimal", "frekuensi", 2.2), ("Jumlah", "jumlah", 1.6), ("Periode Tidak Terpenuhi", "periode", 5.1),
)
TEMA_COLUMNS = (
    ("No", "no", 1.0), ("Kegiatan", "kegiatan", 4.0), ("Periode", "periode", 1.9), ("Materi Tematik", "tema", 4.4),
    ("Status", "status", 2.4), ("Tanggal Disampaikan", "tanggal", 2.8),
)


def _grouped_table(doc: DocxDocument, columns: tuple[tuple[str, str, float], ...], groups: str) -> None:
    """A table whose rows come in groups, each group headed by a merged row with its title."""
    widths = [w for _h, _k, w in columns]
    t = b.table(doc, widths, rows=1)
    for cell, (head, _k, _w) in zip(t.rows[0].cells, columns, strict=True):
        b.cell_text(cell, head, "Kepala Tabel")
        b.shade(cell, "D9D9D9")
    b.mark_header_row(t, 0)
    b.cell_tag_row(t, widths, "{%tr for kelompok in " + groups + " %}")
    group = b.add_row(t, widths)
    merged = group[0].merge(group[-1])
    b.cell_text(merged, "{{ kelompok.judul }}", bold=True)
    b.shade(merged, "F2F2F2")
    b.cell_tag_row(t, widths, "{%tr for r in kelompok.baris %}")
    cells = b.add_row(t, widths)
    for cell, (_h, key, _w) in zip(cells, columns, strict=True):
        b.cell_text(cell, "{{ r." + key + " }}")
    b.cell_tag_row(t, widths, "{%tr endfor %}")
    b.cell_tag_row(t, widths, "{%tr endfor %}")


def build_laporan_kepatuhan() -> DocxDocument:
    doc = _new_document("Laporan Kepatuhan Kegiatan Penguatan Integritas")
    section = doc.sections[0]
    _kop(section)
    _footer(section)
    _report_head(doc, "LAPORAN KEPATUHAN", ("KEGIATAN PENGUATAN INTEGRITAS", "{{ nama_unit }}", "{{ periode }}"))
    b.para(doc, "A.\tPendahuluan", "Judul Bagian")
    _paragraphs(doc, "pendahuluan")
    b.para(doc, "B.\tRingkasan Kepatuhan", "Judul Bagian")
    _paragraphs(doc, "ringkasan")
    p = b.para(doc, "", "Isi Rata")
    p.add_run("Tingkat kepatuhan triwulan: {{ kepatuhan_persen }}%; kumulatif: {{ kumulatif_persen }}%").bold = True
    b.para(doc, "C.\tKepatuhan per Kegiatan dan Periode", "Judul Bagian")
    b.para(doc, "Isian per bulan: jumlah periode yang memenuhi frekuensi minimal / jumlah periode yang berakhir pada "
                "bulan itu (hari kerja, minggu, bulan, triwulan atau semester).", "Isi Rata")
    _grouped_table(doc, KEPATUHAN_COLUMNS, "kelompok")
    _chart(doc, "grafik_kepatuhan", "Grafik kepatuhan per kegiatan", (16.0, 11.0),
           "Grafik 1. Kepatuhan per kegiatan pada {{ periode }} sampai {{ tanggal_data|tanggal }} "
           "(merah: ada periode yang tidak terpenuhi)")
    b.para(doc, "D.\tPeriode yang Tidak Terpenuhi", "Judul Bagian")
    b.tag(doc, "{%p if tidak_terpenuhi %}")
    _data_table(doc, TIDAK_TERPENUHI_COLUMNS, "tidak_terpenuhi")
    b.tag(doc, "{%p else %}")
    b.para(doc, "Seluruh periode yang telah berakhir memenuhi frekuensi minimal.", "Isi Rata")
    b.tag(doc, "{%p endif %}")
    b.para(doc, "E.\tPenyampaian Materi Tematik", "Judul Bagian")
    b.tag(doc, "{%p if tema %}")
    _data_table(doc, TEMA_COLUMNS, "tema")
    b.tag(doc, "{%p else %}")
    b.para(doc, "Tidak ada materi tematik yang dijadwalkan pada triwulan ini.", "Isi Rata")
    b.tag(doc, "{%p endif %}")
    _report_end(doc, "F")
    return doc


# --- Laporan Progres Tindak Lanjut SPI (seed 004, tindak-lanjut-spi) ------------------------------

SPI_KEGIATAN_COLUMNS = (
    ("No", "no", 1.0), ("Kegiatan", "kegiatan", 4.0), ("Kriteria dan Ukuran Keberhasilan", "kriteria", 3.2),
    ("Cara Mengukur", "ukuran", 2.0), ("Penanggung Jawab", "penanggung_jawab", 2.3),
    ("Waktu Pelaksanaan", "waktu", 2.4), ("Progres (%)", "progres", 1.6),
)
SPI_RINCIAN_COLUMNS = (
    ("No", "no", 1.0), ("Pemantauan Terakhir", "pemantauan", 2.4), ("Status", "status", 2.0),
    ("Target", "target", 1.4), ("Realisasi", "realisasi", 1.6), ("Progres (%)", "progres", 1.6),
    ("Batas Waktu", "tenggat", 2.4), ("Terlambat", "terlambat", 1.8), ("Catatan", "catatan", 2.3),
)
SPI_TERLAMBAT_COLUMNS = (
    ("No", "no", 1.0), ("Kegiatan", "kegiatan", 6.2), ("Penanggung Jawab", "penanggung_jawab", 3.0),
    ("Batas Waktu", "tenggat", 2.4), ("Progres (%)", "progres", 1.6), ("Status", "status", 2.3),
)


def build_laporan_spi() -> DocxDocument:
    doc = _new_document("Laporan Progres Tindak Lanjut SPI")
    section = doc.sections[0]
    _kop(section)
    _footer(section)
    _report_head(doc, "LAPORAN PROGRES TINDAK LANJUT",
                 ("HASIL SURVEI PENILAIAN INTEGRITAS TAHUN {{ tahun_spi }}", "{{ nama_unit }}", "{{ periode }}"))
    b.para(doc, "A.\tPendahuluan", "Judul Bagian")
    _paragraphs(doc, "pendahuluan")
    b.para(doc, "B.\tRingkasan Progres", "Judul Bagian")
    _paragraphs(doc, "ringkasan")
    p = b.para(doc, "", "Isi Rata")
    p.add_run("Rata-rata progres rencana aksi: {{ progres_persen }}%").bold = True
    b.para(doc, "C.\tProgres per Kegiatan", "Judul Bagian")
    _data_table(doc, SPI_KEGIATAN_COLUMNS, "kegiatan")
    _chart(doc, "grafik_spi", "Grafik progres per kegiatan rencana aksi", (16.0, 8.0),
           "Grafik 1. Progres kegiatan rencana aksi tindak lanjut SPI per {{ tanggal_data|tanggal }}")
    b.para(doc, "D.\tRincian Pemantauan", "Judul Bagian")
    b.para(doc, "Progres dihitung dari laporan pemantauan terakhir sampai tanggal laporan: nilai 0–100 untuk "
                "kegiatan yang diukur dengan nilai, realisasi dibagi target untuk kegiatan yang diukur dengan "
                "persentase, selain itu menurut status.", "Isi Rata")
    _data_table(doc, SPI_RINCIAN_COLUMNS, "rincian")
    b.para(doc, "E.\tKegiatan Terlambat", "Judul Bagian")
    b.tag(doc, "{%p if terlambat %}")
    b.para(doc, "Kegiatan yang batas Waktu Pelaksanaannya sudah lewat tetapi progresnya belum 100%:", "Isi Rata")
    _data_table(doc, SPI_TERLAMBAT_COLUMNS, "terlambat")
    b.tag(doc, "{%p else %}")
    b.para(doc, "Tidak ada kegiatan yang melewati batas Waktu Pelaksanaan.", "Isi Rata")
    b.tag(doc, "{%p endif %}")
    _report_end(doc, "F")
    return doc


BUILDERS = {
    "nota-dinas": build_nota_dinas,
    "surat-dinas": build_surat_dinas,
    "laporan-monev": build_laporan_monev,
    "laporan-kepatuhan": build_laporan_kepatuhan,
    "laporan-spi": build_laporan_spi,
}


def build_all(outdir: str | Path) -> list[Path]:
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, builder in BUILDERS.items():
        path = out / f"{kind}.docx"
        builder().save(str(path))
        written.append(path)
    return written
