"""Hostile evidence folders: every case of issue 4 point 3 has a test here.

Empty files, disguised types (magic bytes vs extension), executables, duplicates (same sha256
under two requirements), files newer than the reporting period or older than the year,
unreadable/corrupt/encrypted PDFs, names escaping the folder (``..`` and absolute paths in a
listing, symlinks pointing out of the tree) — never followed.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import openpyxl
import pytest

from tests.support.evidence_files import pdf_bytes, png_bytes, write_evidence
from toolkit.evidence import ADA, PERLU_DICEK, TIDAK_ADA, build_checklist, scan, verify_manifest
from toolkit.evidence.manifest import build_manifest
from toolkit.evidence.writer import write_checklist_copy
from toolkit.schemas import get_schema
from toolkit.workbook.template import build_workbook

PERIOD_END = dt.date(2026, 6, 30)
MP = "01-manajemen-perubahan"


@pytest.fixture()
def workbook(tmp_path: Path) -> Path:
    """A small rencana-aksi-zi workbook: TW I commitments of Manajemen Perubahan and one meeting activity."""
    months = {f"rencana_m{m:02d}": "v" for m in (2, 3)} | {f"realisasi_m{m:02d}": "v" for m in (2, 3)}
    rows = {
        "rencana": [{"area": "Manajemen Perubahan", "no": 1, "kegiatan": "Sosialisasi dan Internalisasi ZI",
                     "output": "Laporan kegiatan", "pic": "Annisa", "status": "Selesai", "progres": 100,
                     "bukti": "../../etc/passwd; /etc/shadow; Laporan-Sosialisasi-ZI.pdf", **months}],
        "komitmen": [{"triwulan": "TW I", "fokus": "Perencanaan & Komitmen", "area": "Manajemen Perubahan",
                      "output_dimonitor": "SK Tim", "pic": "Annisa",
                      "kewajiban_evidence": "• Dokumen SK Tim Internal Pembangunan ZI\n• SK Agen Perubahan"}],
    }
    identitas = {"nama_unit": "Unit Uji", "kode_unit": "UJI", "jenis_unit": "Pusat", "tahun": 2026,
                 "periode": "TW II", "tanggal_pengisian": dt.date(2026, 7, 3), "kepala_nama": "Kepala",
                 "kepala_nip": "197105121998031003"}
    path = tmp_path / "unit.xlsx"
    build_workbook(get_schema("rencana-aksi-zi"), path, identitas=identitas, rows=rows)
    return path


@pytest.fixture()
def bukti(tmp_path: Path) -> Path:
    """Complete, clean evidence for the workbook above."""
    root = tmp_path / "bukti"
    d = dt.date(2026, 2, 12)
    write_evidence(root / MP / "TW-I" / "SK Tim ZI 2026.pdf", "SK Tim ZI", d)
    write_evidence(root / MP / "TW-I" / "SK Agen Perubahan.pdf", "SK Agen Perubahan", d)
    write_evidence(root / MP / "kegiatan-01" / "Laporan-Sosialisasi-ZI.pdf", "Laporan", dt.date(2026, 3, 28))
    for m in (2, 3):
        folder = root / MP / "kegiatan-01" / f"2026-{m:02d}"
        write_evidence(folder / "daftar hadir.pdf", f"Daftar hadir {m}", dt.date(2026, m, 14))
        write_evidence(folder / "materi.pdf", f"Materi {m}", dt.date(2026, m, 14))
        (folder / f"foto_{m}.png").write_bytes(png_bytes(dt.date(2026, m, 14), (m * 40, 10, 90)))
    return root


def _status(wb: Path, root: Path) -> dict[str, str]:
    return build_checklist(wb, root).statuses()


def test_clean_folder_is_complete(workbook: Path, bukti: Path):
    c = build_checklist(workbook, bukti)
    assert c.completeness() == 100.0, [(i.requirement.id, i.reason) for i in c.items if i.status != ADA]
    assert len(c.items) == 2 + 1 + 2 * 3


def test_empty_file(workbook: Path, bukti: Path):
    (bukti / MP / "TW-I" / "SK Tim ZI 2026.pdf").write_bytes(b"")
    c = build_checklist(workbook, bukti)
    assert c.item("TW1.1-01").status == PERLU_DICEK and "file kosong (0 byte)" in c.item("TW1.1-01").reason


def test_disguised_image_saved_as_pdf(workbook: Path, bukti: Path):
    (bukti / MP / "TW-I" / "SK Agen Perubahan.pdf").write_bytes(png_bytes(dt.date(2026, 2, 1)))
    item = build_checklist(workbook, bukti).item("TW1.1-02")
    assert item.status == PERLU_DICEK and "ekstensi .pdf tetapi isinya PNG" in item.reason


def test_executable_disguised_as_pdf_is_never_accepted(workbook: Path, bukti: Path):
    (bukti / MP / "TW-I" / "SK Tim ZI 2026.pdf").write_bytes(b"MZ\x90\x00" + b"\x00" * 200 + b"This program")
    item = build_checklist(workbook, bukti).item("TW1.1-01")
    assert item.status == PERLU_DICEK and "program/aplikasi" in item.reason


def test_pdf_renamed_to_jpg_for_a_photo(workbook: Path, bukti: Path):
    folder = bukti / MP / "kegiatan-01" / "2026-02"
    (folder / "foto_2.png").unlink()
    (folder / "foto_2.jpg").write_bytes(pdf_bytes("bukan foto", dt.date(2026, 2, 14)))
    item = build_checklist(workbook, bukti).item("KG1.01-02-foto")
    assert item.status == PERLU_DICEK and "ekstensi .jpg tetapi isinya PDF" in item.reason


def test_duplicate_content_under_two_requirements(workbook: Path, bukti: Path):
    tw1 = bukti / MP / "TW-I"
    shutil.copyfile(tw1 / "SK Tim ZI 2026.pdf", tw1 / "SK Agen Perubahan.pdf")
    c = build_checklist(workbook, bukti)
    for rid in ("TW1.1-01", "TW1.1-02"):
        assert c.item(rid).status == PERLU_DICEK and "isi sama persis (sha256)" in c.item(rid).reason
    assert c.item("KG1.01-output").status == ADA


def test_same_document_filed_twice_under_its_own_name_is_only_a_note(workbook: Path, bukti: Path):
    src = bukti / MP / "TW-I" / "SK Tim ZI 2026.pdf"
    (bukti / MP / "kegiatan-01" / "2026-02" / "SK Tim ZI 2026.pdf").write_bytes(src.read_bytes())
    c = build_checklist(workbook, bukti)
    assert c.item("TW1.1-01").status == ADA


def test_file_newer_than_the_reporting_period(workbook: Path, bukti: Path):
    write_evidence(bukti / MP / "TW-I" / "SK Tim ZI 2026.pdf", "SK Tim ZI", dt.date(2026, 8, 17))
    item = build_checklist(workbook, bukti).item("TW1.1-01")
    assert item.status == PERLU_DICEK
    assert "bertanggal 17 Agustus 2026 (metadata dokumen), setelah akhir periode laporan 30 Juni 2026" in item.reason


def test_file_older_than_the_year(workbook: Path, bukti: Path):
    write_evidence(bukti / MP / "TW-I" / "SK Agen Perubahan.pdf", "SK lama", dt.date(2024, 12, 1))
    item = build_checklist(workbook, bukti).item("TW1.1-02")
    assert item.status == PERLU_DICEK and "sebelum tahun 2026" in item.reason


def test_modification_time_is_the_last_resort_date(workbook: Path, bukti: Path):
    path = bukti / MP / "TW-I" / "SK Tim ZI 2026.pdf"
    data = pdf_bytes("SK Tim ZI", dt.date(2026, 2, 1)).replace(b"/CreationDate", b"/Keywords    ")
    path.write_bytes(data)
    stamp = dt.datetime(2026, 9, 1, 12).timestamp()
    os.utime(path, (stamp, stamp))
    item = build_checklist(workbook, bukti).item("TW1.1-01")
    assert item.status == PERLU_DICEK and "(waktu ubah file), setelah akhir periode" in item.reason
    # a date in the file name wins over the modification time
    path.rename(path.with_name("2026-02-03 SK Tim ZI.pdf"))
    assert build_checklist(workbook, bukti).item("TW1.1-01").status == ADA


@pytest.mark.parametrize("damage,expected", [
    (lambda b: b[: b.rindex(b"xref")], "terpotong"),
    (lambda b: b.replace(b"startxref\n", b"startxref\n9999999").replace(b"%%EOF", b"%%EOF"), "ke luar file"),
    (lambda b: b.replace(b"/Root 1 0 R", b"/Root 1 0 R /Encrypt 7 0 R"), "terenkripsi"),
    (lambda b: b"\n" * 3 + b.replace(b"%PDF-1.4", b"%PDX-1.4"), "bukan PDF"),
])
def test_unreadable_pdfs(workbook: Path, bukti: Path, damage, expected):
    path = bukti / MP / "TW-I" / "SK Tim ZI 2026.pdf"
    path.write_bytes(damage(path.read_bytes()))
    item = build_checklist(workbook, bukti).item("TW1.1-01")
    assert item.status == PERLU_DICEK
    text = item.reason
    if expected == "bukan PDF":
        assert "isinya" in text or "tidak diterima" in text
    else:
        assert expected in text


def test_symlink_out_of_the_tree_is_never_followed(workbook: Path, bukti: Path, tmp_path: Path):
    secret = tmp_path / "rahasia"
    secret.mkdir()
    write_evidence(secret / "SK Tim ZI.pdf", "rahasia", dt.date(2026, 2, 1))
    (bukti / MP / "TW-I" / "SK Tim ZI 2026.pdf").unlink()
    os.symlink(secret / "SK Tim ZI.pdf", bukti / MP / "TW-I" / "SK Tim ZI link.pdf")
    os.symlink(secret, bukti / MP / "folder-luar")
    os.symlink("/etc/passwd", bukti / "passwd.pdf")
    result = scan(bukti)
    rels = {f.rel for f in result.files}
    assert not any("link" in r or "folder-luar" in r or "passwd" in r for r in rels)
    skipped = {s.rel: s.reason for s in result.skipped}
    assert "menunjuk ke luar folder bukti" in skipped[f"{MP}/TW-I/SK Tim ZI link.pdf"]
    assert f"{MP}/folder-luar" in skipped and "passwd.pdf" in skipped
    c = build_checklist(workbook, bukti)
    assert c.item("TW1.1-01").status == TIDAK_ADA
    assert {s.rel for s in c.skipped} == set(skipped)


def test_symlink_inside_the_tree_is_not_followed_either(workbook: Path, bukti: Path):
    tw1 = bukti / MP / "TW-I"
    (tw1 / "SK Tim ZI 2026.pdf").rename(bukti / "asli.pdf")
    os.symlink(bukti / "asli.pdf", tw1 / "SK Tim ZI 2026.pdf")
    skipped = {s.rel: s.reason for s in scan(bukti).skipped}
    assert "di dalam folder bukti" in skipped[f"{MP}/TW-I/SK Tim ZI 2026.pdf"]


def test_references_escaping_the_folder_are_ignored(workbook: Path, bukti: Path, tmp_path: Path):
    """Referensi Bukti says "../../etc/passwd; /etc/shadow": reported, never resolved or opened."""
    c = build_checklist(workbook, bukti)
    assert any("'../../etc/passwd'" in n and "luar folder bukti" in n for n in c.notes)
    assert any("'/etc/shadow'" in n for n in c.notes)
    assert all(not f.rel.startswith(("/", "..")) for f in c.scan.files)
    out = write_checklist_copy(workbook, c, tmp_path / "out.checklist.xlsx")
    wb = openpyxl.load_workbook(out)
    texts = [str(cell.value) for row in wb["File Lain"].iter_rows() for cell in row if cell.value]
    assert any("../../etc/passwd" in t for t in texts)


def test_manifest_with_absolute_and_parent_paths_is_refused(bukti: Path, tmp_path: Path):
    manifest = build_manifest(scan(bukti))
    outside = tmp_path / "di-luar.txt"
    outside.write_text("jangan dibaca")
    manifest["files"] += [{"path": "/etc/passwd", "size": 1, "sha256": "x"},
                          {"path": "../di-luar.txt", "size": 13, "sha256": "x"},
                          {"path": "C:/Windows/win.ini", "size": 1, "sha256": "x"}]
    v = verify_manifest(manifest, bukti)
    assert v.unsafe == ["/etc/passwd", "../di-luar.txt", "C:/Windows/win.ini"]
    assert not v.ok and not v.missing and not v.changed and v.matched == len(scan(bukti).files)


def test_file_names_that_look_like_formulas_are_written_as_text(workbook: Path, bukti: Path, tmp_path: Path):
    evil = bukti / MP / "TW-I" / '=HYPERLINK("http://x","SK Tim ZI").pdf'
    write_evidence(evil, "SK", dt.date(2026, 2, 1))
    c = build_checklist(workbook, bukti)
    out = write_checklist_copy(workbook, c, tmp_path / "o.checklist.xlsx")
    wb = openpyxl.load_workbook(out)
    cells = [cell for row in wb["Checklist Bukti"].iter_rows() for cell in row
             if isinstance(cell.value, str) and "HYPERLINK" in cell.value]
    assert cells and all(cell.data_type == "s" for cell in cells)


def test_file_that_cannot_be_read_is_reported(workbook: Path, bukti: Path):
    """A file that vanishes (or is locked) between the walk and the read: reported, not a crash."""
    from toolkit.evidence.scanner import ScanResult, fingerprint, walk

    found, skipped = walk(bukti)
    path = bukti / MP / "TW-I" / "SK Tim ZI 2026.pdf"
    path.unlink()
    root = os.path.realpath(bukti)
    result = ScanResult(bukti, [fingerprint(root, *item) for item in found], skipped)
    item = build_checklist(workbook, bukti, scan_result=result).item("TW1.1-01")
    assert item.status == PERLU_DICEK and "tidak dapat dibaca" in item.reason


def test_hidden_and_office_lock_files_are_skipped(bukti: Path):
    (bukti / ".DS_Store").write_bytes(b"x")
    (bukti / MP / "~$laporan.docx").write_bytes(b"x")
    skipped = {s.rel for s in scan(bukti).skipped}
    assert {".DS_Store", f"{MP}/~$laporan.docx"} <= skipped
