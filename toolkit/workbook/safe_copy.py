"""Write results into a COPY of a unit's workbook without losing anything the unit made.

DESIGN principle 4: never destroy a user's workbook. ``openpyxl.load_workbook`` drops
form buttons (VML), ActiveX/ctrlProps, some drawings and other parts it does not
model, so nothing here round-trips the workbook through a library. The copy is made
by zip-level surgery: every original part is copied unchanged (same bytes, including
``xl/vbaProject.bin``, drawings, images, data validations, conditional formats,
defined names), and only these are patched or added:

- ``[Content_Types].xml``, ``xl/workbook.xml`` and its rels: one ``<sheet>`` per new sheet
  (and, with ``activate=``, the active tab);
- ``xl/styles.xml``: fonts, fills, borders, number formats and cell formats appended
  (existing indexes unchanged);
- each new sheet, with its own drawings, images, charts and hyperlinks, built with
  XlsxWriter in a scratch workbook under its final name and transplanted (styles
  re-indexed, shared strings turned into inline strings, external links with ``/``);
- for marked cells: the ``s`` attribute of those cells, a comments part and note shapes
  appended to the sheet's VML drawing (an existing drawing keeps its buttons), and a
  ``<legacyDrawing>`` element when the sheet had none.

Public API::

    write_safe_copy(src, dest, [NewSheet("Hasil", rows=[...], header_rows={0}, widths=[...])],
                    marks=[Mark("Kalender", "C5", "error", "WAJIB: ...")], overwrite=False)

A cell value may be a :class:`Link` (``#'Sheet'!A1`` inside the workbook, a path
relative to the copy, or a URL). Text is always written as text, never as a formula.
Where the surgery cannot be done safely (Strict Open XML, an encrypted or corrupt file,
a sheet name already taken with ``on_clash="refuse"``, the destination exists without
``overwrite``, a sheet whose XML is not as expected) nothing is written and an
:class:`~toolkit.errors.UnsafeWriteError` or :class:`~toolkit.errors.UsageError` says why.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import zipfile
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from toolkit.errors import UnsafeWriteError, UsageError
from toolkit.workbook.atomic import atomic_output
from toolkit.workbook.cells import row_and_column
from toolkit.workbook.donor import Link as Link
from toolkit.workbook.donor import NewSheet as NewSheet
from toolkit.workbook.donor import adapt_sheet_stream, build_donor
from toolkit.workbook.donor import link_url as link_url
from toolkit.workbook.donor import write_value as write_value
from toolkit.workbook.ooxml_patch import (
    EMPTY_VML,
    NS_MAIN,
    NS_REL,
    StyleAppender,
    append_vml_notes,
    comment_xml,
    esc,
    insert_legacy_drawing,
    merge_styles,
    patch_cells,
    rel_prefix,
)
from toolkit.workbook.package_parts import (
    _EMPTY_RELS,
    _REL_RE,
    _attr,
    _declare_on_root,
    _info_like,
    _new_rid,
    _Part,
    _rel_target,
    _relative,
    _rels_path,
    _sheet_parts,
)
from toolkit.workbook.package_parts import (
    quote_sheet as quote_sheet,
)
from toolkit.workbook.preflight import CheckedWorkbook, check_workbook_file
from toolkit.workbook.verify import verify_workbook

REL_WORKSHEET = NS_REL + "/worksheet"
REL_COMMENTS = NS_REL + "/comments"
REL_VML = NS_REL + "/vmlDrawing"
CT_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
CT_COMMENTS = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"
CT_VML = "application/vnd.openxmlformats-officedocument.vmlDrawing"
MAX_MARKED_CELLS = 20_000
SHEET_NAME_MAX = 31
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")

Clash = Literal["refuse", "rename"]


@dataclass(frozen=True)
class Mark:
    """Highlight one cell of an existing sheet (red for ``error``, yellow for ``warning``) with a note."""

    sheet: str
    cell: str
    severity: str = "error"
    note: str = ""


def default_copy_path(src: str | Path, tag: str) -> Path:
    """``unit.xlsm`` + ``hasil`` -> ``unit.hasil.xlsm`` (same folder, same extension)."""
    p = Path(src)
    return p.with_name(f"{p.stem}.{tag}{p.suffix.lower()}")


def check_destination(source: Path, target: Path, *, overwrite: bool) -> None:
    """Refuse a destination that is the input, has another extension, or exists without ``overwrite``."""
    if target.suffix.lower() != source.suffix.lower():
        raise UsageError(f"file hasil harus berekstensi {source.suffix.lower()} seperti file asli "
                         "(makro dan tombol hanya tetap ada dalam format yang sama).", path=target)
    if target.resolve() == source.resolve():
        raise UnsafeWriteError("file hasil tidak boleh sama dengan file asli; file asli tidak pernah ditimpa.",
                               path=target)
    if target.exists() and not overwrite:
        raise UsageError("file hasil sudah ada; pakai --timpa untuk menimpanya atau pilih nama lain.", path=target)


def write_safe_copy(src: str | Path, dest: str | Path, sheets: Sequence[NewSheet] = (),
                    marks: Sequence[Mark] = (), *, overwrite: bool = False, activate: str | None = None,
                    on_clash: Clash = "refuse", what: str = "hasil", checked: CheckedWorkbook | None = None) -> Path:
    """Copy ``src`` to ``dest`` adding ``sheets`` (after the last sheet) and ``marks``; return ``dest``.

    The input is only read. ``on_clash="rename"`` names a new sheet "Hasil (2)" when
    "Hasil" is taken; ``"refuse"`` stops with a message. ``activate`` is the (requested)
    name of a new sheet the copy opens on. ``what`` names the result in messages.
    """
    # ``checked``: the caller's preflight of ``src``, reused while the file is unchanged
    source = checked.path if checked is not None and checked.path == Path(src) and checked.unchanged() \
        else check_workbook_file(src)
    target = Path(dest)
    check_destination(source, target, overwrite=overwrite)
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(source) as zin, tempfile.TemporaryDirectory(prefix="integritas-salin-") as tmp:
        surgery = _Surgery(zin, source, what)
        patched = surgery.run(list(sheets), list(marks), activate, on_clash, Path(tmp))
        # a unique temporary name (two runs at once never share one), verified, then moved into place
        with atomic_output(target, overwrite=overwrite) as part:
            with zipfile.ZipFile(part, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as zout:
                for info in zin.infolist():
                    if info.filename in patched:
                        _write_member(zout, _info_like(info), patched.pop(info.filename))
                    else:  # streamed: a large unchanged sheet is never held whole
                        with zin.open(info) as member, \
                                zout.open(_copy_info(info), "w", force_zip64=True) as dst:
                            shutil.copyfileobj(member, dst, _COPY_PIECE)
                for name, data in patched.items():
                    _write_member(zout, zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), data)
            verify_workbook(part, expect_sheets=[s.final_name for s in sheets if s.final_name], name=target)
    return target



_COPY_PIECE = 1024 * 1024


def _copy_info(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    """A fresh entry like ``info`` (name, time, method, attributes) for the copy."""
    new = zipfile.ZipInfo(info.filename, date_time=info.date_time)
    new.compress_type = info.compress_type
    new.external_attr = info.external_attr
    new.file_size = info.file_size
    return new


def _write_member(zout: zipfile.ZipFile, info: zipfile.ZipInfo, data: bytes | Path) -> None:
    """A patched part: bytes, or a file (a new sheet adapted piece by piece) copied in pieces."""
    info.compress_type = zipfile.ZIP_DEFLATED
    if isinstance(data, Path):
        with data.open("rb") as src, zout.open(info, "w", force_zip64=True) as dst:
            shutil.copyfileobj(src, dst, _COPY_PIECE)
    else:
        zout.writestr(info, data)


def resolve_sheet_names(existing: Collection[str], wanted: Sequence[str], on_clash: Clash = "refuse",
                        path: Path | None = None) -> list[str]:
    """The names the new sheets get (case-insensitive uniqueness, Excel's 31-character limit)."""
    taken = {n.casefold(): n for n in existing}
    out: list[str] = []
    for name in wanted:
        if not name or _BAD_SHEET_CHARS.search(name) or len(name) > SHEET_NAME_MAX or name.startswith("'"):
            raise UsageError(f"nama sheet '{name}' tidak sah di Excel (maks. 31 karakter, tanpa []:*?/\\).",
                             path=path)
        final, n = name, 2
        while final.casefold() in taken:
            if on_clash == "refuse":
                raise UsageError(f"workbook sudah punya sheet '{taken[final.casefold()]}'; hasil tidak ditulis. "
                                 "Ganti nama atau "
                                 "hapus sheet itu di salinan workbook, lalu ulangi.", path=path)
            suffix = f" ({n})"
            final = name[:SHEET_NAME_MAX - len(suffix)] + suffix
            n += 1
        taken[final.casefold()] = final
        out.append(final)
    return out


def sheet_names(src: str | Path) -> list[str]:
    """The workbook's sheet names in tab order (read from the package, nothing else loaded)."""
    with zipfile.ZipFile(src) as zin:
        return [p.name for p in _sheet_parts(zin)]




# --- the surgery -----------------------------------------------------------------------

class _Surgery:
    def __init__(self, zin: zipfile.ZipFile, path: Path, what: str) -> None:
        self.zin = zin
        self.path = path
        self.what = what
        self.names = set(zin.namelist())
        self.out: dict[str, bytes | Path] = {}
        self.tmp: Path | None = None

    def text(self, name: str) -> str:
        if name in self.out:
            data = self.out[name]
            return data.read_text("utf-8") if isinstance(data, Path) else data.decode("utf-8")
        return self.zin.read(name).decode("utf-8")

    def exists(self, name: str) -> bool:
        return name in self.names or name in self.out

    def put(self, name: str, text: str | bytes | Path) -> None:
        self.out[name] = text.encode("utf-8") if isinstance(text, str) else text

    def refuse(self, why: str) -> UnsafeWriteError:
        return UnsafeWriteError(f"{self.what} tidak ditulis agar workbook tidak rusak: {why}", path=self.path)

    def run(self, sheets: list[NewSheet], marks: list[Mark], activate: str | None, on_clash: Clash,
            tmp: Path) -> dict[str, bytes | Path]:
        self.tmp = tmp
        wb_xml = self.text("xl/workbook.xml")
        if "purl.oclc.org/ooxml" in wb_xml:
            raise self.refuse("format Strict Open XML tidak didukung; buka di Excel lalu simpan ulang sebagai "
                              "'Excel Workbook' (.xlsx) atau 'Excel Macro-Enabled Workbook' (.xlsm).")
        if "</sheets>" not in wb_xml or "[Content_Types].xml" not in self.names or \
                "xl/_rels/workbook.xml.rels" not in self.names:
            raise self.refuse("daftar sheet di xl/workbook.xml tidak terbaca.")
        parts = {p.name: p for p in _sheet_parts(self.zin)}
        finals = resolve_sheet_names(parts, [s.name for s in sheets], on_clash, self.path)
        for sheet, final in zip(sheets, finals, strict=True):
            sheet.final_name = final
        styles_name = "xl/styles.xml"
        if (sheets or marks) and styles_name not in self.names:
            raise self.refuse("workbook tidak punya xl/styles.xml.")
        new_parts: list[tuple[str, str]] = []
        if sheets:
            donor_path = build_donor(sheets, tmp / "baru.xlsx")
            with zipfile.ZipFile(donor_path) as donor:
                xf_map = self._merge_styles(donor)
                new_parts = self._transplant(donor, sheets, xf_map)
        self._mark(marks, parts)
        self._register(new_parts)
        if activate is not None:
            wanted = [s for s in sheets if activate in (s.name, s.final_name)]
            if not wanted:
                raise UsageError(f"sheet '{activate}' bukan sheet baru; tidak dapat dijadikan sheet aktif.")
            self._activate(wanted[0].final_name, parts, dict(new_parts))
        return self.out

    # -- styles ------------------------------------------------------------------------
    def _merge_styles(self, donor: zipfile.ZipFile) -> dict[int, int]:
        xml, xf_map = merge_styles(self.text("xl/styles.xml"), donor.read("xl/styles.xml").decode("utf-8"),
                                   self.refuse)
        self.put("xl/styles.xml", xml)
        return xf_map

    # -- new sheets --------------------------------------------------------------------
    def _fresh(self, name: str, taken: set[str]) -> str:
        m = re.match(r"^(.*?)(\d*)(\.[^./]+)$", name)
        if m is None:
            base, ext = name, ""
        else:
            base, ext = m.group(1), m.group(3)
        n = 1
        while f"{base}{n}{ext}" in taken or self.exists(f"{base}{n}{ext}"):
            n += 1
        new = f"{base}{n}{ext}"
        taken.add(new)
        return new

    def _transplant(self, donor: zipfile.ZipFile, sheets: list[NewSheet], xf_map: dict[int, int]
                    ) -> list[tuple[str, str]]:
        sst: list[str] = []
        if "xl/sharedStrings.xml" in donor.namelist():
            sst = re.findall(r"<si>(.*?)</si>", donor.read("xl/sharedStrings.xml").decode("utf-8"), re.S)
        donor_ct = donor.read("[Content_Types].xml").decode("utf-8")
        donor_parts = {p.name: p.path for p in _sheet_parts(donor)}
        taken: set[str] = set()
        copied: dict[str, str] = {}

        def copy(part: str, sheet_xml: bool = False) -> str:
            if part in copied:
                return copied[part]
            new = self._fresh(part, taken)
            copied[part] = new
            rels_name = _rels_path(part)
            if rels_name in donor.namelist():
                rels = donor.read(rels_name).decode("utf-8")

                def fix(m: re.Match[str]) -> str:
                    tag = m.group(0)
                    target = _attr(tag, "Target") or ""
                    if _attr(tag, "TargetMode") == "External":
                        fixed = target.replace("\\", "/")
                    else:
                        fixed = _relative(new, copy(_rel_target(part, target)))
                    return re.sub(r'\bTarget="[^"]*"', lambda _m: f'Target="{esc(fixed)}"', tag, count=1)

                self.put(_rels_path(new), _REL_RE.sub(fix, rels))
            if sheet_xml:  # adapted piece by piece into a scratch file: a new sheet may be long
                assert self.tmp is not None
                adapted = self.tmp / f"blad-{len(copied)}.xml"
                with donor.open(part) as src, adapted.open("wb") as dst:
                    adapt_sheet_stream(src, dst, xf_map, sst)
                self.put(new, adapted)
            else:
                self.put(new, donor.read(part))
            override = re.search(r'<Override\b[^>]*PartName="/' + re.escape(part) + r'"[^>]*/>', donor_ct)
            if override:
                self._content_type(new, _attr(override.group(0), "ContentType") or "")
            else:
                ext = part.rsplit(".", 1)[-1]
                default = re.search(r'<Default\b[^>]*Extension="' + re.escape(ext) + r'"[^>]*/>', donor_ct, re.I)
                if default:
                    self._default_type(ext, _attr(default.group(0), "ContentType") or "")
            return new

        out = []
        for sheet in sheets:
            part = donor_parts.get(sheet.final_name)
            if not part:
                raise self.refuse(f"sheet baru '{sheet.final_name}' tidak terbentuk.")
            out.append((sheet.final_name, copy(part, sheet_xml=True)))
        return out

    def _register(self, new_parts: list[tuple[str, str]]) -> None:
        if not new_parts:
            return
        rels_name = "xl/_rels/workbook.xml.rels"
        rels = self.text(rels_name)
        wb = self.text("xl/workbook.xml")
        prefix = rel_prefix(wb)
        wb = _declare_on_root(wb, prefix, NS_REL)
        ids = [int(x) for x in re.findall(r'<sheet\b[^>]*?\bsheetId="(\d+)"', wb)]
        next_id = max(ids, default=0) + 1
        entries = []
        for name, part in new_parts:
            rid = _new_rid(rels)
            rels = rels.replace("</Relationships>", f'<Relationship Id="{rid}" Type="{REL_WORKSHEET}" '
                                f'Target="{_relative("xl/workbook.xml", part)}"/></Relationships>')
            entries.append(f'<sheet name="{esc(name)}" sheetId="{next_id}" {prefix}:id="{rid}"/>')
            next_id += 1
            self._content_type(part, CT_WORKSHEET)
        self.put(rels_name, rels)
        self.put("xl/workbook.xml", wb.replace("</sheets>", "".join(entries) + "</sheets>", 1))

    def _activate(self, name: str, parts: dict[str, _Part], new_parts: dict[str, str]) -> None:
        wb = self.text("xl/workbook.xml")
        tags = re.findall(r"<sheet\b[^>]*?/?>", wb)
        index = next(i for i, t in enumerate(tags) if _attr(t, "name") == name)
        view = re.search(r"<workbookView\b[^>]*?/?>", wb)
        if view is None:
            wb = wb.replace("<sheets>", f'<bookViews><workbookView activeTab="{index}"/></bookViews><sheets>', 1)
        else:
            tag = re.sub(r'\s(activeTab|firstSheet)="\d+"', "", view.group(0))
            tag = tag.replace("<workbookView", f'<workbookView activeTab="{index}"', 1)
            wb = wb[:view.start()] + tag + wb[view.end():]
        self.put("xl/workbook.xml", wb)
        for p in parts.values():  # only one tab may be selected, else Excel groups the sheets
            if p.path not in self.names:
                continue
            with self.zin.open(p.path) as fh:
                head = fh.read(65536).decode("utf-8", "ignore")
            if not re.search(r'<sheetView\b[^>]*\btabSelected="(1|true)"', head.split("<sheetData", 1)[0]):
                continue
            xml = self.text(p.path)
            cut = xml.find("<sheetData")
            cut = len(xml) if cut < 0 else cut
            head_xml = re.sub(r'(<sheetView\b[^>]*?)\s+tabSelected="(?:1|true)"', r"\1", xml[:cut])
            self.put(p.path, head_xml + xml[cut:])
        part = new_parts[name]
        xml = self.text(part)
        self.put(part, xml.replace("<sheetView ", '<sheetView tabSelected="1" ', 1))

    def _content_type(self, part: str, content_type: str) -> None:
        ct = self.text("[Content_Types].xml")
        if f'PartName="/{part}"' in ct:
            return
        ct = ct.replace("</Types>", f'<Override PartName="/{part}" ContentType="{content_type}"/></Types>')
        self.put("[Content_Types].xml", ct)

    def _default_type(self, ext: str, content_type: str) -> None:
        ct = self.text("[Content_Types].xml")
        if re.search(r'<Default\b[^>]*Extension="' + re.escape(ext) + '"', ct, re.I):
            return
        ct = ct.replace("</Types>", f'<Default Extension="{ext}" ContentType="{content_type}"/></Types>')
        self.put("[Content_Types].xml", ct)

    # -- marking cells -------------------------------------------------------------------
    def _mark(self, marks: list[Mark], parts: dict[str, _Part]) -> None:
        edits: dict[str, dict[tuple[int, int], list[Mark]]] = {}
        count = 0
        for mk in marks:
            if not mk.cell or mk.sheet not in parts:
                continue
            try:
                rc = row_and_column(mk.cell)
            except ValueError:
                continue
            cells = edits.setdefault(mk.sheet, {})
            if rc not in cells:
                if count >= MAX_MARKED_CELLS:
                    continue
                count += 1
            cells.setdefault(rc, []).append(mk)
        if not edits:
            return
        styles = StyleAppender(self.text("xl/styles.xml"), self.refuse)
        for sheet, cells in edits.items():
            part = parts[sheet].path
            if part not in self.names:
                raise self.refuse(f"bagian sheet '{sheet}' tidak ditemukan.")
            severities = {rc: ("error" if any(m.severity == "error" for m in ms) else "warning")
                          for rc, ms in cells.items()}
            xml = patch_cells(self.text(part), severities, styles, self.refuse)
            notes = {rc: "\n".join(m.note for m in ms if m.note) for rc, ms in sorted(cells.items())}
            notes = {rc: t for rc, t in notes.items() if t}
            if notes:
                xml = self._add_comments(sheet, part, notes, xml)
            self.put(part, xml)
        if styles.changed:
            self.put("xl/styles.xml", styles.xml())

    def _add_comments(self, sheet: str, part: str, notes: dict[tuple[int, int], str], xml: str) -> str:
        rels_name = _rels_path(part)
        rels = self.text(rels_name) if self.exists(rels_name) else _EMPTY_RELS
        existing_comments = None
        existing_vml = None
        for tag in _REL_RE.findall(rels):
            typ = _attr(tag, "Type") or ""
            target = _attr(tag, "Target") or ""
            if typ == REL_COMMENTS:
                existing_comments = _rel_target(part, target)
            elif typ == REL_VML:
                existing_vml = _rel_target(part, target)
        if existing_comments and existing_comments in self.names:
            comments = self.text(existing_comments)
            taken = {row_and_column(a) for a in re.findall(r'<comment\b[^>]*?\bref="([A-Z]+\d+)"', comments)}
            notes = {rc: t for rc, t in notes.items() if rc not in taken}
            if not notes:
                return xml
            author_id = len(re.findall(r"<author>", comments))
            if "<authors/>" in comments:
                comments = comments.replace("<authors/>", "<authors><author>Integritas toolkit</author></authors>")
            else:
                comments = comments.replace("</authors>", "<author>Integritas toolkit</author></authors>", 1)
            body = "".join(comment_xml(rc, t, author_id) for rc, t in notes.items())
            if "<commentList/>" in comments:
                comments = comments.replace("<commentList/>", f"<commentList>{body}</commentList>")
            else:
                comments = comments.replace("</commentList>", body + "</commentList>", 1)
            self.put(existing_comments, comments)
        else:
            n = 1
            while self.exists(f"xl/comments{n}.xml"):
                n += 1
            comments_part = f"xl/comments{n}.xml"
            body = "".join(comment_xml(rc, t, 0) for rc, t in notes.items())
            self.put(comments_part,
                     '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                     f'<comments xmlns="{NS_MAIN}"><authors><author>Integritas toolkit</author></authors>'
                     f"<commentList>{body}</commentList></comments>")
            self._content_type(comments_part, CT_COMMENTS)
            rid = _new_rid(rels)
            rels = rels.replace("</Relationships>", f'<Relationship Id="{rid}" Type="{REL_COMMENTS}" '
                                f'Target="{_relative(part, comments_part)}"/></Relationships>')
        if existing_vml and existing_vml in self.names:
            self.put(existing_vml, append_vml_notes(self.text(existing_vml), notes))
        else:
            n = 1
            while self.exists(f"xl/drawings/vmlDrawing{n}.vml"):
                n += 1
            vml_part = f"xl/drawings/vmlDrawing{n}.vml"
            self.put(vml_part, append_vml_notes(EMPTY_VML.replace("{IDMAP}", str(1000 + n)), notes))
            self._default_type("vml", CT_VML)
            rid = _new_rid(rels)
            rels = rels.replace("</Relationships>", f'<Relationship Id="{rid}" Type="{REL_VML}" '
                                f'Target="{_relative(part, vml_part)}"/></Relationships>')
            if re.search(r"<legacyDrawing\b", xml):
                raise self.refuse(f"sheet '{sheet}' punya gambar lama (VML) yang tidak terbaca.")
            xml = insert_legacy_drawing(xml, rid, self.refuse)
        self.put(rels_name, rels)
        return xml
