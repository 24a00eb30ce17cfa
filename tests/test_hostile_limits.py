"""Issue 19: the limits beneath every reader, one by one (in-process; the CLI runs are in test_hostile_corpus)."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from tests.support import hostile as H
from toolkit.errors import UnreadableInputError
from toolkit.evidence.scanner import fingerprint, scan, walk
from toolkit.workbook import limits
from toolkit.workbook.cells import safe_cell
from toolkit.workbook.limits import LimitError
from toolkit.workbook.preflight import check_workbook
from toolkit.workbook.reader import open_calamine


def test_valid_sample_passes_and_is_measured() -> None:
    checked = check_workbook(H.VALID_ZI)
    assert checked.facts.members == 14
    sheet = checked.facts.sheets[H.DATA_SHEET]
    assert sheet.cells > 100 and sheet.far_cell.startswith("AG")


def test_single_far_cell_refused_before_calamine(tmp_path: Path) -> None:
    p = H.patched(H.VALID_ZI, tmp_path / "far.xlsx", {H.DATA_SHEET: H.add_cells(
        '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')})
    with pytest.raises(LimitError, match="XFD1048576") as err:
        open_calamine(p)
    assert "far.xlsx" in str(err.value)


def test_formatting_only_far_cell_is_fine(tmp_path: Path) -> None:
    """A styled empty cell far away (Excel writes these) allocates nothing in calamine: accepted."""
    p = H.patched(H.VALID_ZI, tmp_path / "styled.xlsx", {H.DATA_SHEET: H.add_cells(
        '<row r="1048576"><c r="XFD1048576" s="1"/></row>')})
    open_calamine(p).close()


def test_lying_header_measured_not_trusted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_RATIO", 10_000)  # so that the size check itself is what fires
    p = H.patched(H.VALID_ZI, tmp_path / "liar.xlsx",
                  replace={"docProps/app.xml": H.bomb_member("docProps/app.xml", 4 * H.MiB, declare=30_000)})
    with pytest.raises(LimitError, match="header palsu"):
        check_workbook(p)


def test_damaged_stream_is_not_called_a_lying_header(tmp_path: Path) -> None:
    """One flipped byte in any part: 'file rusak' naming the part — even when the damaged stream inflates to
    more or fewer bytes than declared (that is damage, not a header that lies: the declared bytes do not
    match their CRC)."""
    longer = shorter = 0
    for label, p in H.build_damaged_parts(tmp_path).items():
        with pytest.raises(UnreadableInputError) as err:
            check_workbook(p)
        text = str(err.value)
        assert "rusak" in text and "header palsu" not in text and p.name in text, (label, text)
        sizes = re.search(r"menghasilkan ([\d.]+) byte, bukan ([\d.]+) byte", text)
        if sizes:
            made, declared = (int(n.replace(".", "")) for n in sizes.groups())
            longer += made > declared
            shorter += made < declared
    assert longer and shorter  # damage on both sides of the declared size is among the 14 parts


def test_low_ratio_lying_header_is_called_so(tmp_path: Path) -> None:
    """45 MB holding 100 MB, headers saying 30 KB with the CRC of those 30 KB: under the ratio and size limits,
    caught by the measured size (the CLI path is in the corpus)."""
    p = H.build_big(tmp_path)["header-palsu-rendah"]
    with pytest.raises(LimitError, match=r"104\.857\.600 byte, padahal header zip menyatakan 30\.000 byte \(header palsu\)"):
        check_workbook(p)


def test_total_inflated_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_UNCOMPRESSED_BYTES", 2 * H.MiB)
    p = H.patched(H.VALID_ZI, tmp_path / "big.xlsx",
                  extra=[H.member("xl/media/a.bin", os.urandom(3 * H.MiB))])
    with pytest.raises(LimitError, match="melebihi 2 MB"):
        check_workbook(p)


def test_time_budget(tmp_path: Path) -> None:
    budget = limits.Budget(tmp_path / "x.xlsx", seconds=-1)
    with pytest.raises(LimitError, match="batas waktu"):
        check_workbook(H.VALID_ZI, budget=budget)


@pytest.mark.parametrize("make", ["fifo", "dir", "symlink-to-fifo"])
def test_non_regular_refused_by_handle(tmp_path: Path, make: str) -> None:
    p = tmp_path / "x.xlsx"
    if make == "fifo":
        os.mkfifo(p)
    elif make == "dir":
        p.mkdir()
    else:
        os.mkfifo(tmp_path / "pipa")
        p.symlink_to(tmp_path / "pipa")
    with pytest.raises(UnreadableInputError, match="x.xlsx"):
        check_workbook(p)


def test_swap_after_walk_is_caught(tmp_path: Path) -> None:
    """The evidence walk saw one file; another (a link to an outside file) is there when it is read."""
    root = tmp_path / "bukti"
    root.mkdir()
    (root / "a.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    secret = tmp_path / "rahasia.txt"
    secret.write_text("rahasia")
    found, _skipped = walk(root)
    (root / "a.pdf").rename(tmp_path / "lama.pdf")  # kept, so its inode is not reused below
    (root / "a.pdf").symlink_to(secret)
    entry = fingerprint(os.path.realpath(root), *found[0])
    assert entry.read_error and entry.sha256 == ""
    (root / "a.pdf").unlink()
    (root / "a.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")  # a different file under the same name
    entry = fingerprint(os.path.realpath(root), *found[0])
    assert entry.read_error and "berganti" in entry.read_error


def test_evidence_walk_bounded_depth_and_odd_names(tmp_path: Path) -> None:
    root = tmp_path / "bukti"
    deep = root
    for _ in range(limits.MAX_EVIDENCE_DEPTH + 5):
        deep = deep / "d"
    deep.mkdir(parents=True)
    (deep / "x.pdf").write_bytes(b"%PDF")
    with open(os.fsencode(str(root)) + b"/nama-\xff.pdf", "wb") as fh:
        fh.write(b"%PDF")
    result = scan(root, workers=1)
    reasons = " ".join(s.reason for s in result.skipped)
    assert "tingkat" in reasons and "UTF-8" in reasons
    assert not result.files
    for s in result.skipped:
        s.rel.encode("utf-8")  # every listed name can be written anywhere


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_safe_cell_neutralises(text: str) -> None:
    assert safe_cell(text) == "'" + text
    assert safe_cell("Rapat [daring]") == "Rapat [daring]" and safe_cell(5) == 5


def test_parse_xml_refuses_entities() -> None:
    with pytest.raises(LimitError, match="DOCTYPE"):
        limits.parse_xml(b'<!DOCTYPE x [<!ENTITY e "e">]><x>&e;</x>', part="x.xml")
    assert limits.parse_xml(b"<x>a</x>").text == "a"


def _dies_on_bad(path: str, spill_dir: str, **kwargs: object) -> object:
    from toolkit.rekap.extract import extract_submission

    if "racun" in path:
        os._exit(9)  # what a reader crash (abort, out of memory) looks like to the pool
    return extract_submission(path, spill_dir, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize("workers", [2])
def test_rekap_survives_a_dying_worker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int) -> None:
    from toolkit.rekap import run as rekap_run

    folder = tmp_path / "kiriman"
    folder.mkdir()
    for i in range(4):
        shutil.copy(H.VALID_ZI, folder / f"unit-{i}.xlsx")
    shutil.copy(H.VALID_ZI, folder / "racun.xlsx")
    monkeypatch.setattr(rekap_run, "extract_submission", _dies_on_bad)
    done = rekap_run.run_rekap([folder], tmp_path / "REKAP.xlsx", workers=workers)
    statuses = {Path(f.submission.path).name: f.status for f in done.result.files}
    assert (tmp_path / "REKAP.xlsx").exists()
    bad = [f for f in done.result.files if Path(f.submission.path).name == "racun.xlsx"]
    assert bad and rekap_run.WORKER_LOST in bad[0].submission.reason, statuses
    assert sum(1 for f in done.result.files if f.submission.read_status == "terbaca") == 4


def test_text_longer_than_a_cell_is_reported(tmp_path: Path) -> None:
    from toolkit.rekap.extract import extract_submission, load_spill

    long = "x" * 40_000
    p = H.patched(H.VALID_ZI, tmp_path / "panjang.xlsx", {H.DATA_SHEET: H.add_cells(
        f'<row r="39"><c r="C39" t="inlineStr"><is><t>{long}</t></is></c></row>')})
    sub = extract_submission(str(p), str(tmp_path))
    spill = load_spill(sub.spill)
    hits = [f for f in spill.findings if f.rule_id == "TEKS-TERLALU-PANJANG"]
    assert hits and hits[0].cell == "C39" and "40.000" in hits[0].message


@pytest.mark.parametrize("cell", ['<c s="0" r="XFD1048576"><v>1</v></c>', '<c\tr="XFD1048576"><v>1</v></c>'])
def test_far_cell_in_unusual_spelling_still_caught(tmp_path: Path, cell: str) -> None:
    p = H.patched(H.VALID_ZI, tmp_path / "ejaan.xlsx", {H.DATA_SHEET: H.add_cells(
        f'<row r="1048576">{cell}</row>')})
    with pytest.raises(LimitError, match="XFD1048576"):
        check_workbook(p)
