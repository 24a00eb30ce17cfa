"""Write the findings into a copy of the workbook, keeping everything else byte for byte.

``write_results_copy(src, report)`` writes ``<name>.hasil.xlsx`` (or ``.xlsm``) next to
the input. The copy has

- a new last sheet *Hasil Validasi*: one row per finding (severity, sheet, cell with a
  hyperlink to it, column, rule, value, message), all written as inline text;
- each offending cell filled (red for an error, yellow for a warning) with a
  comment holding the messages.

openpyxl's ``load_workbook(keep_vba=True)`` drops form buttons (VML/ctrlProps),
some drawings and other parts it does not model, so this module never round-trips
the workbook through a library. It does zip-level surgery: every original part is
copied unchanged (same bytes, including ``xl/vbaProject.bin``, drawings, images,
data validations, conditional formats, defined names), and only these are
patched or added:

- ``[Content_Types].xml``, ``xl/workbook.xml`` and its rels: one sheet entry added;
- ``xl/styles.xml``: fills and cell formats appended (existing indexes unchanged);
- the worksheets holding findings: the ``s`` attribute of the offending cells, and a
  ``<legacyDrawing>`` element when the sheet has none;
- comments and their VML shapes: a new comments part, and new shapes appended to
  the sheet's VML drawing (an existing drawing keeps its buttons).

Where the surgery cannot be done safely (a strict-OOXML file, a sheet whose XML is
not as expected) nothing is written and :class:`UnsafeWriteError` says why.
"""

from __future__ import annotations

import html
import posixpath
import re
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.errors import UnsafeWriteError, UsageError
from toolkit.validation.report import SEVERITY_LABEL, Finding, Report, _jsonable
from toolkit.validation.xmlscan import sheet_parts
from toolkit.workbook.cells import column_index, column_letter, split_address
from toolkit.workbook.preflight import check_workbook_file

RESULT_SHEET = "Hasil Validasi"
NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_WORKSHEET = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
REL_COMMENTS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
REL_VML = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing"
CT_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
CT_COMMENTS = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"
CT_VML = "application/vnd.openxmlformats-officedocument.vmlDrawing"
FILL_COLOR = {"error": "FFFFC7CE", "warning": "FFFFEB9C"}
MAX_MARKED_CELLS = 20_000  # cells highlighted and commented; the Hasil sheet lists every finding
MAX_RESULT_ROWS = 1_000_000


def default_destination(src: Path) -> Path:
    return src.with_name(f"{src.stem}.hasil{src.suffix.lower()}")


def write_results_copy(src: str | Path, report: Report, dest: str | Path | None = None, *,
                       overwrite: bool = False) -> Path:
    """Write a copy of ``src`` with the findings; return its path. The input is never touched."""
    source = check_workbook_file(src)
    target = Path(dest) if dest is not None else default_destination(source)
    if target.suffix.lower() != source.suffix.lower():
        raise UsageError(f"file hasil harus berekstensi {source.suffix.lower()} seperti file asli.", path=target)
    if target.resolve() == source.resolve():
        raise UnsafeWriteError("file hasil tidak boleh sama dengan file asli; file asli tidak pernah ditimpa.",
                               path=target)
    if target.exists() and not overwrite:
        raise UsageError("file hasil sudah ada; pakai --timpa untuk menimpanya atau hapus dulu.", path=target)
    with zipfile.ZipFile(source) as zin:
        patched = _Surgery(zin, source).run(report.findings)
        tmp = target.with_name(target.name + ".tmp")
        try:
            with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zout:
                for info in zin.infolist():
                    if info.filename in patched:
                        zout.writestr(_info_like(info), patched.pop(info.filename))
                    else:
                        zout.writestr(info, zin.read(info.filename))
                for name, data in patched.items():
                    zout.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), data,
                                  compress_type=zipfile.ZIP_DEFLATED)
            tmp.replace(target)
        finally:
            if tmp.exists():
                tmp.unlink()
    return target


def _info_like(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    new = zipfile.ZipInfo(info.filename, date_time=info.date_time)
    new.compress_type = zipfile.ZIP_DEFLATED
    new.external_attr = info.external_attr
    return new


# --- helpers ---------------------------------------------------------------------------

def _esc(text: object) -> str:
    s = "" if text is None else str(text)
    s = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", s)
    return html.escape(s, quote=True)


def _quote_sheet(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def _rels_path(part: str) -> str:
    d, b = posixpath.split(part)
    return posixpath.join(d, "_rels", b + ".rels")


def _rel_target(base_part: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(base_part), target))


def _relative(from_part: str, to_part: str) -> str:
    return posixpath.relpath(to_part, posixpath.dirname(from_part))


_REL_RE = re.compile(r"<Relationship\b[^>]*?/>", re.S)


def _attr(tag: str, name: str) -> str | None:
    m = re.search(r'\b' + re.escape(name) + r'="([^"]*)"', tag)
    return html.unescape(m.group(1)) if m else None


@dataclass
class _SheetEdit:
    name: str
    part: str
    cells: dict[tuple[int, int], list[Finding]] = field(default_factory=dict)


class _Surgery:
    def __init__(self, zin: zipfile.ZipFile, path: Path) -> None:
        self.zin = zin
        self.path = path
        self.names = set(zin.namelist())
        self.out: dict[str, bytes] = {}

    def text(self, name: str) -> str:
        if name in self.out:
            return self.out[name].decode("utf-8")
        return self.zin.read(name).decode("utf-8")

    def put(self, name: str, text: str) -> None:
        self.out[name] = text.encode("utf-8")

    def refuse(self, why: str) -> UnsafeWriteError:
        return UnsafeWriteError(f"hasil validasi tidak ditulis agar workbook tidak rusak: {why}", path=self.path)

    # -- main ----------------------------------------------------------------------
    def run(self, findings: list[Finding]) -> dict[str, bytes]:
        wb_xml = self.text("xl/workbook.xml")
        if "purl.oclc.org/ooxml" in wb_xml:
            raise self.refuse("format Strict Open XML tidak didukung; simpan ulang sebagai Excel Workbook biasa.")
        parts = {p.name: p for p in sheet_parts(self.zin)}
        edits: dict[str, _SheetEdit] = {}
        marked = 0
        for f in findings:
            if not f.cell or f.sheet not in parts or marked >= MAX_MARKED_CELLS:
                continue
            try:
                row, col = split_address(f.cell)
            except ValueError:
                continue
            edit = edits.setdefault(f.sheet, _SheetEdit(f.sheet, parts[f.sheet].path))
            if (row, col) not in edit.cells:
                marked += 1
            edit.cells.setdefault((row, col), []).append(f)
        styles = _Styles(self.text("xl/styles.xml")) if "xl/styles.xml" in self.names else None
        if edits and styles is None:
            raise self.refuse("workbook tidak punya xl/styles.xml.")
        for edit in edits.values():
            if edit.part not in self.names:
                raise self.refuse(f"bagian sheet '{edit.name}' tidak ditemukan.")
            self._mark_sheet(edit, styles)  # type: ignore[arg-type]
        if styles is not None and styles.changed:
            self.put("xl/styles.xml", styles.xml())
        self._add_result_sheet(findings, parts)
        return self.out

    # -- result sheet --------------------------------------------------------------
    def _add_result_sheet(self, findings: list[Finding], parts: Mapping[str, object]) -> None:
        name = RESULT_SHEET
        n = 2
        lowered = {p.casefold() for p in parts}
        while name.casefold() in lowered:
            name = f"{RESULT_SHEET} ({n})"
            n += 1
        index = 1
        while f"xl/worksheets/sheet{index}.xml" in self.names or f"xl/worksheets/sheet{index}.xml" in self.out:
            index += 1
        part = f"xl/worksheets/sheet{index}.xml"
        self.put(part, _result_sheet_xml(findings, set(parts)))
        rels_name = "xl/_rels/workbook.xml.rels"
        rels = self.text(rels_name)
        rid = _new_rid(rels)
        rels = rels.replace("</Relationships>", f'<Relationship Id="{rid}" Type="{REL_WORKSHEET}" '
                            f'Target="worksheets/sheet{index}.xml"/></Relationships>')
        self.put(rels_name, rels)
        wb = self.text("xl/workbook.xml")
        ids = [int(x) for x in re.findall(r'<sheet\b[^>]*?\bsheetId="(\d+)"', wb)]
        prefix = _rel_prefix(wb)
        entry = f'<sheet name="{_esc(name)}" sheetId="{max(ids, default=0) + 1}" {prefix}:id="{rid}"/>'
        if "</sheets>" not in wb:
            raise self.refuse("daftar sheet di xl/workbook.xml tidak terbaca.")
        wb = wb.replace("</sheets>", entry + "</sheets>", 1)
        self.put("xl/workbook.xml", wb)
        self._content_type(part, CT_WORKSHEET)

    def _content_type(self, part: str, content_type: str) -> None:
        ct = self.text("[Content_Types].xml")
        if f'PartName="/{part}"' in ct:
            return
        ct = ct.replace("</Types>", f'<Override PartName="/{part}" ContentType="{content_type}"/></Types>')
        self.put("[Content_Types].xml", ct)

    def _default_type(self, ext: str, content_type: str) -> None:
        ct = self.text("[Content_Types].xml")
        if re.search(r'<Default\b[^>]*Extension="' + ext + '"', ct, re.I):
            return
        ct = ct.replace("</Types>", f'<Default Extension="{ext}" ContentType="{content_type}"/></Types>')
        self.put("[Content_Types].xml", ct)

    # -- marking cells ---------------------------------------------------------------
    def _mark_sheet(self, edit: _SheetEdit, styles: _Styles) -> None:
        xml = self.text(edit.part)
        severities = {rc: ("error" if any(f.severity == "error" for f in fs) else "warning")
                      for rc, fs in edit.cells.items()}
        xml = _patch_cells(xml, severities, styles, self.refuse)
        xml = self._add_comments(edit, xml)
        self.put(edit.part, xml)

    def _add_comments(self, edit: _SheetEdit, xml: str) -> str:
        rels_name = _rels_path(edit.part)
        rels = self.text(rels_name) if rels_name in self.names or rels_name in self.out else \
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' \
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>'
        existing_comments = None
        existing_vml = None
        for tag in _REL_RE.findall(rels):
            typ = _attr(tag, "Type") or ""
            target = _attr(tag, "Target") or ""
            if typ == REL_COMMENTS:
                existing_comments = _rel_target(edit.part, target)
            elif typ == REL_VML:
                existing_vml = _rel_target(edit.part, target)
        notes = {rc: "\n".join(f"[{SEVERITY_LABEL[f.severity]}] {f.rule_id}: {f.message}" for f in fs)
                 for rc, fs in sorted(edit.cells.items())}
        # comments part
        if existing_comments and existing_comments in self.names:
            comments = self.text(existing_comments)
            taken = {split_address(a) for a in re.findall(r'<comment\b[^>]*?\bref="([A-Z]+\d+)"', comments)}
            notes = {rc: t for rc, t in notes.items() if rc not in taken}
            if not notes:
                return xml
            author_id = len(re.findall(r"<author>", comments))
            if "<authors/>" in comments:
                comments = comments.replace("<authors/>", "<authors><author>Integritas toolkit</author></authors>")
            else:
                comments = comments.replace("</authors>", "<author>Integritas toolkit</author></authors>", 1)
            body = "".join(_comment_xml(rc, t, author_id) for rc, t in notes.items())
            if "<commentList/>" in comments:
                comments = comments.replace("<commentList/>", f"<commentList>{body}</commentList>")
            else:
                comments = comments.replace("</commentList>", body + "</commentList>", 1)
            self.put(existing_comments, comments)
        else:
            n = 1
            while f"xl/comments{n}.xml" in self.names or f"xl/comments{n}.xml" in self.out:
                n += 1
            comments_part = f"xl/comments{n}.xml"
            body = "".join(_comment_xml(rc, t, 0) for rc, t in notes.items())
            self.put(comments_part,
                     '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                     f'<comments xmlns="{NS_MAIN}"><authors><author>Integritas toolkit</author></authors>'
                     f"<commentList>{body}</commentList></comments>")
            self._content_type(comments_part, CT_COMMENTS)
            rid = _new_rid(rels)
            rels = rels.replace("</Relationships>", f'<Relationship Id="{rid}" Type="{REL_COMMENTS}" '
                                f'Target="{_relative(edit.part, comments_part)}"/></Relationships>')
        # VML shapes
        if existing_vml and existing_vml in self.names:
            vml = self.text(existing_vml)
            self.put(existing_vml, _append_vml_notes(vml, notes))
        else:
            n = 1
            while f"xl/drawings/vmlDrawing{n}.vml" in self.names or f"xl/drawings/vmlDrawing{n}.vml" in self.out:
                n += 1
            vml_part = f"xl/drawings/vmlDrawing{n}.vml"
            self.put(vml_part, _append_vml_notes(_EMPTY_VML.replace("{IDMAP}", str(1000 + n)), notes))
            self._default_type("vml", CT_VML)
            rid = _new_rid(rels)
            rels = rels.replace("</Relationships>", f'<Relationship Id="{rid}" Type="{REL_VML}" '
                                f'Target="{_relative(edit.part, vml_part)}"/></Relationships>')
            if re.search(r"<legacyDrawing\b", xml):
                raise self.refuse(f"sheet '{edit.name}' punya gambar lama (VML) yang tidak terbaca.")
            xml = _insert_legacy_drawing(xml, rid, self.refuse)
        self.put(rels_name, rels)
        return xml


def _rel_prefix(wb: str) -> str:
    m = re.search(r'xmlns:(\w+)="http://schemas.openxmlformats.org/officeDocument/2006/relationships"', wb)
    return m.group(1) if m else "r"


def _new_rid(rels: str) -> str:
    used = set(re.findall(r'\bId="([^"]*)"', rels))
    n = len(used) + 1
    while f"rId{n}" in used:
        n += 1
    return f"rId{n}"


# --- styles ----------------------------------------------------------------------------

class _Styles:
    """Append fills and cell formats to styles.xml without touching existing indexes."""

    def __init__(self, xml: str) -> None:
        self._xml = xml
        self.changed = False
        m = re.search(r"<cellXfs\b[^>]*?(?:/>|>(.*?)</cellXfs>)", xml, re.S)
        if not m:
            raise UnsafeWriteError("styles.xml tanpa cellXfs; hasil validasi tidak ditulis.")
        self.xfs = re.findall(r"<xf\b[^>]*?(?:/>|>.*?</xf>)", m.group(1) or "", re.S)
        fm = re.search(r"<fills\b[^>]*?(?:/>|>(.*?)</fills>)", xml, re.S)
        self.fill_count = len(re.findall(r"<fill\b", fm.group(1) or "")) if fm else 0
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
        tag = head.group(0)
        tag = re.sub(r'\s(fillId|applyFill)="[^"]*"', "", tag)
        tag = tag.replace("<xf", f'<xf fillId="{fill_id}" applyFill="1"', 1)
        xf = tag + template[head.end():]
        index = len(self.xfs) + len(self.new_xfs)
        self.new_xfs.append(xf)
        self.cache[key] = index
        self.changed = True
        return index

    def xml(self) -> str:
        xml = self._xml
        if self.new_fills:
            total = self.fill_count + len(self.new_fills)
            if re.search(r"<fills\b[^>]*/>", xml):
                xml = re.sub(r"<fills\b[^>]*/>", f'<fills count="{total}">' + "".join(self.new_fills) + "</fills>",
                             xml, count=1)
            else:
                xml = re.sub(r"</fills>", lambda _m: "".join(self.new_fills) + "</fills>", xml, count=1)
                xml = re.sub(r'(<fills\b[^>]*?\bcount=")\d+(")', lambda m: f"{m.group(1)}{total}{m.group(2)}",
                             xml, count=1)
        total = len(self.xfs) + len(self.new_xfs)
        xml = re.sub(r"</cellXfs>", lambda _m: "".join(self.new_xfs) + "</cellXfs>", xml, count=1)
        xml = re.sub(r'(<cellXfs\b[^>]*?\bcount=")\d+(")', lambda m: f"{m.group(1)}{total}{m.group(2)}", xml,
                     count=1)
        return xml


# --- sheet XML patching ----------------------------------------------------------------

_ROW_SPAN = re.compile(r"<row\b([^>]*?)(/>|>(.*?)</row>)", re.S)
_CELL = re.compile(r"<c\b([^>]*?)(/>|>.*?</c>)", re.S)


def _patch_cells(xml: str, severities: dict[tuple[int, int], str], styles: _Styles, refuse: object) -> str:
    by_row: dict[int, dict[int, str]] = defaultdict(dict)
    for (r, c), sev in severities.items():
        by_row[r][c] = sev
    sd = re.search(r"<sheetData\b[^>]*?(/>|>)", xml)
    if sd is None:
        raise refuse("data sheet tidak terbaca.")  # type: ignore[operator]
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
            raise refuse("baris tanpa nomor di sheet.")  # type: ignore[operator]
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


def _new_row(rnum: int, cols: dict[int, str], styles: _Styles) -> str:
    cells = "".join(f'<c r="{column_letter(c)}{rnum}" s="{styles.marked(0, sev)}"/>' for c, sev in sorted(cols.items()))
    return f'<row r="{rnum}">{cells}</row>'


def _patch_row(m: re.Match[str], rnum: int, cols: dict[int, str], styles: _Styles) -> str:
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


def _insert_legacy_drawing(xml: str, rid: str, refuse: object) -> str:
    prefix = _rel_prefix(xml)
    if f'xmlns:{prefix}="' not in xml:
        xml = re.sub(r"<worksheet\b", '<worksheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/'
                     '2006/relationships"', xml, count=1)
        prefix = "r"
    element = f'<legacyDrawing {prefix}:id="{rid}"/>'
    positions = [xml.find(f"<{tag}") for tag in _AFTER_LEGACY if xml.find(f"<{tag}") >= 0]
    if positions:
        at = min(positions)
        return xml[:at] + element + xml[at:]
    if "</worksheet>" not in xml:
        raise refuse("akhir sheet tidak ditemukan.")  # type: ignore[operator]
    return xml.replace("</worksheet>", element + "</worksheet>", 1)


def _comment_xml(rc: tuple[int, int], text: str, author: int) -> str:
    r, c = rc
    runs = (f'<r><rPr><b/><sz val="9"/><rFont val="Tahoma"/></rPr><t xml:space="preserve">Integritas toolkit:\n</t></r>'
            f'<r><rPr><sz val="9"/><rFont val="Tahoma"/></rPr><t xml:space="preserve">{_esc(text[:2000])}</t></r>')
    return f'<comment ref="{column_letter(c)}{r}" authorId="{author}"><text>{runs}</text></comment>'


_EMPTY_VML = ('<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
              'xmlns:x="urn:schemas-microsoft-com:office:excel">\n'
              '<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="{IDMAP}"/></o:shapelayout>\n</xml>')
_SHAPETYPE_202 = ('<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,'
                  'l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/>'
                  '</v:shapetype>\n')


def _append_vml_notes(vml: str, notes: dict[tuple[int, int], str]) -> str:
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
        raise UnsafeWriteError("gambar VML sheet tidak terbaca; hasil validasi tidak ditulis.")
    return vml[:close] + "".join(shapes) + vml[close:]


# --- the result sheet --------------------------------------------------------------------

_HEADERS = ("No", "Tingkat", "Sheet", "Sel", "Baris", "Kolom", "Aturan", "Nilai", "Pesan")
_WIDTHS = (6, 12, 18, 9, 7, 22, 26, 28, 100)


def _istr(ref: str, text: object, style: int = 0) -> str:
    s = f' s="{style}"' if style else ""
    return f'<c r="{ref}" t="inlineStr"{s}><is><t xml:space="preserve">{_esc(text)}</t></is></c>'


def _result_sheet_xml(findings: Iterable[Finding], sheet_names: set[str]) -> str:
    rows: list[str] = []
    links: list[str] = []
    header = "".join(_istr(f"{column_letter(i + 1)}1", h) for i, h in enumerate(_HEADERS))
    rows.append(f'<row r="1">{header}</row>')
    r = 1
    for n, f in enumerate(findings, start=1):
        if r >= MAX_RESULT_ROWS:
            break
        r += 1
        value = _jsonable(f.value)
        cells = [
            f'<c r="A{r}"><v>{n}</v></c>',
            _istr(f"B{r}", SEVERITY_LABEL.get(f.severity, f.severity)),
            _istr(f"C{r}", f.sheet),
            _istr(f"D{r}", f.cell),
            f'<c r="E{r}"><v>{f.row}</v></c>' if f.row else "",
            _istr(f"F{r}", f.column or ""),
            _istr(f"G{r}", f.rule_id),
            _istr(f"H{r}", "" if value is None else value),
            _istr(f"I{r}", f.message),
        ]
        rows.append(f'<row r="{r}">{"".join(cells)}</row>')
        if f.sheet in sheet_names:
            target = f"{_quote_sheet(f.sheet)}!{f.cell or 'A1'}"
            links.append(f'<hyperlink ref="D{r}" location="{_esc(target)}" display="{_esc(f.cell or f.sheet)}"/>')
    cols = "".join(f'<col min="{i + 1}" max="{i + 1}" width="{w}" customWidth="1"/>' for i, w in enumerate(_WIDTHS))
    link_xml = f"<hyperlinks>{''.join(links)}</hyperlinks>" if links else ""
    last = max(r, 1)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<worksheet xmlns="{NS_MAIN}" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f'<dimension ref="A1:I{last}"/>'
            '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" '
            'state="frozen"/></sheetView></sheetViews>'
            f'<sheetFormatPr defaultRowHeight="15"/><cols>{cols}</cols>'
            f'<sheetData>{"".join(rows)}</sheetData>'
            f'{link_xml}'
            '<pageMargins left="0.4" right="0.4" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>'
            "</worksheet>")
