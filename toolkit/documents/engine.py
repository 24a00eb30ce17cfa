"""A docx template prepared once and rendered many times to XML strings.

``docxtpl.DocxTemplate.render`` re-reads the template, re-parses it with python-docx,
re-runs its tag repair (``patch_xml``) and re-compiles the jinja2 source for every
letter, then saves through python-docx. For a batch of 500 Nota Dinas that is most
of the time. :class:`PreparedTemplate` does the expensive part once:

1. read the .docx zip, serialise every part that holds jinja tags (body, headers,
   footers, footnotes) exactly as docxtpl does and run docxtpl's own ``patch_xml``
   (the repair that joins ``{{`` split over several runs, ``{%p``/``{%tr``
   paragraph and row tags, ``colspan``/``cellbg``/``vm``/``hm``);
2. compile each part once with a jinja2 environment that has ``StrictUndefined``
   and autoescaping (a ``&`` or ``<`` in a unit's text cannot break the XML);
3. keep the unchanged parts as a ready zip so that writing a letter is a copy of
   those bytes plus the few rendered parts.

Rendering a letter is then ``template.render(context)`` per part, docxtpl's
``resolve_listing`` (line breaks and tabs inside values) and a zip append.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import Environment, StrictUndefined, Template, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import TemplateError as JinjaTemplateError
from lxml import etree

from toolkit import indonesian as idn
from toolkit.errors import TemplateError

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

# parts docxtpl renders: the body, headers, footers and footnotes
_RENDERED_PART = re.compile(r"^word/(document|header\d*|footer\d*|footnotes)\.xml$")
_JINJA_TAG = re.compile(r"\{\{|\{%|\{#")


# --- jinja2 environment ------------------------------------------------------------------

def _filter_tanggal(value: Any) -> str:
    """``{{ tanggal|tanggal }}`` → "6 April 2023"; a value that is no date is an error, never passed through."""
    if isinstance(value, (dt.date, dt.datetime)):
        return idn.format_tanggal(value)
    parsed = idn.parse_tanggal(value)
    if parsed is None:
        raise TemplateError(f"'{value}' bukan tanggal yang dapat dibaca (contoh: 6 April 2023 atau 2023-04-06).")
    return idn.format_tanggal(parsed)


def _filter_terbilang(value: Any) -> str:
    # the same whole-rupiah rounding as the rupiah filter, so figure and words agree
    return idn.terbilang(idn.whole_rupiah(float(value)))


def _filter_rupiah(value: Any) -> str:
    return idn.format_rupiah(float(value))


def _filter_nip(value: Any) -> str:
    return idn.format_nip(value)


def _filter_huruf(index: int) -> str:
    """1 → "a", 2 → "b" (sub-items of a numbered paragraph, as seed 000 writes them)."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    return letters[(int(index) - 1) % len(letters)]


def _filter_romawi(index: int) -> str:
    numerals = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    n, out = int(index), ""
    for value, numeral in numerals:
        while n >= value:
            out += numeral
            n -= value
    return out


def make_environment() -> Environment:
    """jinja2 for documents: StrictUndefined (a missing value is an error), autoescape, our filters."""
    env = Environment(undefined=StrictUndefined, autoescape=True, keep_trailing_newline=True)
    env.filters.update({
        "tanggal": _filter_tanggal,
        "terbilang": _filter_terbilang,
        "rupiah": _filter_rupiah,
        "nip": _filter_nip,
        "huruf": _filter_huruf,
        "romawi": _filter_romawi,
    })
    return env


# --- the prepared template -------------------------------------------------------------------

@dataclass
class PreparedPart:
    name: str  # zip member, e.g. "word/document.xml"
    source: str  # patched jinja2 source, one <w:p> per line (as docxtpl renders it)
    template: Template


@dataclass
class PreparedTemplate:
    """A .docx template read, repaired and compiled once; see the module docstring."""

    path: Path
    parts: dict[str, PreparedPart]
    static_zip: bytes  # every other member, ready to append rendered parts to
    images: dict[str, str] = field(default_factory=dict)  # picture name (docPr @name) -> zip member

    @classmethod
    def load(cls, path: str | Path, *, env: Environment | None = None,
             replaceable_images: Iterable[str] = ()) -> PreparedTemplate:
        p = Path(path)
        if not p.exists():
            raise TemplateError("templat tidak ditemukan.", path=p)
        env = env or make_environment()
        helper = DocxTemplate(str(p))  # only its tag repair is used; it loads nothing here
        try:
            zin = zipfile.ZipFile(p)
        except zipfile.BadZipFile as exc:
            raise TemplateError("templat bukan file .docx yang sah.", path=p) from exc
        parts: dict[str, PreparedPart] = {}
        members: list[tuple[zipfile.ZipInfo, bytes]] = []
        with zin:
            for info in zin.infolist():
                data = zin.read(info.filename)
                if _RENDERED_PART.match(info.filename) and _JINJA_TAG.search(data.decode("utf-8", "replace")):
                    root = etree.fromstring(data)
                    xml = etree.tostring(root, encoding="unicode", pretty_print=False)
                    src = helper.patch_xml(xml)
                    src = re.sub(r"<w:p([ >])", r"\n<w:p\1", src)
                    try:
                        template = env.from_string(src)
                    except TemplateSyntaxError as exc:
                        raise TemplateError(
                            f"tulisan jinja2 salah di {info.filename}: {exc.message}\n"
                            + quote_lines(src, exc.lineno), path=p) from exc
                    parts[info.filename] = PreparedPart(info.filename, src, template)
                else:
                    members.append((info, data))
            images = _find_images(zin, set(replaceable_images)) if replaceable_images else {}
        replaced = set(images.values())
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
            for info, data in members:
                if info.filename in replaced:
                    continue
                zout.writestr(_fresh_info(info.filename), data)
        return cls(p, parts, buf.getvalue(), images)

    # -- rendering --------------------------------------------------------------------------

    def render_parts(self, context: Mapping[str, Any]) -> dict[str, bytes]:
        """Rendered XML of every templated part. Raises TemplateError with the template lines around a failure."""
        out: dict[str, bytes] = {}
        helper = _LISTING
        for name, part in self.parts.items():
            try:
                xml = part.template.render(context)
            except UndefinedError as exc:
                raise TemplateError(f"isian belum diisi: {undefined_field(exc)} — tambahkan isian itu di file data; "
                                    "tidak ada file yang ditulis.", path=self.path) from exc
            except JinjaTemplateError as exc:
                raise TemplateError(f"templat gagal diisi di {name}: {exc}\n" + quote_error(part.source, exc),
                                    path=self.path) from exc
            except TemplateError as exc:  # from our filters: add where it happened
                raise TemplateError(f"{exc.message}\n" + quote_error(part.source, exc), path=self.path) from exc
            xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
            xml = (xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}"))
            xml = helper.resolve_listing(xml)
            if name == "word/document.xml":
                xml = drop_empty_trailing_section(xml)
            if not xml.startswith("<?xml"):
                xml = XML_DECL + xml
            out[name] = xml.encode("utf-8")
        return out

    def build_docx(self, parts: Mapping[str, bytes], media: Mapping[str, bytes] | None = None) -> bytes:
        """The .docx bytes: the static members plus ``parts`` (and replaced pictures)."""
        buf = io.BytesIO(self.static_zip)
        buf.seek(0, io.SEEK_END)
        with zipfile.ZipFile(buf, "a", zipfile.ZIP_DEFLATED) as z:
            for name, data in parts.items():
                z.writestr(_fresh_info(name), data)
            for pic, member in self.images.items():
                if media is None or pic not in media:
                    raise TemplateError(f"gambar '{pic}' belum diberikan untuk templat ini.", path=self.path)
                z.writestr(_fresh_info(member), media[pic])
        return buf.getvalue()

    def render_bytes(self, context: Mapping[str, Any], media: Mapping[str, bytes] | None = None) -> bytes:
        return self.build_docx(self.render_parts(context), media)

    def sources(self) -> dict[str, str]:
        return {name: part.source for name, part in self.parts.items()}


_LISTING = DocxTemplate("unused.docx")
_FIXED_DATE = (2026, 1, 1, 0, 0, 0)


def _fresh_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_FIXED_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def _find_images(zin: zipfile.ZipFile, names: set[str]) -> dict[str, str]:
    """Picture name (``wp:docPr/@name``) -> media member, for pictures meant to be replaced per letter."""
    doc = etree.fromstring(zin.read("word/document.xml"))
    rels = etree.fromstring(zin.read("word/_rels/document.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels.iter(f"{{{PKG_REL_NS}}}Relationship")}
    found: dict[str, str] = {}
    for inline in doc.iter(f"{{{WP_NS}}}inline", f"{{{WP_NS}}}anchor"):
        docpr = inline.find(f"{{{WP_NS}}}docPr")
        blip = inline.find(f".//{{{A_NS}}}blip")
        if docpr is None or blip is None or docpr.get("name") not in names:
            continue
        target = targets.get(blip.get(f"{{{R_NS}}}embed"))
        if target:
            found[str(docpr.get("name"))] = "word/" + target.lstrip("/").removeprefix("word/")
    missing = names - set(found)
    if missing:
        raise TemplateError(f"gambar {', '.join(sorted(missing))} tidak ada di templat.")
    return found


# --- sections ----------------------------------------------------------------------------------

_SECT_PARA = re.compile(r"<w:p(?: [^>]*)?>(?:(?!<w:p[ >]).)*?<w:sectPr[ >].*?</w:sectPr>.*?</w:p>", re.DOTALL)


def drop_empty_trailing_section(xml: str) -> str:
    """Remove a last section that rendered empty (e.g. no Lampiran given), so no blank landscape page is left.

    The section properties of the section before it move to the body, as Word keeps them.
    """
    body_end = xml.rfind("<w:sectPr", 0, xml.rfind("</w:body>"))
    matches = list(_SECT_PARA.finditer(xml, 0, body_end))
    if not matches:
        return xml
    last = matches[-1]
    tail = xml[last.end():body_end]
    if re.search(r"<w:t[ >][^<]*\S", tail) or "<w:tbl" in tail or "<w:drawing" in tail:
        return xml
    sect = re.search(r"<w:sectPr[ >].*?</w:sectPr>", last.group(0), re.DOTALL)
    assert sect is not None
    para = last.group(0).replace(sect.group(0), "")
    body_sect_end = xml.find("</w:sectPr>", body_end) + len("</w:sectPr>")
    return xml[:last.start()] + para + sect.group(0) + xml[body_sect_end:]


def undefined_field(exc: UndefinedError) -> str:
    """The field a jinja2 UndefinedError is about, in words ("'kop' has no attribute 'telepon'" → telepon)."""
    text = str(exc.message or "")
    m = re.search(r"has no attribute '([^']+)'", text) or re.search(r"'([^']+)' is undefined", text)
    return m.group(1) if m else "(tidak diketahui)"


# --- quoting template lines ----------------------------------------------------------------------

_TAGS = re.compile(r"<[^>]+>")


def visible(line: str) -> str:
    """The text a person sees in one template line (tags removed)."""
    return re.sub(r"\s+", " ", _TAGS.sub("", line)).strip()


def quote_lines(source: str, lineno: int | None, *, around: int = 2) -> str:
    """The template lines around ``lineno`` as a person sees them, the line itself marked with '>'."""
    lines = source.splitlines()
    if not lines or lineno is None:
        return ""
    index = max(0, min(len(lines) - 1, lineno - 1))
    out = []
    for i in range(max(0, index - around), min(len(lines), index + around + 1)):
        text = visible(lines[i])
        if not text and i != index:
            continue
        out.append(f"{'>' if i == index else ' '} baris {i + 1}: {text[:160]}")
    return "\n".join(out)


def quote_error(source: str, exc: BaseException) -> str:
    lineno = getattr(exc, "lineno", None)
    if lineno is None:
        tb = exc.__traceback__
        while tb is not None:  # the jinja-compiled frame carries the template line
            if tb.tb_frame.f_code.co_filename == "<template>":
                lineno = tb.tb_lineno
            tb = tb.tb_next
    return quote_lines(source, lineno)


def lines_using(source: str, name: str) -> list[int]:
    """1-based template lines whose jinja tags mention variable ``name``."""
    pattern = re.compile(r"(\{\{|\{%)(?:(?!\}\}|%\}).)*\b" + re.escape(name) + r"\b", re.DOTALL)
    return [i + 1 for i, line in enumerate(source.splitlines()) if pattern.search(line)]
