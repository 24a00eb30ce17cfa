"""Evidence checklist: catalogue, tolerant matching, golden checklist on samples/bukti, mutations, CLI.

Sources: seed 001 (001_1ff2b76cbc969348.txt, BAB III Matriks Komitmen, "Kewajiban Unggah
Evidence (EZiko)"), seed 002 (002_c6caca31fe692d13.txt, "Kegiatan tersebut dilengkapi dengan
data dukung: undangan, notula, daftar hadir, foto"), seed 000 (activities: daftar hadir, foto,
materi per occurrence) and column P of the LKE ZI workbook.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from tests.support.evidence_files import write_evidence
from toolkit.cli import main
from toolkit.evidence import ADA, PERLU_DICEK, TIDAK_ADA, build_checklist, load_catalogue, scan
from toolkit.evidence.requirements import split_bullets
from toolkit.evidence.text import (
    component_has_code,
    matches_keyword,
    month_of_component,
    quarter_of_component,
    tokens,
)
from toolkit.evidence.writer import SHEET_CHECKLIST, checklist_rows, write_checklist_copy

REPO = Path(__file__).resolve().parent.parent
WORKBOOK = REPO / "samples" / "rencana-aksi-zi" / "komdigi-2026-valid.xlsx"
BUKTI = REPO / "samples" / "bukti" / "komdigi-2026"
GOLDEN = REPO / "tests" / "golden" / "evidence" / "komdigi-2026.checklist.json"
LKE = REPO / "samples" / "lke" / "lke-zi-permenpanrb-90-2021.xlsx"


@pytest.fixture(scope="module")
def sample_checklist():
    return build_checklist(WORKBOOK, BUKTI)


@pytest.fixture()
def bukti_copy(tmp_path: Path) -> Path:
    dest = tmp_path / "bukti"
    shutil.copytree(BUKTI, dest)
    return dest


# --- catalogue ----------------------------------------------------------------------------------

def test_catalogue_is_what_the_sources_give():
    """The committed katalog.yaml equals what scripts/build_evidence_catalogue.py builds."""
    proc = subprocess.run([sys.executable, str(REPO / "scripts" / "build_evidence_catalogue.py"), "--check"],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_catalogue_covers_every_lke_question_with_column_p_items():
    cat = load_catalogue()
    ids = [i.id for i in cat.indicators]
    assert len(ids) == len(set(ids))
    assert {"P.1.i.a", "P.5.iv.c", "R.5.iii.i.a", "H.II.a"} <= set(ids)
    assert all(i.evidence and all(e.keywords for e in i.evidence) for i in cat.indicators)
    tim = cat.indicator("P.1.i.a")
    assert tim is not None and tim.lke_row == 8 and tim.area == 1
    assert tim.evidence[0].name.startswith("SK Kepala OPD Ttg Tim Kerja")  # LKE ZI column P, row 8
    monev = cat.indicator("P.1.ii.a")
    assert monev is not None and [e.name for e in monev.evidence][0] == "Dokumen Renja Pembangunan ZI Tahunan"
    wbs = cat.indicator("P.5.iv.a")  # column P empty: seed 002 "Whistle Blowing System" data dukung
    assert wbs is not None and "Whistle Blowing" in wbs.evidence[1].name


def test_catalogue_has_seed_001_commitments_per_quarter_and_area():
    cat = load_catalogue()
    tw1_mp = [c.spec.name for c in cat.commitments if c.tw == 1 and c.area == 1]
    assert tw1_mp[0] == "Dokumen SK Tim Internal Pembangunan ZI" and "SK Agen Perubahan" in tw1_mp
    assert {c.tw for c in cat.commitments} == {1, 2, 3, 4}
    assert all(cat.indicator(c.spec.lke) for c in cat.commitments)


# --- tolerant text -----------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["Daftar_Hadir Rapat.pdf", "daftar-hadir.PDF", "DAFTARHADIR.pdf",
                                  "absensi peserta.pdf", "Presensi_Rapat", "DaftarHadir2026"])
def test_attendance_list_names_are_recognised(name):
    assert matches_keyword(tokens(name), "".join(tokens(name)), "daftar hadir")


@pytest.mark.parametrize("name,keyword", [("SK_Tim_ZI.pdf", "sk tim zi"), ("sk-tim-zi.pdf", "sk tim zi"),
                                          ("SKTimZI.pdf", "sk tim zi"), ("Notulen Rapat.docx", "notula"),
                                          ("Screenshot_SPBE.png", "capture spbe"),
                                          ("Surat Keputusan Tim ZI.pdf", "sk tim zi")])
def test_keyword_matching_is_case_space_and_synonym_tolerant(name, keyword):
    from toolkit.evidence.text import compact

    assert matches_keyword(tokens(name), compact(name), keyword)


def test_keyword_mismatch():
    assert not matches_keyword(tokens("foto kegiatan"), "fotokegiatan", "daftar hadir")


def test_folder_components():
    assert component_has_code("1.i.a-tim-kerja", "1.i.a") and component_has_code("P-1-i-a", "1.i.a")
    assert not component_has_code("1.ii.a", "1.i.a")
    assert [quarter_of_component(c) for c in ("TW-I", "tw 2", "Triwulan III", "TRW_4", "lain")] == [1, 2, 3, 4, None]
    assert [month_of_component(c, 2026) for c in ("2026-03", "Mei 2026", "06-Juni", "foto")] == [3, 5, 6, None]


def test_split_bullets_keeps_parent_of_sub_items():
    text = "• Laporan monitoring:\n- Pengendalian gratifikasi\n- Penanganan WBS\n• Form deklarasi"
    assert split_bullets(text) == ["Laporan monitoring: Pengendalian gratifikasi",
                                   "Laporan monitoring: Penanganan WBS", "Form deklarasi"]


# --- golden ---------------------------------------------------------------------------------------

def test_sample_checklist_equals_golden(sample_checklist):
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert sample_checklist.to_dict() == golden


def test_sample_checklist_shows_the_deliberate_gaps(sample_checklist):
    """The faults scripts/build_sample_bukti.py put in, each with its Indonesian reason."""
    s = sample_checklist.statuses()
    assert {k for k, v in s.items() if v == TIDAK_ADA} == {"TW2.5-04", "TW2.6-04", "KG1.07-06-materi",
                                                           "KG6.06-output"}
    assert {k for k, v in s.items() if v == PERLU_DICEK} == {
        "TW1.2-02", "TW2.2-02", "TW2.3-03", "TW2.4-01", "KG1.06-02-foto", "KG1.06-05-foto", "KG1.07-06-foto"}
    assert "file kosong" in sample_checklist.item("TW2.3-03").reason
    assert "isinya PNG" in sample_checklist.item("TW2.2-02").reason
    assert "terpotong" in sample_checklist.item("TW2.4-01").reason
    assert "setelah akhir periode laporan 30 Juni 2026" in sample_checklist.item("KG1.07-06-foto").reason
    assert "sha256" in sample_checklist.item("KG1.06-05-foto").reason
    loose = sample_checklist.item("TW1.3-02")
    assert loose.status == ADA and loose.files[0].how == "nama"
    assert sample_checklist.unmatched == [("catatan-rapat-internal.txt", sample_checklist.unmatched[0][1])]
    assert sample_checklist.period == "TW II" and sample_checklist.cutoff == dt.date(2026, 6, 30)
    # TW III/IV commitments and July+ months are not yet due at TW II
    assert not any(r.startswith(("TW3", "TW4")) for r in s)


def test_completeness_per_area_and_indicator(sample_checklist):
    total = len(sample_checklist.items)
    ada = sum(1 for it in sample_checklist.items if it.status == ADA)
    assert sample_checklist.completeness() == pytest.approx(100 * ada / total)
    by_area = sample_checklist.by_area()
    assert set(by_area) == {"Manajemen Perubahan", "Penataan Tatalaksana", "Penataan Sistem Manajemen SDM",
                            "Penguatan Akuntabilitas Kinerja", "Penguatan Pengawasan",
                            "Peningkatan Kualitas Pelayanan Publik"}
    by_ind = sample_checklist.by_indicator()
    assert by_ind["P.1.i.a"] == 100.0  # SK Tim ZI (TW I) is there
    assert 0 <= min(by_area.values()) < 100


# --- mutations: exactly the expected entries change -------------------------------------------------

def _diff(a: dict, b: dict) -> dict[str, tuple[str, str]]:
    old = {k["id"]: k for k in a["kebutuhan"]}
    new = {k["id"]: k for k in b["kebutuhan"]}
    assert old.keys() == new.keys()
    return {k: (old[k]["status"], new[k]["status"]) for k in old if old[k] != new[k]}


def test_add_rename_empty_duplicate_change_exactly_the_expected_entries(bukti_copy: Path):
    base = build_checklist(WORKBOOK, bukti_copy).to_dict()
    assert {k: v for k, v in base.items() if k != "folder_bukti"} == \
        {k: v for k, v in json.loads(GOLDEN.read_text(encoding="utf-8")).items() if k != "folder_bukti"}

    # add: the missing BK declaration form of TW II
    write_evidence(bukti_copy / "05 Penguatan Pengawasan" / "TW 2" / "Form Deklarasi BK Pegawai.pdf",
                   "Form deklarasi benturan kepentingan", dt.date(2026, 5, 20))
    after_add = build_checklist(WORKBOOK, bukti_copy).to_dict()
    assert _diff(base, after_add) == {"TW2.5-04": (TIDAK_ADA, ADA)}

    # rename: the SK Agen Perubahan of TW I loses its telling name
    tw1 = bukti_copy / "01-manajemen-perubahan" / "TW-I"
    (tw1 / "SK_Agen_Perubahan_TW1_2026.pdf").rename(tw1 / "dokumen_scan_17.pdf")
    after_rename = build_checklist(WORKBOOK, bukti_copy).to_dict()
    assert _diff(after_add, after_rename) == {"TW1.1-04": (ADA, PERLU_DICEK)}

    # empty: the pakta integritas is overwritten with nothing
    (tw1 / "Pakta_integritas_pimpinan_dan_pegawai_TW1_2026.pdf").write_bytes(b"")
    after_empty = build_checklist(WORKBOOK, bukti_copy).to_dict()
    assert _diff(after_rename, after_empty) == {"TW1.1-03": (ADA, PERLU_DICEK)}

    # duplicate: April's campaign photo reused, renamed, as a photo of the May occurrence
    k7 = bukti_copy / "01-manajemen-perubahan" / "kegiatan-07"
    april = next((k7 / "2026-04").glob("IMG_*.jpg"))
    shutil.copyfile(april, k7 / "Mei 2026" / "IMG_20260516_kampanye.jpg")
    after_dup = build_checklist(WORKBOOK, bukti_copy).to_dict()
    changed = _diff(after_empty, after_dup)
    # both entries keep a good PNG, so both stay Ada, but both now carry the duplicate note
    assert changed == {"KG1.07-04-foto": (ADA, ADA), "KG1.07-05-foto": (ADA, ADA)}
    item = {k["id"]: k for k in after_dup["kebutuhan"]}["KG1.07-05-foto"]
    assert any("sha256" in n for n in item["catatan"])


def test_as_of_moves_the_cutoff():
    early = build_checklist(WORKBOOK, BUKTI, as_of=dt.date(2026, 3, 31))
    assert early.cutoff == dt.date(2026, 3, 31)
    assert not any(it.requirement.id.startswith("TW2") for it in early.items)
    assert all(it.requirement.period.split()[0] in ("TW", "Januari", "Februari", "Maret")
               for it in early.items if it.requirement.period)


# --- writing ------------------------------------------------------------------------------------------

def test_written_workbook_has_sheet_links_and_completeness(tmp_path: Path, sample_checklist):
    out = tmp_path / "hasil" / "komdigi.checklist.xlsx"
    before = WORKBOOK.read_bytes()
    write_checklist_copy(WORKBOOK, sample_checklist, out)
    assert WORKBOOK.read_bytes() == before
    wb = openpyxl.load_workbook(out)
    ws = wb[SHEET_CHECKLIST]
    rows = [[("" if c.value is None else str(c.value)) for c in row] for row in ws.iter_rows(min_row=4)]
    assert rows == checklist_rows(sample_checklist)
    cell = ws.cell(row=4, column=9)
    assert cell.hyperlink is not None
    target = cell.hyperlink.target.replace("\\", "/")  # XlsxWriter stores Windows separators
    assert not target.startswith("/") and (out.parent / target).resolve() == (BUKTI / cell.value).resolve()
    assert "Kelengkapan" in wb.sheetnames and "File Lain" in wb.sheetnames
    ws2 = wb["Kelengkapan"]
    values = {ws2.cell(row=r, column=1).value: ws2.cell(row=r, column=2).value for r in range(1, ws2.max_row + 1)}
    assert values["Kelengkapan keseluruhan (%)"] == pytest.approx(round(sample_checklist.completeness(), 2))


def test_refuses_to_write_over_the_input(tmp_path: Path, sample_checklist):
    from toolkit.errors import UnsafeWriteError

    copy = tmp_path / "unit.xlsx"
    shutil.copyfile(WORKBOOK, copy)
    with pytest.raises(UnsafeWriteError):
        write_checklist_copy(copy, sample_checklist, copy.with_suffix(".xlsm"))


# --- CLI, manifest and verification -----------------------------------------------------------

def test_cli_checklist_json_manifest_and_verify(tmp_path: Path, bukti_copy: Path):
    runner = CliRunner()
    out = tmp_path / "out" / "komdigi.checklist.xlsx"
    res = runner.invoke(main, ["checklist", str(WORKBOOK), "--bukti", str(bukti_copy), "-o", str(out), "--json"])
    assert res.exit_code == 1, res.output  # findings: 4 Tidak Ada, 7 Perlu Dicek
    data = json.loads(res.stdout)
    assert data["ringkasan"] == {ADA: 90, PERLU_DICEK: 7, TIDAK_ADA: 4}
    manifest = out.with_name("komdigi.checklist.manifest.json")
    assert manifest.exists() and out.with_name("komdigi.checklist.manifest.csv").exists()
    m = json.loads(manifest.read_text(encoding="utf-8"))
    assert m["jumlah_file"] == len(scan(bukti_copy).files)
    first = m["files"][0]
    assert set(first) == {"path", "size", "sha256", "mtime"}
    assert m["workbook"]["nama"] == WORKBOOK.name

    ok = runner.invoke(main, ["checklist", "--verifikasi", str(manifest), "--bukti", str(bukti_copy)])
    assert ok.exit_code == 0 and "SAMA" in ok.output
    (bukti_copy / first["path"]).write_bytes(b"diubah")
    (bukti_copy / "tambahan.pdf").write_bytes(b"%PDF-1.4\n")
    bad = runner.invoke(main, ["checklist", "--verifikasi", str(manifest), "--bukti", str(bukti_copy), "--json"])
    assert bad.exit_code == 1
    v = json.loads(bad.stdout)
    assert v["berubah"] == [first["path"]] and v["tambahan"] == ["tambahan.pdf"] and not v["ok"]


def test_cli_refuses_existing_output_and_missing_workbook(tmp_path: Path):
    runner = CliRunner()
    out = tmp_path / "x.checklist.xlsx"
    out.write_bytes(b"keep")
    res = runner.invoke(main, ["checklist", str(WORKBOOK), "--bukti", str(BUKTI), "-o", str(out)])
    assert res.exit_code == 2 and out.read_bytes() == b"keep"
    res2 = runner.invoke(main, ["checklist", "--bukti", str(BUKTI)])
    assert res2.exit_code == 2


def test_cli_text_output_names_gaps(tmp_path: Path):
    res = CliRunner().invoke(main, ["checklist", str(WORKBOOK), "--bukti", str(BUKTI), "-o",
                                    str(tmp_path / "k.checklist.xlsx"), "--tanpa-manifest"])
    assert res.exit_code == 1
    assert "[Tidak Ada] TW2.5-04 Form deklarasi benturan kepentingan" in res.output
    assert "kelengkapan 89,1 %" in res.output
    assert not (tmp_path / "k.checklist.manifest.json").exists()


# --- LKE ZI workbook and the --lke option ------------------------------------------------------------

def test_lke_workbook_checklist_uses_indicator_folders(tmp_path: Path):
    bukti = tmp_path / "bukti"
    write_evidence(bukti / "01-manajemen-perubahan" / "1.i.a-tim-kerja" / "SK Tim Kerja ZI 2026.pdf",
                   "SK Tim Kerja", dt.date(2026, 1, 10))
    write_evidence(bukti / "01-manajemen-perubahan" / "1.iii.b" / "Undangan Monev ZI.pdf",
                   "Undangan monev", dt.date(2026, 3, 10))
    write_evidence(bukti / "05-penguatan-pengawasan" / "P-5.iv.a" / "capture aplikasi WBS.png",
                   "WBS", dt.date(2026, 3, 10))
    c = build_checklist(LKE, bukti, as_of=dt.date(2026, 6, 30))
    assert c.kind == "lke-zi" and len(c.items) == sum(len(i.evidence) for i in load_catalogue().indicators)
    s = c.statuses()
    assert s["P.1.i.a-01"] == ADA and s["P.1.iii.b-01"] == ADA and s["P.5.iv.a-02"] == ADA
    assert s["P.1.ii.a-01"] == TIDAK_ADA
    # the SK is there; seed 002's undangan, telaah, biodata and rekomendasi are not (1 of 5)
    assert s["P.1.i.a-02"] == TIDAK_ADA and c.by_indicator()["P.1.i.a"] == 20.0


def test_include_lke_adds_indicator_requirements():
    c = build_checklist(WORKBOOK, BUKTI, include_lke=True)
    assert any(it.requirement.source == "LKE ZI" for it in c.items)
    assert len(c.items) > 101


@pytest.mark.parametrize("mode", ["thread", "process"])
def test_parallel_scan_equals_serial_and_hashes_in_chunks(tmp_path: Path, mode: str, monkeypatch):
    import hashlib

    import toolkit.evidence.scanner as scanner

    monkeypatch.setattr(scanner, "CHUNK", 4096)  # force several chunks per file
    root = tmp_path / "banyak"
    for i in range(450):
        d = root / f"{1 + i % 6:02d}-area" / f"TW-{'I' * (1 + i % 3)}"
        d.mkdir(parents=True, exist_ok=True)
        (d / f"f{i:03d}.txt").write_bytes(bytes([i % 251]) * (i * 37 % 20000))
    serial = scanner.scan(root, workers=1)
    parallel = scanner.scan(root, workers=2, mode=mode)
    assert [(f.rel, f.sha256, f.size) for f in serial.files] == [(f.rel, f.sha256, f.size) for f in parallel.files]
    for f in serial.files[:50]:
        assert f.sha256 == hashlib.sha256((root / f.rel).read_bytes()).hexdigest()


def test_kalender_integritas_needs_evidence_per_occurrence(tmp_path: Path):
    """Seed 000: each held activity (Realisasi row) needs daftar hadir, foto and materi."""
    from toolkit.schemas import get_schema
    from toolkit.workbook.template import build_workbook

    wb = tmp_path / "kalender.xlsx"
    build_workbook(get_schema("kalender-integritas"), wb, identitas={
        "nama_unit": "Kanwil DJPb Uji", "kode_unit": "KW-UJI", "jenis_unit": "Kanwil", "tahun": 2026,
        "periode": "TW I", "tanggal_pengisian": dt.date(2026, 4, 2), "kepala_nama": "Kepala",
        "kepala_nip": "197105121998031003"}, rows={
        "kalender": [{"kelompok": "Internal", "no": 4, "momen": "Pembinaan Mental dan Kerohanian",
                      "frekuensi": "Min 1x", "satuan": "Triwulan", "pic": "Kepala Kanwil DJPb"}],
        "realisasi": [{"tanggal": dt.date(2026, 2, 14), "kelompok": "Internal", "no_kegiatan": 4,
                       "jumlah_peserta": 40, "materi": "Integritas seorang Pemimpin"},
                      {"tanggal": dt.date(2026, 5, 14), "kelompok": "Internal", "no_kegiatan": 4}]})
    bukti = tmp_path / "bukti"
    day = bukti / "kegiatan" / "internal-04" / "2026-02-14"
    write_evidence(day / "Daftar Hadir Binroh.pdf", "Daftar hadir", dt.date(2026, 2, 14))
    write_evidence(day / "foto binroh.jpg", "foto", dt.date(2026, 2, 14))
    c = build_checklist(wb, bukti)
    assert c.kind == "kalender-integritas" and c.cutoff == dt.date(2026, 3, 31)
    assert c.statuses() == {"internal-04-2026-02-14-daftar-hadir": ADA, "internal-04-2026-02-14-foto": ADA,
                            "internal-04-2026-02-14-materi": TIDAK_ADA}  # May is after TW I
    assert c.item("internal-04-2026-02-14-materi").reason.startswith(
        "Tidak ada file yang cocok. Simpan di kegiatan/internal-04/2026-02-14/")
