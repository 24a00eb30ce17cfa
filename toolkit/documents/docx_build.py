"""python-docx helpers for building the letter templates: styles, A4 pages, kop, tables.

Used by ``toolkit.documents.build_templates`` (and ``scripts/build_docx_templates.py``).
Everything here produces ordinary Word constructs a secretariat can edit in Word:
named paragraph styles (not direct formatting), real tables whose header rows are
marked to repeat on every page (``w:tblHeader``), section breaks for landscape
Lampiran pages, first-page headers for the kop.
"""

from __future__ import annotations

from collections.abc import Sequence

from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

FONT = "Arial"
A4_W, A4_H = Cm(21.0), Cm(29.7)


def set_run_font(rpr_owner: object, name: str = FONT) -> None:
    """Arial for every script (Word keeps separate fonts for ascii, hAnsi, eastAsia, cs)."""
    rpr = rpr_owner.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def setup_styles(doc: DocxDocument, *, base_size: float = 11) -> None:
    """Normal: Arial, single spacing, no space after; plus the named styles the templates use."""
    normal = doc.styles["Normal"]
    assert isinstance(normal, ParagraphStyle)
    normal.font.name = FONT
    normal.font.size = Pt(base_size)
    set_run_font(normal.element)
    pf = normal.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    pf.line_spacing = 1.0
    doc.core_properties.author = "Integritas toolkit"
    doc.core_properties.comments = "Templat naskah dinas (jinja2 melalui docxtpl)."

    def add(name: str, *, size: float | None = None, bold: bool = False, italic: bool = False,
            align: WD_ALIGN_PARAGRAPH | None = None, left: float | None = None, first: float | None = None,
            before: float = 0, after: float = 0, tabs: Sequence[float] = (), keep_next: bool = False,
            color: str | None = None) -> ParagraphStyle:
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        assert isinstance(style, ParagraphStyle)
        style.base_style = normal
        style.quick_style = True
        f = style.font
        if size:
            f.size = Pt(size)
        f.bold = bold or None
        f.italic = italic or None
        if color:
            f.color.rgb = RGBColor.from_string(color)
        p = style.paragraph_format
        if align is not None:
            p.alignment = align
        if left is not None:
            p.left_indent = Cm(left)
        if first is not None:
            p.first_line_indent = Cm(first)
        p.space_before = Pt(before)
        p.space_after = Pt(after)
        for t in tabs:
            p.tab_stops.add_tab_stop(Cm(t), WD_TAB_ALIGNMENT.LEFT)
        if keep_next:
            p.keep_with_next = True
        return style

    J, C, R = WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT
    add("Kop Instansi", size=base_size + 2, bold=True, align=C)
    add("Kop Alamat", size=base_size - 3, align=C)
    add("Judul Naskah", size=base_size + 1, bold=True, align=C, before=12, keep_next=True)
    add("Nomor Naskah", align=C, after=12, keep_next=True)
    add("Isi Naskah", align=J, first=1.0, after=6)
    add("Isi Rata", align=J, after=6)
    add("Isi Bernomor", align=J, left=0.75, first=-0.75, after=3, tabs=(0.75,))
    add("Sub Isi", align=J, left=1.35, first=-0.6, after=0, tabs=(1.35,))
    add("Pesan Integritas", size=base_size - 1, italic=True, align=J, before=4, after=4)
    add("Penandatangan", left=8.5, keep_next=True)
    add("Nama Penandatangan", left=8.5, bold=True, keep_next=True)
    add("Judul Tembusan", before=8, keep_next=True)
    add("Daftar Tembusan", left=0.6, first=-0.6, tabs=(0.6,))
    add("Tanggal Surat", align=R, after=12)
    add("Tujuan Surat", left=0.9, first=-0.9, tabs=(0.9,))
    add("Kepala Lampiran", size=base_size - 1, left=15.5, first=-2.6, tabs=(15.5,))
    add("Judul Lampiran", bold=True, align=C, before=6, after=6, keep_next=True)
    add("Judul Bagian", bold=True, before=12, after=6, keep_next=True, tabs=(0.75,), left=0.75, first=-0.75)
    add("Isi Tabel", size=base_size - 2)
    add("Kepala Tabel", size=base_size - 2, bold=True, align=C, keep_next=True)
    add("Keterangan Gambar", size=base_size - 2, italic=True, align=C, after=6)
    add("Catatan Kaki", size=base_size - 4)
    add("Tag", size=2)  # paragraphs holding only {%p …%} tags (removed when rendered)


def setup_page(section: Section, *, landscape: bool = False) -> None:
    """A4 with the margins of a naskah dinas: top 2 cm, bottom 2 cm, left 2.5 cm, right 2 cm."""
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (A4_H, A4_W) if landscape else (A4_W, A4_H)
    section.top_margin = Cm(2.0)
    section.bottom_margin = Cm(2.0)
    section.left_margin = Cm(2.5) if not landscape else Cm(2.0)
    section.right_margin = Cm(2.0)
    section.header_distance = Cm(1.0)
    section.footer_distance = Cm(0.8)


def add_landscape_section(doc: DocxDocument) -> Section:
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    setup_page(section, landscape=True)
    section.different_first_page_header_footer = False
    section.header.is_linked_to_previous = False
    return section


def para(container: object, text: str = "", style: str | None = None, *, bold: bool = False,
         underline: bool = False, italic: bool = False) -> Paragraph:
    """Add a paragraph; "\t" in ``text`` becomes a real tab."""
    p: Paragraph = container.add_paragraph(style=style)  # type: ignore[attr-defined]
    if text:
        run = p.add_run(text)
        run.bold = bold or None
        run.underline = underline or None
        run.italic = italic or None
    return p


def tag(container: object, text: str) -> Paragraph:
    """A paragraph holding one ``{%p …%}`` tag; docxtpl removes the whole paragraph."""
    return para(container, text, "Tag")


def page_break_run(p: Paragraph) -> None:
    p.add_run().add_break(WD_BREAK.PAGE)


def bottom_border(p: Paragraph, *, style: str = "thickThinSmallGap", size: int = 18) -> None:
    ppr = p._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), style)
    bottom.set(qn("w:sz"), str(size))
    bottom.set(qn("w:space"), "4")
    bottom.set(qn("w:color"), "auto")
    bdr.append(bottom)
    ppr.append(bdr)


def add_page_field(p: Paragraph) -> None:
    """A PAGE field (the page number), as Word inserts it."""
    run = p.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    num = OxmlElement("w:t")
    num.text = "2"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for el in (begin, instr, sep, num, end):
        r = OxmlElement("w:r")
        r.append(el)
        run._r.addprevious(r)


# --- tables ---------------------------------------------------------------------------------

def table(doc: DocxDocument, widths_cm: Sequence[float], *, rows: int = 1, grid: bool = True,
          align_center: bool = False) -> Table:
    """A fixed-layout table with the given column widths; ``grid`` draws all borders (Table Grid)."""
    t = doc.add_table(rows=rows, cols=len(widths_cm))
    if grid:
        t.style = doc.styles["Table Grid"]
    t.autofit = False
    if align_center:
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
    tblpr = t._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tblpr.append(layout)
    for row in t.rows:
        for cell, w in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(w)
    for col, w in zip(t.columns, widths_cm, strict=True):
        col.width = Cm(w)
    return t


def add_row(t: Table, widths_cm: Sequence[float]) -> list[_Cell]:
    row = t.add_row()
    for cell, w in zip(row.cells, widths_cm, strict=True):
        cell.width = Cm(w)
    return list(row.cells)


def mark_header_row(t: Table, index: int) -> None:
    """Repeat this row at the top of every page the table runs over (Word: 'Repeat as header row')."""
    tr = t.rows[index]._tr
    trpr = tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)
    cant = OxmlElement("w:cantSplit")
    cant.set(qn("w:val"), "true")
    trpr.append(cant)


def shade(cell: _Cell, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.append(shd)


def cell_text(cell: _Cell, text: str, style: str = "Isi Tabel", *, bold: bool = False,
              align: WD_ALIGN_PARAGRAPH | None = None) -> Paragraph:
    p = cell.paragraphs[0]
    p.style = style
    if text:
        run = p.add_run(text)
        run.bold = bold or None
    if align is not None:
        p.alignment = align
    return p


def cell_tag_row(t: Table, widths_cm: Sequence[float], text: str) -> None:
    """A row holding a ``{%tr …%}`` tag in its first cell (docxtpl removes the whole row)."""
    cells = add_row(t, widths_cm)
    cell_text(cells[0], text, "Tag")
