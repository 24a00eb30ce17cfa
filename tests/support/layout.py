"""Layout checks on produced letters, through LibreOffice (issue 16, "Layout rules held by tests").

* no page holds only the signature block (the closing paragraph is kept with it: keep-with-next
  on the closing and integrity-message paragraphs of every template);
* no command-line words in a document a person receives: no ``--option``, no ``integritas <command>``.

The signature block of a document is read from the .docx itself (paragraph styles
"Penandatangan", "Nama Penandatangan", "Judul Tembusan", "Daftar Tembusan"); headers and
footers are removed from each PDF page by their text.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

import docx

SIGNATURE_STYLES = {"Penandatangan", "Nama Penandatangan", "Judul Tembusan", "Daftar Tembusan"}
CLI_WORDS = re.compile(r"(?<![\w-])--[a-z][a-z-]+|\bintegritas (surat|validasi|templat|rekap|nilai|checklist|"
                       r"inspektorat|excel|kantor)\b")


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def signature_texts(path: Path) -> tuple[list[str], list[str]]:
    """(signature-block paragraph texts, header/footer texts) of a produced .docx."""
    d = docx.Document(str(path))
    sig = [_norm(p.text) for p in d.paragraphs if p.style is not None and p.style.name in SIGNATURE_STYLES]
    furniture: list[str] = []
    for section in d.sections:
        for part in (section.header, section.footer, section.first_page_header, section.first_page_footer):
            furniture.extend(_norm(p.text) for p in part.paragraphs)
            for table in part.tables:
                for row in table.rows:
                    furniture.extend(_norm(c.text) for c in row.cells)
    return [s for s in sig if s], [f for f in furniture if f]


def _is_part_of(line: str, texts: Iterable[str]) -> bool:
    return any(line in t for t in texts)


def signature_only_pages(docx_path: Path, pages: Sequence[str]) -> list[int]:
    """1-based pages whose body (without header and footer) is only signature block / Tembusan text."""
    sig, furniture = signature_texts(docx_path)
    bad = []
    for number, page in enumerate(pages, start=1):
        lines = [_norm(x) for x in page.splitlines() if _norm(x)]
        body = [x for x in lines if not _is_part_of(x, furniture) and not re.fullmatch(r"-?\s*\d+\s*-?", x)]
        if body and all(_is_part_of(x, sig) for x in body):
            bad.append(number)
    return bad


def cli_words(text: str) -> list[str]:
    return [m.group(0) for m in CLI_WORDS.finditer(text)]


def check_documents(paths: Sequence[Path]) -> list[str]:
    """Convert every .docx once (one LibreOffice batch) and list every layout problem found."""
    from toolkit.office import convert_parallel, pdf_text

    docs = [p for p in dict.fromkeys(paths) if p.exists() and p.suffix.lower() == ".docx"]
    if not docs:
        return []
    problems: list[str] = []
    work = Path(tempfile.mkdtemp(prefix="layout-"))
    try:
        staged = []
        for i, p in enumerate(docs):  # unique names: many tests write 'surat.docx'
            target = work / f"{i:04d}-{p.name}"
            shutil.copyfile(p, target)
            staged.append(target)
        pdfs = convert_parallel(staged, "pdf", work / "pdf", workers=1)
        for original, staged_docx, pdf in zip(docs, staged, pdfs, strict=True):
            pages = pdf_text(pdf).split("\f")
            if pages and not pages[-1].strip():
                pages = pages[:-1]
            only = signature_only_pages(staged_docx, pages)
            if only:
                problems.append(f"{original}: halaman {only} hanya berisi blok tanda tangan")
            words = cli_words(" ".join(pages))
            if words:
                problems.append(f"{original}: teks perintah di naskah: {sorted(set(words))}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return problems
