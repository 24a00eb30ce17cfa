"""Issue 19, gaps G5, G9 and G11 (links): the evidence walk by folder handles, damaged and bomb
evidence files named and never counted, links in the rekap submissions folder refused by name."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import zlib
from pathlib import Path

import openpyxl
import pytest

from tests.support import hostile as H
from toolkit.evidence import scanner
from toolkit.evidence.scanner import fingerprint, scan, walk

REPO = Path(__file__).resolve().parents[1]
KOMDIGI = H.SAMPLES / "bukti" / "komdigi-2026"
MP = "01-manajemen-perubahan"


def _cli(*args: str, cwd: Path, prefix: list[str] | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "400", "PYTHONPATH": str(REPO)}
    return subprocess.run([*(prefix or []), sys.executable, "-m", "toolkit", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


# --- G5: a folder swapped for a link while the evidence folder is walked ----------------------------

def _swap_tree(tmp: Path) -> tuple[Path, str]:
    root = tmp / "bukti"
    (root / "a" / "b" / "c").mkdir(parents=True)
    (root / "a" / "b" / "c" / "ok.pdf").write_bytes(b"%PDF-1.4 dalam\n%%EOF\n")
    (tmp / "luar" / "c").mkdir(parents=True)
    secret = b"%PDF-1.4 rahasia di luar folder bukti\n%%EOF\n"
    (tmp / "luar" / "c" / "ok.pdf").write_bytes(secret)
    return root, hashlib.sha256(secret).hexdigest()


@pytest.mark.parametrize("handles", [True, False], ids=["folder-handles", "by-path-as-on-windows"])
def test_folder_swapped_for_a_link_during_the_walk_is_never_entered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                     handles: bool) -> None:
    """root/a/b becomes a link to a folder outside just after the walk listed root/a and before it
    lists (or opens) root/a/b: the race window, made deterministic by hooking the listing/open."""
    monkeypatch.setattr(scanner, "FD_WALK", handles, raising=False)  # False: the Windows walk (by path)
    handles_module = sys.modules.get("toolkit.evidence.handles")  # imported by the scanner
    if handles_module is not None:
        monkeypatch.setattr(handles_module, "FD_WALK", handles)
    root, secret_sha = _swap_tree(tmp_path)
    real_scandir, real_open = os.scandir, os.open
    swapped: list[bool] = []

    def swap() -> None:
        if not swapped:
            swapped.append(True)
            os.rename(root / "a" / "b", tmp_path / "b-lama")
            os.symlink(tmp_path / "luar", root / "a" / "b")

    def hooked_scandir(path: object = ".") -> object:
        if isinstance(path, (str, os.PathLike)) and os.fspath(path).endswith(os.sep + os.path.join("a", "b")):
            swap()
        return real_scandir(path)  # type: ignore[arg-type]

    def hooked_open(path: object, flags: int, mode: int = 0o777, *, dir_fd: int | None = None) -> int:
        if path == "b" and dir_fd is not None:
            swap()
        return real_open(path, flags, mode, dir_fd=dir_fd)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", hooked_scandir)
    monkeypatch.setattr(os, "open", hooked_open)
    result = scan(root, workers=1)
    monkeypatch.setattr(os, "scandir", real_scandir)
    monkeypatch.setattr(os, "open", real_open)
    assert swapped, "the hook never ran: the walk did not reach root/a/b"
    assert all(f.sha256 != secret_sha for f in result.files), "a file outside the evidence folder was hashed"
    assert not [f for f in result.files if not f.read_error], result.files
    reasons = [s.reason for s in result.skipped if s.rel == "a/b"]
    assert reasons and "berganti" in reasons[0], result.skipped


def test_folder_swapped_after_the_walk_is_not_read_through(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The walk is done; then a folder on the file's path becomes a link to an outside copy of the
    same tree, with the outside file hard-linked from inside (same device and inode as the walk saw):
    only opening folder by folder without following links notices (the inode check cannot)."""
    root, _sha = _swap_tree(tmp_path)
    inside = root / "a" / "b" / "c" / "ok.pdf"
    found, _skipped = walk(root)
    assert [f[0] for f in found] == ["a/b/c/ok.pdf"]
    (tmp_path / "luar2" / "c").mkdir(parents=True)
    os.link(inside, tmp_path / "luar2" / "c" / "ok.pdf")  # same inode, reached through the link
    os.rename(root / "a" / "b", tmp_path / "b-lama")
    os.symlink(tmp_path / "luar2", root / "a" / "b")
    entry = fingerprint(os.path.realpath(root), *found[0])
    assert entry.read_error and "berganti" in entry.read_error and entry.sha256 == "", entry


# --- G9: bombs, damaged and unreadable evidence files ------------------------------------------------

def _damaged_evidence(tmp: Path) -> Path:
    """The sample evidence folder with five requirement files replaced by bombs and damaged files,
    dated inside the period (so only their content can keep them from counting), plus one
    evidence file nobody may read."""
    bukti = tmp / "bukti"
    shutil.copytree(KOMDIGI, bukti)
    k = bukti / MP
    in_period = (1772323200, 1772323200)  # 1 March 2026
    made: list[Path] = []
    (k / "kegiatan-02" / "SK-Tim-ZI-2026.pdf").unlink()  # core.xml inflates to 3 GiB (honest header)
    made.append(H.evidence_docx(k / "kegiatan-02" / "SK-Tim-ZI-2026.docx",
                                H.bomb_member("docProps/core.xml", 3 * H.GIB)))
    (k / "kegiatan-05" / "Laporan-Agen-Perubahan-TW2-2026.pdf").unlink()  # header says 1,000 bytes
    made.append(H.evidence_docx(k / "kegiatan-05" / "Laporan-Agen-Perubahan-TW2-2026.docx",
                                H.bomb_member("docProps/core.xml", 64 * H.MiB, declare=1000)))
    ms = [H.member("[Content_Types].xml", b"<Types/>"), H.member("word/document.xml", b"<w:document/>" * 500),
          H.member("docProps/core.xml", b"<cp:coreProperties/>" * 400)]
    raw = bytearray(ms[1].raw)
    raw[len(raw) // 2] ^= 0xFF
    ms[1].raw = bytes(raw)
    (k / "kegiatan-03" / "Program-Kerja-ZI-2026.pdf").unlink()  # one flipped byte in document.xml
    made.append(H.write_zip(k / "kegiatan-03" / "Program-Kerja-ZI-2026.docx", ms))
    entities = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
                b'<cp:coreProperties xmlns:cp="x" xmlns:dcterms="y"><dcterms:created>&b;2026-03-01'
                b'</dcterms:created></cp:coreProperties>')
    (k / "kegiatan-04" / "SK-Agen-Perubahan-2026.pdf").unlink()  # entity declarations in core.xml
    made.append(H.evidence_docx(k / "kegiatan-04" / "SK-Agen-Perubahan-2026.docx",
                                H.member("docProps/core.xml", entities)))
    for p in made:
        os.utime(p, in_period)
    secret = bukti / "catatan-pribadi.pdf"  # matches no requirement, and cannot be read
    secret.write_bytes(b"%PDF-1.4\n%%EOF\n")
    secret.chmod(0)
    return bukti


def test_bombs_and_damaged_evidence_are_named_and_never_valid(tmp_path: Path) -> None:
    bukti = _damaged_evidence(tmp_path)
    prefix = H.without_dac_override()
    workbook = tmp_path / "zi.xlsx"
    shutil.copy(H.VALID_ZI, workbook)
    out = tmp_path / "zi.checklist.xlsx"
    try:
        run = _cli("checklist", str(workbook), "--bukti", str(bukti), "-o", str(out), cwd=tmp_path,
                   prefix=prefix)
    finally:
        (bukti / "catatan-pribadi.pdf").chmod(0o644)
    assert run.returncode == 1, run.stderr
    lines = run.stdout.splitlines()
    expected = {
        f"{MP}/kegiatan-02/SK-Tim-ZI-2026.docx": ("KG1.02-output", "terlalu besar untuk dibaca"),
        f"{MP}/kegiatan-05/Laporan-Agen-Perubahan-TW2-2026.docx": ("KG1.05-output", "header palsu"),
        f"{MP}/kegiatan-03/Program-Kerja-ZI-2026.docx": ("KG1.03-output", "deflate rusak"),
        f"{MP}/kegiatan-04/SK-Agen-Perubahan-2026.docx": (None, "DOCTYPE/ENTITY"),  # KG1.04 has other files
    }
    for rel, (req, damage) in expected.items():
        named = [ln for ln in lines if "tidak terbaca" in ln and rel in ln]
        assert len(named) == 1 and damage in named[0], (rel, run.stdout)
        if req is not None:  # its only file: the requirement is not met
            assert any(ln.lstrip().startswith(f"[Perlu Dicek] {req} ") for ln in lines), (req, run.stdout)
    manifest = json.loads(out.with_name("zi.checklist.manifest.json").read_text(encoding="utf-8"))
    problems = {f["path"]: f.get("masalah", "") for f in manifest["files"]}
    for rel, (_req, damage) in expected.items():
        assert damage in problems[rel], (rel, problems[rel])
    assert sum(1 for v in problems.values() if v) == len(expected) + (prefix is not None)
    # the workbook copy: a bomb or a damaged file is listed, never one click away, never "file sah"
    wb = openpyxl.load_workbook(out)
    text = [str(c.value) for row in wb["Checklist Bukti"].iter_rows() for c in row if c.value is not None]
    for rel in expected:
        assert not [t for t in text if "HYPERLINK" in t and rel in t], rel
    if prefix is not None:  # file permissions hold (not root, or root without DAC override)
        unreadable = [ln for ln in lines if "catatan-pribadi.pdf" in ln and "tidak terbaca" in ln]
        assert unreadable and "izin" in unreadable[0], run.stdout
        assert "izin" in problems["catatan-pribadi.pdf"]
        other = [str(c.value) for row in wb["File Lain"].iter_rows() for c in row if c.value is not None]
        assert any("izin" in t for t in other), other


def test_checklist_json_lists_unreadable_files(tmp_path: Path) -> None:
    """The machine output names each damaged file too (and a sound folder has an empty list)."""
    bukti = tmp_path / "bukti"
    bukti.mkdir()
    ms = [H.member("[Content_Types].xml", b"<Types/>"), H.member("word/document.xml", b"<w:document/>" * 500)]
    ms[1].crc ^= 1  # the stream inflates, its CRC does not match
    H.write_zip(bukti / "undangan.docx", ms)
    run = _cli("checklist", str(H.VALID_ZI), "--bukti", str(bukti), "--json", "-o",
               str(tmp_path / "x.xlsx"), cwd=tmp_path)
    data = json.loads(run.stdout)
    assert [(f["path"], "CRC" in f["alasan"]) for f in data["file_tidak_terbaca"]] == [("undangan.docx", True)]
    assert data["file_tidak_dikenali"][0]["alasan"].startswith("tidak dapat dibaca")


def test_png_text_chunk_is_inflated_within_the_head(tmp_path: Path) -> None:
    """A zTXt chunk inflating to 64 MiB is read only as far as the head bound (no 64 MiB allocation)."""
    from toolkit.evidence import filetypes

    payload = zlib.compress(b"2026-03-01 " + bytes(64 * H.MiB))
    chunk = b"zTXt" + b"date:create\x00\x00" + payload
    head = b"\x89PNG\r\n\x1a\n" + len(chunk[4:]).to_bytes(4, "big") + chunk + b"\x00\x00\x00\x00"
    seen: list[int] = []
    real = filetypes.zlib.decompressobj

    class Counting:
        def __init__(self) -> None:
            self.inner = real()

        def decompress(self, data: bytes, max_length: int = 0) -> bytes:
            out = self.inner.decompress(data, max_length)
            seen.append(len(out))
            return out

    filetypes.zlib.decompressobj = Counting  # type: ignore[assignment]
    try:
        text = filetypes._png_text(head)
    finally:
        filetypes.zlib.decompressobj = real  # type: ignore[assignment]
    assert seen and max(seen) <= filetypes.HEAD_BYTES and b"date:create" in text


# --- G11: links in the rekap submissions folder ------------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform == "win32", reason="symbolic links")
def test_rekap_names_links_in_the_submissions_folder_and_does_not_follow_them(tmp_path: Path) -> None:
    kiriman = H.SAMPLES / "rekap" / "kiriman-tw2"
    inbox = tmp_path / "masuk"
    inbox.mkdir()
    shutil.copy(kiriman / "KW-SUMUT_rencana-aksi-zi_TW2.xlsx", inbox / "KW-SUMUT.xlsx")
    elsewhere = tmp_path / "folder-lain"
    elsewhere.mkdir()
    shutil.copy(kiriman / "KW-JATIM_rencana-aksi-zi.xlsx", elsewhere / "KW-JATIM.xlsx")
    (inbox / "tautan.xlsx").symlink_to(kiriman / "KW-ACEH_rencana-aksi-zi_TW2.xlsx")
    (inbox / "luar").symlink_to(elsewhere, target_is_directory=True)
    run = _cli("rekap", str(inbox), "-o", str(tmp_path / "REKAP.xlsx"), "--tanpa-riwayat", "--tanpa-progres",
               cwd=tmp_path)
    text = " ".join(run.stdout.split())
    assert run.returncode == 1, run.stdout + run.stderr
    assert "1 file dibaca" in text, text
    for name in ("tautan.xlsx", "luar"):
        assert f"dilewati: {inbox / name}: tautan simbolik" in text, (name, text)
    wb = openpyxl.load_workbook(tmp_path / "REKAP.xlsx", read_only=True)
    cells = " ".join(str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row if c)
    assert "KW-SUMUT.xlsx" in cells and "KW-ACEH_rencana" not in cells and "KW-JATIM.xlsx" not in cells
    assert "Tidak Terbaca" not in cells  # the one real submission was read


def test_evidence_folder_itself_swapped_after_the_walk(tmp_path: Path) -> None:
    """The whole evidence folder becomes a link to another folder holding a hard link of the same
    file (same inode): the file is not read through the link."""
    root = tmp_path / "bukti"
    root.mkdir()
    (root / "a.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (tmp_path / "lain").mkdir()
    os.link(root / "a.pdf", tmp_path / "lain" / "a.pdf")
    found, _skipped = walk(root)
    root_real = os.path.realpath(root)
    os.rename(root, tmp_path / "lama")
    os.symlink(tmp_path / "lain", root)
    entry = fingerprint(root_real, *found[0])
    assert entry.read_error and "berganti" in entry.read_error and entry.sha256 == "", entry


def test_a_large_evidence_file_gets_the_time_to_be_read() -> None:
    """A 2 GB video on a slow share is not refused as hostile: the budget grows with the size (review)."""
    from toolkit.evidence.scanner import SLOW_READ_BYTES_PER_SECOND, evidence_budget
    from toolkit.workbook.limits import file_seconds

    small, video = evidence_budget("a.pdf", 20_000), evidence_budget("b.mp4", 2 * 1024 ** 3)
    assert small.seconds == pytest.approx(file_seconds(), abs=0.01)
    assert video.seconds == pytest.approx(file_seconds() + 2 * 1024 ** 3 / SLOW_READ_BYTES_PER_SECOND)
    assert video.seconds > 200
