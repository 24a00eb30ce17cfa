"""The hostile corpus of issue 19: the generated inputs.

Nothing here is committed as a binary: every damaged workbook, bomb, FIFO, data file and
evidence folder is built from the samples by the functions below, in a temporary folder.
The runner that classifies each run (:func:`run_case`, :class:`Case`, :class:`Tally`) lives in
tests/support/hostile_run.py and is re-exported here.
"""

from __future__ import annotations

import os
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from tests.support.hostile_run import (  # noqa: F401 — the runner, re-exported (H.run_case, H.Case, H.GIB…)
    GIB,
    MEMORY_CAP,
    Case,
    MiB,
    Outcome,
    Tally,
    foreign_text,
    run_case,
    without_dac_override,
)

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "samples"
VALID_ZI = SAMPLES / "rencana-aksi-zi" / "komdigi-2026-valid.xlsx"
LKE_REFERENCE = SAMPLES / "lke" / "lke-zi-permenpanrb-90-2021.xlsx"
DATA_SHEET = "xl/worksheets/sheet3.xml"  # "Rencana Kerja" in VALID_ZI
LAPORAN_DATA = SAMPLES / "surat" / "laporan-monev-komdigi-2026.yaml"
# inspektorat sub-command -> (its workbook kind's valid sample, the data sheet)
INSPEKTORAT = {
    "pajak": (SAMPLES / "bos-transaksi" / "sdn1-mataram-2025-valid.xlsx", "Transaksi BOS"),
    "gratifikasi": (SAMPLES / "register-gratifikasi" / "inspektorat-ntb-2025-valid.xlsx", "Register Gratifikasi"),
    "risiko": (SAMPLES / "register-risiko" / "dikbud-ntb-2025-valid.xlsx", "Register Risiko"),
}

HOSTILE_TEXT = "Rapat koordinasi [daring] Biaya ${anggaran} «utama» [...]"


# --- writing zips by hand (so that headers can lie) ----------------------------------------

@dataclass
class Member:
    name: str
    raw: bytes  # the stored bytes (deflated unless method == 0)
    crc: int
    size: int  # declared uncompressed size
    method: int = 8


def member(name: str, data: bytes) -> Member:
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    raw = c.compress(data) + c.flush()
    return Member(name, raw, zlib.crc32(data), len(data))


def write_zip(path: Path, members: Sequence[Member]) -> Path:
    """A zip with exactly these local/central headers (sizes and CRCs as given, true or not)."""
    out = bytearray()
    central = bytearray()
    for m in members:
        name = m.name.encode("utf-8")
        offset = len(out)
        zip64 = m.size >= 0xFFFFFFFF
        size32 = 0xFFFFFFFF if zip64 else m.size
        extra = struct.pack("<HHQQ", 1, 16, m.size, len(m.raw)) if zip64 else b""
        comp32 = 0xFFFFFFFF if zip64 else len(m.raw)
        version = 45 if zip64 else 20
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, version, 0x800, m.method, 0, 0x21,
                           m.crc, comp32, size32, len(name), len(extra)) + name + extra + m.raw
        cextra = struct.pack("<HHQQQ", 1, 24, m.size, len(m.raw), offset) if zip64 else b""
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, version, version, 0x800, m.method, 0, 0x21,
                               m.crc, comp32, size32, len(name), len(cextra), 0, 0, 0, 0,
                               0xFFFFFFFF if zip64 else offset) + name + cextra
    cd_offset = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), cd_offset, 0)
    path.write_bytes(bytes(out))
    return path


def read_members(src: Path) -> list[Member]:
    with zipfile.ZipFile(src) as z:
        return [member(i.filename, z.read(i.filename)) for i in z.infolist()]


def patched(src: Path, dst: Path, changes: dict[str, Callable[[bytes], bytes]] | None = None,
            replace: dict[str, Member] | None = None, extra: Sequence[Member] = ()) -> Path:
    """A copy of the workbook ``src`` with some parts edited (text functions) or replaced (raw members)."""
    out = []
    with zipfile.ZipFile(src) as z:
        for info in z.infolist():
            if replace and info.filename in replace:
                out.append(replace[info.filename])
                continue
            data = z.read(info.filename)
            if changes and info.filename in changes:
                data = changes[info.filename](data)
            out.append(member(info.filename, data))
    out.extend(extra)
    return write_zip(dst, out)


def zero_stream(total: int) -> tuple[bytes, int]:
    """A raw deflate stream of ``total`` zero bytes, built without inflating it (repeated flushed blocks)."""
    chunk = bytes(MiB)
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    block = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    n = total // MiB
    raw = first + block * (n - 1) + c.flush()
    crc = 0
    for _ in range(n):
        crc = zlib.crc32(chunk, crc)
    return raw, crc


def bomb_member(name: str, total: int, *, declare: int | None = None) -> Member:
    """``name`` inflating to ``total`` zero bytes; ``declare`` = the (false) size the headers claim,
    with the CRC of the declared prefix so a reader trusting the headers sees a valid member."""
    raw, crc = zero_stream(total)
    if declare is None:
        return Member(name, raw, crc, total)
    return Member(name, raw, zlib.crc32(bytes(declare)), declare)


def repeated_member(name: str, total: int, *, letters: int, declare: int | None = None,
                    seed: int = 19) -> Member:
    """``name`` inflating to ``total`` bytes of random text over ``letters`` letters, built cheaply.

    One MiB of such text is deflated once (ending with a full flush, so each copy stands alone)
    and the compressed block repeated: the ratio is that of the text (about 8/log2(letters)),
    well under the ratio limit, and nothing of ``total`` is ever held or inflated here.
    ``declare``: the (false) size in the headers, with the CRC of that prefix (a lying header).
    """
    import random

    alphabet = bytes(range(97, 97 + letters))
    chunk = bytes(random.Random(seed).choices(alphabet, k=MiB))
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    block = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    n = total // MiB
    raw = block * n + zlib.compressobj(6, zlib.DEFLATED, -15).flush()  # + an empty final block
    if declare is not None:
        prefix = (chunk * (declare // MiB + 1))[:declare]
        return Member(name, raw, zlib.crc32(prefix), declare)
    crc = 0
    for _ in range(n):
        crc = zlib.crc32(chunk, crc)
    return Member(name, raw, crc, n * MiB)


def damaged(m: Member) -> Member:
    """The member with one byte of its deflate stream flipped (in the middle)."""
    raw = bytearray(m.raw)
    raw[len(raw) // 2] ^= 0xFF
    return Member(m.name, bytes(raw), m.crc, m.size, m.method)


def sheet_part(src: Path, sheet: str) -> str:
    """The zip part holding the sheet named ``sheet`` of the workbook ``src``."""
    with zipfile.ZipFile(src) as z:
        wbxml = z.read("xl/workbook.xml").decode()
        rels = z.read("xl/_rels/workbook.xml.rels").decode()
        names = z.namelist()
    rid = re.search(rf'<sheet [^>]*name="{re.escape(sheet)}"[^>]*r:id="(rId\d+)"', wbxml)
    assert rid, sheet
    m = re.search(rf'Id="{rid.group(1)}"[^>]*Target="([^"]+)"', rels) or \
        re.search(rf'Target="([^"]+)"[^>]*Id="{rid.group(1)}"', rels)
    assert m, sheet
    part = "xl/" + m.group(1).lstrip("/").removeprefix("xl/")
    assert part in names, part
    return part


LAUGHS = b'<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'


def with_doctype(data: bytes) -> bytes:
    """The XML part with an entity declaration right after its XML declaration."""
    return data.replace(b"?>", b"?>" + LAUGHS, 1) if data.startswith(b"<?xml") else LAUGHS + data


def build_kind_bad(src: Path, sheet: str, d: Path, prefix: str) -> dict[str, Path]:
    """Three bad copies of any workbook: a far cell in its data sheet, one damaged byte there, entities."""
    d.mkdir(parents=True, exist_ok=True)
    part = sheet_part(src, sheet)
    far = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    out = {f"{prefix}xfd-sel": patched(src, d / f"{prefix}xfd-sel.xlsx", {part: add_cells(far, part)})}
    members = [damaged(m) if m.name == part else m for m in read_members(src)]
    out[f"{prefix}deflate-rusak"] = write_zip(d / f"{prefix}deflate-rusak.xlsx", members)
    out[f"{prefix}entitas"] = patched(src, d / f"{prefix}entitas.xlsx", {"xl/sharedStrings.xml": with_doctype})
    return out


def set_numbers(values: dict[str, str]) -> Callable[[bytes], bytes]:
    """Set cells of a sheet part to numbers written as text (``{"AE4": "1e308"}``), whatever they held."""
    def edit(data: bytes) -> bytes:
        for ref, number in values.items():
            cell = f'<c r="{ref}"><v>{number}</v></c>'.encode()
            data, n = re.subn(rf'<c r="{ref}"(?:[^>]*/>|[^>]*>.*?</c>)'.encode(), lambda _m, cell=cell: cell, data, count=1)
            assert n == 1, ref
        return data
    return edit


def build_huge_numbers(d: Path) -> dict[str, Path]:
    """Numbers past any real amount (1e308, 1e30, inf) where sums, taxes and charts are made of them."""
    d.mkdir(parents=True, exist_ok=True)
    out: dict[str, Path] = {}
    zi = sheet_part(VALID_ZI, "Rencana Kerja")
    out["progres-1e308"] = patched(VALID_ZI, d / "progres-1e308.xlsx", {zi: set_numbers({"AE4": "1e308", "AE5": "1e308"})})
    src, sheet = INSPEKTORAT["pajak"]
    part = sheet_part(src, sheet)
    out["pajak-1e30"] = patched(src, d / "pajak-1e30.xlsx", {part: set_numbers({"K4": "1e30"})})
    out["pajak-1e308"] = patched(src, d / "pajak-1e308.xlsx", {part: set_numbers({"K4": "1e308", "K5": "1e308"})})
    out["pajak-inf"] = patched(src, d / "pajak-inf.xlsx", {part: set_numbers({"K4": "inf"})})
    out["progres-inf"] = patched(VALID_ZI, d / "progres-inf.xlsx", {zi: set_numbers({"AE4": "inf", "AE5": "-inf"})})
    src, sheet = INSPEKTORAT["gratifikasi"]
    part = sheet_part(src, sheet)
    out["gratifikasi-1e308"] = patched(src, d / "gratifikasi-1e308.xlsx", {part: set_numbers({"K4": "1e308", "K5": "1e308"})})
    return out


def build_long_plan(d: Path, rows: int = 80_000) -> dict[str, Path]:
    """The valid plan with ``rows`` more rows holding only A and AG: a 2.6 M-cell box, under every preflight
    limit but too large to be read whole (validasi streams it; the commands that load it refuse it)."""
    d.mkdir(parents=True, exist_ok=True)
    body = "".join(f'<row r="{r}"><c r="A{r}" t="s"><v>85</v></c><c r="AG{r}" t="inlineStr"><is><t>x</t></is></c>'
                   f'</row>' for r in range(39, 39 + rows))

    def edit(data: bytes) -> bytes:
        data = re.sub(rb'<dimension ref="[^"]*"/>', f'<dimension ref="A1:AG{rows + 38}"/>'.encode(), data, count=1)
        return data.replace(b"</sheetData>", body.encode() + b"</sheetData>", 1)
    return {"rencana-panjang": patched(VALID_ZI, d / "rencana-panjang.xlsx", {DATA_SHEET: edit})}


def build_damaged_parts(d: Path, src: Path = VALID_ZI) -> dict[str, Path]:
    """One copy of ``src`` per zip part, with one byte of that part's deflate stream flipped."""
    d.mkdir(parents=True, exist_ok=True)
    out: dict[str, Path] = {}
    with zipfile.ZipFile(src) as z:
        names = z.namelist()
    for name in names:
        label = "rusak-" + re.sub(r"[^A-Za-z0-9]+", "_", name).strip("_")
        members = [damaged(m) if m.name == name else m for m in read_members(src)]
        out[label] = write_zip(d / f"{label}.xlsx", members)
    return out


def build_big(d: Path) -> dict[str, Path]:
    """Big inputs under the ratio limit: ~125 MB inflating to ~900 MB (refused by the total inflated size,
    measured, not by the ratio) and a low-ratio lying header (~45 MB holding 100 MB, headers say 30 KB)."""
    d.mkdir(parents=True, exist_ok=True)
    media = repeated_member("xl/media/image1.bin", 225 * MiB, letters=2)  # ratio ~7
    extra = [Member(f"xl/media/image{i}.bin", media.raw, media.crc, media.size) for i in range(1, 5)]
    out = {"900mb": patched(VALID_ZI, d / "900mb.xlsx", extra=extra)}
    liar = repeated_member("docProps/app.xml", 100 * MiB, letters=6, declare=30_000)  # ratio ~2.3
    out["header-palsu-rendah"] = patched(VALID_ZI, d / "header-palsu-rendah.xlsx",
                                         replace={"docProps/app.xml": liar})
    return out


def add_cells(xml_cells: str, part: str = DATA_SHEET) -> Callable[[bytes], bytes]:
    def edit(data: bytes) -> bytes:
        return data.replace(b"</sheetData>", xml_cells.encode() + b"</sheetData>", 1)
    return edit


def set_text(old: str, new_xml: str) -> Callable[[bytes], bytes]:
    """Replace the first shared string ``old`` (exact <t> text) by ``new_xml`` (already escaped)."""
    def edit(data: bytes) -> bytes:
        needle = f">{old}</t>".encode()
        assert needle in data, old
        return data.replace(needle, f">{new_xml}</t>".encode(), 1)
    return edit


# --- the corpus ------------------------------------------------------------------------------

def build_workbooks(d: Path) -> dict[str, Path]:
    """Every damaged workbook of the corpus, built from ``VALID_ZI``."""
    d.mkdir(parents=True, exist_ok=True)
    src = VALID_ZI
    wb: dict[str, Path] = {}
    row = '<row r="1048576"><c r="{c}1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    wb["xfd-sel"] = patched(src, d / "xfd-sel.xlsx", {DATA_SHEET: add_cells(row.format(c="XFD"))})
    wb["dimensi-palsu"] = patched(src, d / "dimensi-palsu.xlsx", {DATA_SHEET: lambda b: add_cells(
        row.format(c="A"))(b.replace(b'<dimension ref="A1:AG38"/>', b'<dimension ref="A1:XFD1048576"/>'))})
    wb["bom-header-palsu"] = patched(src, d / "bom-header-palsu.xlsx",
                                     replace={"docProps/app.xml": bomb_member("docProps/app.xml", GIB,
                                                                              declare=30_000)})
    wb["bom-klasik"] = patched(src, d / "bom-klasik.xlsx",
                               replace={"xl/sharedStrings.xml": bomb_member("xl/sharedStrings.xml", 512 * MiB)})
    members = read_members(src)
    for m in members:
        if m.name == DATA_SHEET:
            raw = bytearray(m.raw)
            raw[len(raw) // 2] ^= 0xFF
            m.raw = bytes(raw)
    wb["deflate-rusak"] = write_zip(d / "deflate-rusak.xlsx", members)
    laughs = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">'
              b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;">]>')
    wb["entitas"] = patched(src, d / "entitas.xlsx", {
        "xl/sharedStrings.xml": lambda b: laughs + b.split(b"?>", 1)[1].replace(b"<t>Petunjuk", b"<t>&lol3;", 1)})
    deep = "(" * 5000 + "1" + ")" * 5000
    wb["rumus-5000"] = patched(src, d / "rumus-5000.xlsx", {DATA_SHEET: add_cells(
        f'<row r="900"><c r="AH900"><f>{deep}</f><v>1</v></c></row>')})
    wb["anggota-ganda"] = write_zip(d / "anggota-ganda.xlsx", read_members(src) + [member("docProps/app.xml", b"x")])
    many = read_members(src) + [member(f"xl/media/x{i}.bin", b"") for i in range(10_050)]
    wb["anggota-banyak"] = write_zip(d / "anggota-banyak.xlsx", many)
    # a unit's ordinary but awkward text: brackets, ${…}, guillemets, a vertical tab; and a 40,005-character cell
    wb["teks-bermusuhan"] = patched(src, d / "teks-bermusuhan.xlsx", {"xl/sharedStrings.xml": lambda b: set_text(
        "Pembentukan SK Tim ZI", HOSTILE_TEXT.replace("«", "&#171;").replace("»", "&#187;") + "_x000B_baris")(
        set_text("Penetapan program kerja ZI", "Panjang " * 5000 + "akhir")(b))})
    data = src.read_bytes()
    wb["terpotong"] = d / "terpotong.xlsx"
    wb["terpotong"].write_bytes(data[: len(data) * 2 // 3])
    os.mkfifo(d / "pipa.xlsx")
    wb["fifo"] = d / "pipa.xlsx"
    (d / "folder.xlsx").mkdir()
    wb["folder"] = d / "folder.xlsx"
    return wb


def build_lke(d: Path) -> dict[str, Path]:
    """LKE ZI copies: entities (workbook, sheet, shared strings), a 5,000-deep formula, a 5,000-long chain,
    a formula-looking answer, a lying dimension."""
    d.mkdir(parents=True, exist_ok=True)
    src = LKE_REFERENCE
    part = sheet_part(src, "LKE ZI")
    out: dict[str, Path] = {}
    deep = "(" * 5000 + "1" + ")" * 5000
    out["lke-rumus-5000"] = patched(src, d / "lke-rumus-5000.xlsx", {part: add_cells(
        f'<row r="5000"><c r="Z5000"><f>{deep}</f><v>1</v></c></row>', part)})
    chain = "".join(f'<row r="{r}"><c r="AA{r}"><f>AA{r + 1}+1</f><v>1</v></c></row>' for r in range(3000, 8000))
    out["lke-rantai-5000"] = patched(src, d / "lke-rantai-5000.xlsx", {part: add_cells(
        chain + '<row r="8000"><c r="AA8000"><v>1</v></c></row>', part)})
    out["lke-dimensi"] = patched(src, d / "lke-dimensi.xlsx", {part: lambda b: add_cells(
        '<row r="1048576"><c r="A1048576"><v>1</v></c></row>', part)(
        re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', b, count=1))})
    out["lke-entitas"] = patched(src, d / "lke-entitas.xlsx", {
        "xl/workbook.xml": lambda b: b.replace(b"?>", b'?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>', 1)})
    out["lke-entitas-sheet"] = patched(src, d / "lke-entitas-sheet.xlsx", {part: with_doctype})
    out["lke-entitas-ss"] = patched(src, d / "lke-entitas-ss.xlsx", {"xl/sharedStrings.xml": with_doctype})

    def answer_k9(data: bytes) -> bytes:  # the unit's answer in K9 typed as text that looks like a DDE formula
        cell = b'<c r="K9" t="inlineStr"><is><t>=cmd|\' /C calc\'!A0</t></is></c>'
        new, n = re.subn(rb'<c r="K9"[^>]*?(?:/>|>.*?</c>)', lambda _m, cell=cell: cell, data, count=1)
        assert n == 1, "K9"
        return new
    out["lke-jawaban-cmd"] = patched(src, d / "lke-jawaban-cmd.xlsx", {part: answer_k9})
    return out


def evidence_docx(path: Path, core: Member) -> Path:
    return write_zip(path, [
        member("[Content_Types].xml", b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                                      b'package/2006/content-types"/>'),
        member("word/document.xml", b"<w:document/>"), core])


def yaml_alias_bomb(fields: Sequence[str], levels: int = 9, width: int = 9) -> str:
    """About 1 KB of YAML whose aliases expand to ``width ** levels`` values in each of ``fields``."""
    lines = [f"a0: &a0 [{', '.join(['lol'] * width)}]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]" for i in range(1, levels + 1)]
    lines += [f"{f}: *a{levels}" for f in fields]
    return "\n".join(lines) + "\n"


def build_data_files(d: Path) -> dict[str, Path]:
    """Data files a person passes (YAML, JSON manifests): an alias bomb, Latin-1, broken YAML, a FIFO,
    JSON nested 200,000 deep."""
    d.mkdir(parents=True, exist_ok=True)
    out: dict[str, Path] = {}
    out["yaml-bom"] = d / "bom-nd.yaml"
    out["yaml-bom"].write_text("jenis: nota-dinas\n" + yaml_alias_bomb(["hal", "yth", "tembusan", "lampiran"]),
                               encoding="utf-8")
    out["yaml-bom-pengirim"] = d / "bom-pengirim.yaml"
    out["yaml-bom-pengirim"].write_text(yaml_alias_bomb(["dari", "penandatangan"]), encoding="utf-8")
    out["yaml-latin1"] = d / "latin1.yaml"
    out["yaml-latin1"].write_bytes(b"dari: Sekretaris \xe9\xff\n")
    out["yaml-rusak"] = d / "rusak.yaml"
    out["yaml-rusak"].write_text("hal: [Undangan, Rapat\nyth: x\n", encoding="utf-8")
    out["manifest-fifo"] = d / "pipa.manifest.json"
    os.mkfifo(out["manifest-fifo"])
    out["manifest-dalam"] = d / "dalam.manifest.json"
    out["manifest-dalam"].write_text('{"files": ' + "[" * 200_000 + "]" * 200_000 + "}", encoding="utf-8")
    return out


INJECTION_NAMES = ("=cmd|' -C calc'!A0.pdf", '=HYPERLINK("x.invalid","klik").pdf', "+1+2.pdf",
                   "-2+3.pdf", "@SUM(1).pdf", "\tTAB.pdf", "\rCR.pdf")


def build_evidence(d: Path, *, depth: int = 5000) -> Path:
    """An evidence folder: bombs in metadata, injection names, dangerous types, a FIFO, a deep tree."""
    root = d / "bukti"
    good = root / "1. Manajemen Perubahan" / "a. Tim Kerja"
    good.mkdir(parents=True)
    (good / "SK Tim ZI 2026.pdf").write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\nstartxref\n9\n%%EOF\n")
    evidence_docx(good / "notulen-rapat.docx", bomb_member("docProps/core.xml", 3 * GIB))
    evidence_docx(good / "laporan-header-palsu.docx", bomb_member("docProps/core.xml", GIB, declare=1000))
    write_zip(good / "materi.odt", [bomb_member("mimetype", 3 * GIB)])
    members = [member("[Content_Types].xml", b"<Types/>"), member("word/document.xml", b"<w:document/>" * 500),
               member("docProps/core.xml", b"<cp:coreProperties/>" * 400)]
    raw = bytearray(members[2].raw)
    raw[len(raw) // 2] ^= 0xFF
    members[2].raw = bytes(raw)
    write_zip(good / "daftar-hadir-rusak.docx", members)
    for name in INJECTION_NAMES:  # in a requirement folder and at the root (where the path starts with them)
        (good / name).write_bytes(b"%PDF-1.4\n%%EOF\n")
        (root / name).write_bytes(b"%PDF-1.4\n%%EOF\n")
    for name in ("setup.exe", "jalankan.bat", "aplikasi.hta", "tautan.url", "pintasan.lnk"):
        (good / name).write_bytes(b"MZ\x90\x00" + bytes(64))
    os.mkfifo(good / "pipa.pdf")
    bad_name = os.fsencode(str(good)) + b"/foto-\xff\xfe.jpg"
    with open(bad_name, "wb") as fh:
        fh.write(b"\xff\xd8\xff\xe0" + bytes(32))
    deep = root / "2. Tatalaksana"
    deep.mkdir()
    fd = os.open(deep, os.O_RDONLY)
    try:  # a deep tree through relative mkdir (paths longer than PATH_MAX)
        for _ in range(depth):
            os.mkdir("d", dir_fd=fd)
            nfd = os.open("d", os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = nfd
        with open(os.open("dalam.pdf", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd), "wb") as fh:
            fh.write(b"%PDF-1.4\n%%EOF\n")
    finally:
        os.close(fd)
    return root


def remove_tree(path: Path) -> None:
    """Remove a tree of any depth, iteratively and by directory handles: ``shutil.rmtree`` recurses, and
    paths deeper than PATH_MAX (the 5,000-level evidence tree) cannot be named from the root."""
    root = str(path)
    if not os.path.lexists(root):
        return
    if os.path.islink(root) or not os.path.isdir(root):
        os.unlink(root)
        return
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(root, flags)
    names: list[str] = []  # the folders from the root down to where ``fd`` is
    while True:
        sub = None
        with os.scandir(fd) as it:
            for e in it:
                if e.is_dir(follow_symlinks=False):
                    sub = e.name
                    break
                os.unlink(e.name, dir_fd=fd)
        if sub is not None:
            nfd = os.open(sub, flags, dir_fd=fd)
            os.close(fd)
            fd = nfd
            names.append(sub)
            continue
        if not names:
            os.close(fd)
            os.rmdir(root)
            return
        parent = os.open("..", flags, dir_fd=fd)
        os.close(fd)
        fd = parent
        os.rmdir(names.pop(), dir_fd=fd)


