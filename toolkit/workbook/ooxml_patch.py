"""XML patches for :mod:`toolkit.workbook.safe_copy`: styles merged and appended, cells marked, notes added.

Every function edits the XML text of one part and keeps existing indexes and elements as
they were (new fonts, fills, borders, number formats and cell formats are appended; new
note shapes are appended after a VML drawing's existing shapes, so form buttons stay).
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from collections.abc import Callable

from toolkit.errors import UnsafeWriteError
from toolkit.workbook.cells import column_index, column_letter
from toolkit.workbook.palette import SEVERITY_FILL, argb

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
FILL_COLOR = {severity: argb(color) for severity, color in SEVERITY_FILL.items()}


def esc(text: object) -> str:
    s = "" if text is None else str(text)
    s = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", s)
    return html.escape(s, quote=True)


def _attr(tag: str, name: str) -> str | None:
    m = re.search(r'\b' + re.escape(name) + r'="([^"]*)"', tag)
    return html.unescape(m.group(1)) if m else None


def rel_prefix(xml: str) -> str:
    m = re.search(r'xmlns:(\w+)="http://schemas.openxmlformats.org/officeDocument/2006/relationships"', xml)
    return m.group(1) if m else "r"


# --- styles ----------------------------------------------------------------------------

def _section(xml: str, tag: str) -> re.Match[str] | None:
    return re.search(rf"<{tag}\b[^>]*?(?:/>|>(.*?)</{tag}>)", xml, re.S)


def _items(inner: str | None, tag: str) -> list[str]:
    return re.findall(rf"<{tag}\b[^>]*?(?:/>|>.*?</{tag}>)", inner or "", re.S)


def _append(xml: str, tag: str, items: list[str], refuse: Callable[[str], Exception],
            section: str | None = None) -> tuple[str, int]:
    """Append ``items`` to the ``<tag>s`` (or ``section``) element; return the new xml and the old item count."""
    name = section or tag + "s"
    m = _section(xml, name)
    if m is None:
        raise refuse(f"styles.xml tanpa bagian {name}.")
    old = len(_items(m.group(1), tag))
    if not items:
        return xml, old
    head = re.match(rf"<{name}\b[^>]*?(?=/?>)", m.group(0))
    assert head is not None
    opening = re.sub(r'\scount="\d+"', "", head.group(0)) + f' count="{old + len(items)}">'
    body = opening + (m.group(1) or "") + "".join(items) + f"</{name}>"
    return xml[:m.start()] + body + xml[m.end():], old


def merge_styles(target: str, donor: str, refuse: Callable[[str], Exception]) -> tuple[str, dict[int, int]]:
    """Append the donor's fonts, fills, borders, number formats and cell formats to ``target``.

    Returns the new styles XML and a map donor-xf-index -> target-xf-index (donor 0,
    the default format, maps to the target's default).
    """
    dm = _section(donor, "dxfs")
    if dm is not None and _items(dm.group(1), "dxf"):
        raise refuse("format bersyarat di sheet baru tidak didukung.")
    fmt_map: dict[int, int] = {}
    donor_fmts = re.findall(r"<numFmt\b[^>]*/>", donor)
    if donor_fmts:
        existing = {(_attr(t, "formatCode") or ""): int(_attr(t, "numFmtId") or 0)
                    for t in re.findall(r"<numFmt\b[^>]*/>", target)}
        next_id = max([163, *existing.values()]) + 1
        new: list[str] = []
        for tag in donor_fmts:
            code, old_id = _attr(tag, "formatCode") or "", int(_attr(tag, "numFmtId") or 0)
            if code in existing:
                fmt_map[old_id] = existing[code]
                continue
            fmt_map[old_id] = existing[code] = next_id
            new.append(f'<numFmt numFmtId="{next_id}" formatCode="{esc(code)}"/>')
            next_id += 1
        if new:
            if _section(target, "numFmts") is None:
                open_tag = re.search(r"<styleSheet\b[^>]*>", target)
                if open_tag is None:
                    raise refuse("styles.xml tidak terbaca.")
                target = target[:open_tag.end()] + '<numFmts count="0"></numFmts>' + target[open_tag.end():]
            elif re.search(r"<numFmts\b[^>]*/>", target):
                target = re.sub(r"<numFmts\b[^>]*/>", '<numFmts count="0"></numFmts>', target, count=1)
            target, _ = _append(target, "numFmt", new, refuse)
    offsets = {}
    for tag in ("font", "fill", "border"):
        dsec = _section(donor, tag + "s")
        target, offsets[tag] = _append(target, tag, _items(dsec.group(1) if dsec else "", tag), refuse)
    dsec = _section(donor, "cellXfs")
    donor_xfs = _items(dsec.group(1) if dsec else "", "xf")
    tsec = _section(target, "cellXfs")
    if tsec is None:
        raise refuse("styles.xml tanpa cellXfs.")
    base = len(_items(tsec.group(1), "xf"))
    new_xfs = []
    xf_map = {0: 0}
    for i, xf in enumerate(donor_xfs[1:], start=1):
        head = re.match(r"<xf\b[^>]*?(?=/?>)", xf)
        assert head is not None
        tag = head.group(0)
        for key, name in (("font", "fontId"), ("fill", "fillId"), ("border", "borderId")):
            tag = _shift_attr(tag, name, offsets[key])
        tag = re.sub(r'(\snumFmtId=")(\d+)(")',
                     lambda m: f"{m.group(1)}{fmt_map.get(int(m.group(2)), int(m.group(2)))}{m.group(3)}", tag)
        tag = re.sub(r'\sxfId="\d+"', ' xfId="0"', tag)
        new_xfs.append(tag + xf[head.end():])
        xf_map[i] = base + len(new_xfs) - 1
    target, _ = _append(target, "xf", new_xfs, refuse, "cellXfs")
    return target, xf_map


def _shift_attr(tag: str, name: str, offset: int) -> str:
    m = re.search(rf'\s{name}="(\d+)"', tag)
    if m is None:
        return tag
    return tag[:m.start(1)] + str(int(m.group(1)) + offset) + tag[m.end(1):]


class StyleAppender:
    """Append fills and cell formats for marked cells without touching existing indexes."""

    def __init__(self, xml: str, refuse: Callable[[str], Exception]) -> None:
        self._xml = xml
        self.refuse = refuse
        self.changed = False
        m = _section(xml, "cellXfs")
        if not m:
            raise refuse("styles.xml tanpa cellXfs.")
        self.xfs = _items(m.group(1), "xf")
        fm = _section(xml, "fills")
        self.fill_count = len(_items(fm.group(1), "fill")) if fm else 0
        self.new_fills: list[str] = []
        self.new_xfs: list[str] = []
        self.fill_ids: dict[str, int] = {}
        self.cache: dict[tuple[int, str], int] = {}

    def marked(self, base: int, severity: str) -> int:
        key = (base, severity)
        if key in self.cache:
            return self.cache[key]
        if severity not in self.fill_ids:
            self.fill_ids[severity] = self.fill_count + len(self.new_fills)
            self.new_fills.append(f'<fill><patternFill patternType="solid"><fgColor rgb="{FILL_COLOR[severity]}"/>'
                                  '<bgColor indexed="64"/></patternFill></fill>')
        fill_id = self.fill_ids[severity]
        template = self.xfs[base] if 0 <= base < len(self.xfs) else (self.xfs[0] if self.xfs else '<xf/>')
        head = re.match(r"<xf\b[^>]*?/?>", template, re.S)
        assert head is not None
        tag = re.sub(r'\s(fillId|applyFill)="[^"]*"', "", head.group(0))
        tag = tag.replace("<xf", f'<xf fillId="{fill_id}" applyFill="1"', 1)
        index = len(self.xfs) + len(self.new_xfs)
        self.new_xfs.append(tag + template[head.end():])
        self.cache[key] = index
        self.changed = True
        return index

    def xml(self) -> str:
        xml = self._xml
        if self.new_fills:
            if re.search(r"<fills\b[^>]*/>", xml):
                xml = re.sub(r"<fills\b[^>]*/>", '<fills count="0"></fills>', xml, count=1)
            xml, _ = _append(xml, "fill", self.new_fills, self.refuse)
        xml, _ = _append(xml, "xf", self.new_xfs, self.refuse, "cellXfs")
        return xml


# --- sheet XML patching ----------------------------------------------------------------

_ROW_SPAN = re.compile(r"<row\b([^>]*?)(/>|>(.*?)</row>)", re.S)
_CELL = re.compile(r"<c\b([^>]*?)(/>|>.*?</c>)", re.S)


def patch_cells(xml: str, severities: dict[tuple[int, int], str], styles: StyleAppender,
                 refuse: Callable[[str], Exception]) -> str:
    by_row: dict[int, dict[int, str]] = defaultdict(dict)
    for (r, c), sev in severities.items():
        by_row[r][c] = sev
    sd = re.search(r"<sheetData\b[^>]*?(/>|>)", xml)
    if sd is None:
        raise refuse("data sheet tidak terbaca.")
    if sd.group(1) == "/>":
        xml = xml[:sd.start()] + "<sheetData></sheetData>" + xml[sd.end():]
        sd = re.search(r"<sheetData\b[^>]*?>", xml)
        assert sd is not None
    end = xml.index("</sheetData>", sd.end())
    body = xml[sd.end():end]
    pieces: list[str] = []
    pos = 0
    pending = sorted(by_row)
    pi = 0
    for m in _ROW_SPAN.finditer(body):
        rnum_m = re.search(r'\br="(\d+)"', m.group(1))
        if rnum_m is None:
            raise refuse("baris tanpa nomor di sheet.")
        rnum = int(rnum_m.group(1))
        while pi < len(pending) and pending[pi] < rnum:
            pieces.append(body[pos:m.start()])
            pos = m.start()
            pieces.append(_new_row(pending[pi], by_row[pending[pi]], styles))
            pi += 1
        if pi < len(pending) and pending[pi] == rnum:
            pieces.append(body[pos:m.start()])
            pieces.append(_patch_row(m, rnum, by_row[rnum], styles))
            pos = m.end()
            pi += 1
    pieces.append(body[pos:])
    while pi < len(pending):
        pieces.append(_new_row(pending[pi], by_row[pending[pi]], styles))
        pi += 1
    return xml[:sd.end()] + "".join(pieces) + xml[end:]


def _new_row(rnum: int, cols: dict[int, str], styles: StyleAppender) -> str:
    cells = "".join(f'<c r="{column_letter(c)}{rnum}" s="{styles.marked(0, sev)}"/>' for c, sev in sorted(cols.items()))
    return f'<row r="{rnum}">{cells}</row>'


def _patch_row(m: re.Match[str], rnum: int, cols: dict[int, str], styles: StyleAppender) -> str:
    attrs = re.sub(r'\sspans="[^"]*"', "", m.group(1))
    row_style = 0
    if 'customFormat="1"' in attrs:
        s = re.search(r'\bs="(\d+)"', attrs)
        row_style = int(s.group(1)) if s else 0
    inner = m.group(3) or ""
    todo = dict(cols)
    out: list[str] = []
    pos = 0
    col = 0
    for cm in _CELL.finditer(inner):
        ref = re.search(r'\br="([A-Z]+)\d+"', cm.group(1))
        col = column_index(ref.group(1)) if ref else col + 1
        for c in sorted(k for k in todo if k < col):
            out.append(inner[pos:cm.start()])
            pos = cm.start()
            out.append(f'<c r="{column_letter(c)}{rnum}" s="{styles.marked(row_style, todo.pop(c))}"/>')
        if col in todo:
            sev = todo.pop(col)
            s = re.search(r'\bs="(\d+)"', cm.group(1))
            base = int(s.group(1)) if s else row_style
            new_attrs = re.sub(r'\ss="\d+"', "", cm.group(1))
            if not ref:
                new_attrs = f' r="{column_letter(col)}{rnum}"' + new_attrs
            out.append(inner[pos:cm.start()])
            out.append(f'<c{new_attrs} s="{styles.marked(base, sev)}"{cm.group(2)}')
            pos = cm.end()
    out.append(inner[pos:])
    for c in sorted(todo):
        out.append(f'<c r="{column_letter(c)}{rnum}" s="{styles.marked(row_style, todo[c])}"/>')
    return f"<row{attrs}>{''.join(out)}</row>"


# elements that must come after <legacyDrawing> in CT_Worksheet
_AFTER_LEGACY = ("legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems",
                 "tableParts", "extLst")


def insert_legacy_drawing(xml: str, rid: str, refuse: Callable[[str], Exception]) -> str:
    prefix = rel_prefix(xml)
    if f'xmlns:{prefix}="' not in xml:
        xml = re.sub(r"<worksheet\b", f'<worksheet xmlns:r="{NS_REL}"', xml, count=1)
        prefix = "r"
    element = f'<legacyDrawing {prefix}:id="{rid}"/>'
    positions = [xml.find(f"<{tag}") for tag in _AFTER_LEGACY if xml.find(f"<{tag}") >= 0]
    if positions:
        at = min(positions)
        return xml[:at] + element + xml[at:]
    if "</worksheet>" not in xml:
        raise refuse("akhir sheet tidak ditemukan.")
    return xml.replace("</worksheet>", element + "</worksheet>", 1)


def comment_xml(rc: tuple[int, int], text: str, author: int) -> str:
    r, c = rc
    runs = (f'<r><rPr><b/><sz val="9"/><rFont val="Tahoma"/></rPr><t xml:space="preserve">Integritas toolkit:\n</t></r>'
            f'<r><rPr><sz val="9"/><rFont val="Tahoma"/></rPr><t xml:space="preserve">{esc(text[:2000])}</t></r>')
    return f'<comment ref="{column_letter(c)}{r}" authorId="{author}"><text>{runs}</text></comment>'


EMPTY_VML = ('<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
              'xmlns:x="urn:schemas-microsoft-com:office:excel">\n'
              '<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="{IDMAP}"/></o:shapelayout>\n</xml>')
_SHAPETYPE_202 = ('<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,'
                  'l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/>'
                  '</v:shapetype>\n')


def append_vml_notes(vml: str, notes: dict[tuple[int, int], str]) -> str:
    """Add one hidden note shape per cell to a VML drawing, after its existing shapes (buttons stay)."""
    ids = [int(x) for x in re.findall(r'id="_x0000_s(\d+)"', vml)]
    idmap = re.search(r'<o:idmap\b[^>]*data="([^"]*)"', vml)
    blocks = [int(x) for x in re.findall(r"\d+", idmap.group(1))] if idmap else []
    block = max(blocks) if blocks else 1
    next_id = max(ids) + 1 if ids else block * 1024 + 1
    shapes: list[str] = []
    new_blocks: set[int] = set()
    for i, ((r, c), _text) in enumerate(sorted(notes.items())):
        sid = next_id + i
        new_blocks.add(sid // 1024)
        shapes.append(
            f'<v:shape id="_x0000_s{sid}" type="#_x0000_t202" style="position:absolute;margin-left:60pt;'
            f'margin-top:1.5pt;width:240pt;height:90pt;z-index:{sid};visibility:hidden" fillcolor="#ffffe1" '
            'o:insetmode="auto"><v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/>'
            '<v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left">'
            '</div></v:textbox><x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/>'
            f"<x:Anchor>{c}, 15, {max(r - 2, 0)}, 10, {c + 3}, 15, {r + 3}, 4</x:Anchor>"
            f"<x:AutoFill>False</x:AutoFill><x:Row>{r - 1}</x:Row><x:Column>{c - 1}</x:Column></x:ClientData>"
            "</v:shape>\n")
    extra = sorted(new_blocks - set(blocks))
    if extra and blocks:
        vml = re.sub(r'(<o:idmap\b[^>]*data=")([^"]*)(")',
                     lambda m: m.group(1) + ",".join(str(b) for b in [*blocks, *extra]) + m.group(3), vml, count=1)
    if 'id="_x0000_t202"' not in vml:
        shapes.insert(0, _SHAPETYPE_202)
    close = vml.rfind("</xml>")
    if close < 0:
        raise UnsafeWriteError("gambar VML sheet tidak terbaca; hasil tidak ditulis.")
    return vml[:close] + "".join(shapes) + vml[close:]
