"""Read a produced .docx back and refuse it when any placeholder-looking text is left.

Seed 004's letter to KPK was sent with ``Tanggal : ${tanggal_naskah}`` under both
Lampiran and ``}{ttd}`` where the signature belongs. This check runs on the file
as written (every XML part: body and its tables, headers, footers, footnotes,
endnotes, comments and the document properties) and finds:

* ``${…}`` (and the mangled ``}{ttd}`` / ``{ttd}``) — template fields of other tools;
* ``{{ … }}``, ``{% … %}``, ``{# … #}`` — jinja2 that was not rendered;
* ``«…»`` and ``<<…>>`` — Word mail-merge fields;
* ``[nama]``, ``[Tanggal]``, ``[…]``, ``[...]``, ``[isi di sini]`` — fill-ins in brackets.

Text is joined per paragraph first, because Word splits ``${tanggal_naskah}`` over
several runs.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from toolkit.errors import TemplateError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

PLACEHOLDER_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("${…}", re.compile(r"\$\{[^}]*\}?")),
    ("{{…}}", re.compile(r"\{\{.*?(\}\}|$)")),
    ("{%…%}", re.compile(r"\{%.*?(%\}|$)")),
    ("{#…#}", re.compile(r"\{#.*?(#\}|$)")),
    ("{nama}", re.compile(r"\{\s*[A-Za-z_][\w.]*\s*\}")),
    ("«…»", re.compile(r"«[^»]{1,60}»")),
    ("<<…>>", re.compile(r"<<[^>]{1,60}>>")),
    # [nama], [Nama Pejabat], [tanggal surat], […], [...], [isi], [xxx] — but not [1] or [a]
    ("[…]", re.compile(r"\[\s*(?:\.{2,}|…+|_{2,}|x{2,}|[A-Za-z][A-Za-z_ /.-]{2,40})\s*\]", re.IGNORECASE)),
)


@dataclass(frozen=True)
class Leftover:
    part: str
    paragraph: int  # 1-based paragraph index within the part
    match: str
    context: str
    pattern: str

    def describe(self) -> str:
        return f"{self.part} paragraf {self.paragraph}: '{self.match}' dalam \"{self.context}\""


def _paragraph_texts(xml: bytes) -> list[str]:
    root = etree.fromstring(xml)
    texts = []
    paras = list(root.iter(f"{W}p"))
    if not paras:  # docProps/core.xml and the like: all text
        return ["".join(root.itertext())]
    for p in paras:
        chunks = []
        for el in p.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}instrText"):
            if el.tag == f"{W}tab":
                chunks.append("\t")
            elif el.tag == f"{W}br":
                chunks.append("\n")
            else:
                chunks.append(el.text or "")
        texts.append("".join(chunks))
    return texts


_SCANNED = re.compile(r"^(word/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml|docProps/(core|app)\.xml)$")


def docx_paragraphs(path: str | Path) -> dict[str, list[str]]:
    """Paragraph texts of every scanned part, keyed by zip member name."""
    out: dict[str, list[str]] = {}
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if _SCANNED.match(name):
                out[name] = _paragraph_texts(z.read(name))
    return out


def docx_text(path: str | Path) -> str:
    """All text of a .docx, body first then headers and footers (for tests and messages)."""
    paras = docx_paragraphs(path)
    order = sorted(paras, key=lambda n: (not n.startswith("word/document"), not n.startswith("word/"), n))
    return "\n".join(t for name in order if name.startswith("word/") for t in paras[name])


def data_texts(value: Any) -> list[str]:
    """Every text inside a letter's data (nested dicts and lists too)."""
    out: list[str] = []
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, str):
            out.append(v)
        elif isinstance(v, Mapping):
            stack.extend(v.values())
        elif isinstance(v, (list, tuple, set)):
            stack.extend(v)
    return out


def _from_data(match: str, texts: Sequence[str]) -> bool:
    return any(match in t for t in texts)


def find_leftovers(path: str | Path, *, data: Any = None) -> list[Leftover]:
    """Placeholder-looking text left in the produced file. With ``data`` (the letter's data), text that
    comes from the data itself — a unit's ``Rapat [daring]``, ``Biaya ${anggaran}``, ``«utama»`` — is
    text, not a leftover: only what the template put there counts."""
    texts = data_texts(data) if data is not None else []
    found: list[Leftover] = []
    for part, paragraphs in docx_paragraphs(path).items():
        for i, text in enumerate(paragraphs, start=1):
            for label, pattern in PLACEHOLDER_PATTERNS:
                for m in pattern.finditer(text):
                    if texts and _from_data(m.group(0), texts):
                        continue
                    start = max(0, m.start() - 40)
                    context = text[start:m.end() + 40].replace("\n", " ")
                    found.append(Leftover(part, i, m.group(0), context, label))
    return found


def check_no_leftovers(path: str | Path, *, data: Any = None) -> None:
    """Raise TemplateError naming each leftover placeholder in the produced file (not counting ``data``'s text)."""
    leftovers = find_leftovers(path, data=data)
    if not leftovers:
        return
    shown = "\n".join("  " + lo.describe() for lo in leftovers[:10])
    more = f"\n  … dan {len(leftovers) - 10} lagi" if len(leftovers) > 10 else ""
    raise TemplateError(f"naskah masih memuat {len(leftovers)} isian yang belum terisi "
                        f"(mis. ${{tanggal_naskah}} seperti surat seed 004); file tidak disimpan:\n{shown}{more}",
                        path=path)
