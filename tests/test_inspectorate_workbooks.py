"""The inspectorate kinds end to end: samples, validation, CLI, the results copy (seed 003)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from tests.support.workbook_snapshot import workbook_snapshot
from toolkit.inspectorate.inspection import default_copy_path, inspect_path, write_inspection_copy
from toolkit.kinds.registry import get_kind
from toolkit.schemas import get_schema
from toolkit.validation import validate_path
from toolkit.workbook.template import build_workbook

from .conftest import SAMPLES

REPO = Path(__file__).resolve().parent.parent
CASES = [("bos-transaksi", "sdn1-mataram-2025", "pajak"),
         ("register-gratifikasi", "inspektorat-ntb-2025", "gratifikasi"),
         ("register-risiko", "dikbud-ntb-2025", "risiko")]


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "toolkit.cli", *args], capture_output=True, text=True)


def test_every_declared_rule_is_a_check_of_the_analysis() -> None:
    for name in {c[0] for c in CASES}:
        kind = get_kind(name)
        assert [c.id for c in kind.checks] == [r.id for r in kind.schema.rules]
        assert all(c.uses_analysis for c in kind.checks)


def test_committed_samples_equal_regenerated(tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import build_inspectorate_samples as builder
    finally:
        sys.path.pop(0)
    builder.build(tmp_path)
    for kind, case, _cmd in CASES:
        for suffix in ("valid", "invalid"):
            fresh = tmp_path / kind / f"{case}-{suffix}.xlsx"
            assert workbook_snapshot(fresh) == workbook_snapshot(SAMPLES / kind / f"{case}-{suffix}.xlsx")
        fresh_faults = yaml.safe_load((tmp_path / kind / f"{case}-invalid.faults.yaml").read_text(encoding="utf-8"))
        committed = yaml.safe_load((SAMPLES / kind / f"{case}-invalid.faults.yaml").read_text(encoding="utf-8"))
        assert fresh_faults == committed


@pytest.mark.parametrize(("kind", "case", "cmd"), CASES)
def test_valid_sample_is_clean(kind: str, case: str, cmd: str) -> None:
    report = validate_path(SAMPLES / kind / f"{case}-valid.xlsx", kind)
    assert report.flatten(["sheet", "cell", "rule_id", "message"]) == []


@pytest.mark.parametrize(("kind", "case", "cmd"), CASES)
def test_invalid_sample_has_exactly_its_faults(kind: str, case: str, cmd: str) -> None:
    faults = yaml.safe_load((SAMPLES / kind / f"{case}-invalid.faults.yaml").read_text(encoding="utf-8"))["faults"]
    report = validate_path(SAMPLES / kind / f"{case}-invalid.xlsx", kind)
    expected = sorted((f["sheet"], f["cell"], f["rule_id"]) for f in faults)
    assert sorted(tuple(x) for x in report.flatten(["sheet", "cell", "rule_id"])) == expected
    severities = {(f.sheet, f.cell, f.rule_id): f.severity for f in report.findings}
    assert all(severities[(f["sheet"], f["cell"], f["rule_id"])] == f["severity"] for f in faults)


def test_bos_sample_figures() -> None:
    result = inspect_path(SAMPLES / "bos-transaksi" / "sdn1-mataram-2025-valid.xlsx")
    rows = {r["no"]: r for r in result.rows()}
    assert (rows[1]["pph21"], rows[1]["pph21_tarif"]) == (150_000, "15%")  # PNS golongan IV, final
    # Non PNS tanpa NPWP: 6 % on 50 % of Rp600.000 (PMK 168/2023; seed 003 says 6 % of the gross)
    assert (rows[5]["pph21"], rows[5]["pph21_tarif"]) == (18_000, "6%")
    assert (rows[14]["pph22"], rows[14]["pph22_tarif"]) == (120_000, "1,5%")  # komputer Rp8.000.000
    assert (rows[9]["harga_tanpa_ppn"], rows[9]["ppn"]) == (1_000_000, 110_000)  # kuitansi termasuk PPN
    assert (rows[11]["pph4_2"], rows[11]["pph4_2_tarif"]) == (175_000, "1,75%")
    # the summary is the sum of the rows
    summary = result.summary()
    assert summary["pph21"] == sum(r["pph21"] for r in rows.values()) and summary["jumlah_transaksi"] == 14


@pytest.mark.parametrize(("kind", "case", "cmd"), CASES)
def test_cli_exit_codes_and_json(kind: str, case: str, cmd: str) -> None:
    ok = _cli("inspektorat", cmd, str(SAMPLES / kind / f"{case}-valid.xlsx"), "--json")
    assert ok.returncode == 0, ok.stderr
    data = json.loads(ok.stdout)
    assert data["jenis"] == kind and data["validasi"]["lolos"] and data["hasil"]
    bad = _cli("inspektorat", cmd, str(SAMPLES / kind / f"{case}-invalid.xlsx"))
    has_errors = any(f["severity"] == "error" for f in yaml.safe_load(
        (SAMPLES / kind / f"{case}-invalid.faults.yaml").read_text(encoding="utf-8"))["faults"])
    assert bad.returncode == (1 if has_errors else 0), bad.stderr
    assert "TIDAK LOLOS" in bad.stdout or not has_errors


def test_cli_wrong_kind_and_bad_date() -> None:
    wrong = _cli("inspektorat", "pajak", str(SAMPLES / "register-risiko" / "dikbud-ntb-2025-valid.xlsx"))
    assert wrong.returncode == 3 and "register-risiko" in wrong.stderr
    bad = _cli("inspektorat", "gratifikasi", str(SAMPLES / "register-gratifikasi" /
                                                  "inspektorat-ntb-2025-valid.xlsx"), "--per", "kemarin")
    assert bad.returncode == 2 and "--per" in bad.stderr


def test_gift_reference_date_changes_the_outcome() -> None:
    path = SAMPLES / "register-gratifikasi" / "inspektorat-ntb-2025-invalid.xlsx"
    early = inspect_path(path, as_of=dt.date(2025, 6, 30))
    late = inspect_path(path, as_of=dt.date(2025, 12, 31))
    assert len(early.report.by_rule("GRAT-WAJIB-LAPOR")) == 2
    assert late.report.by_rule("GRAT-WAJIB-LAPOR") == []
    assert len(late.report.by_rule("GRAT-TERLAMBAT")) == 3


@pytest.mark.parametrize(("kind", "case", "cmd"), CASES)
def test_results_copy_never_touches_the_input(tmp_path: Path, kind: str, case: str, cmd: str) -> None:
    src = tmp_path / f"{case}.xlsx"
    shutil.copyfile(SAMPLES / kind / f"{case}-invalid.xlsx", src)
    before = _sha(src)
    run = _cli("inspektorat", cmd, str(src), "--salin")
    assert run.returncode in (0, 1), run.stderr
    assert _sha(src) == before
    out = default_copy_path(src)
    assert out.exists() and "Salinan" in run.stdout
    wb = load_workbook(out)
    original = load_workbook(src)
    assert wb.sheetnames[:len(original.sheetnames)] == original.sheetnames
    assert "Temuan Inspektorat" in wb.sheetnames
    findings = wb["Temuan Inspektorat"]
    rules = {findings.cell(r, 5).value for r in range(5, findings.max_row + 1)}
    faults = yaml.safe_load((SAMPLES / kind / f"{case}-invalid.faults.yaml").read_text(encoding="utf-8"))["faults"]
    assert {f["rule_id"] for f in faults} <= rules
    again = _cli("inspektorat", cmd, str(src), "--salin")
    assert again.returncode == 2 and "sudah ada" in again.stderr


def test_results_copy_content_bos(tmp_path: Path) -> None:
    src = SAMPLES / "bos-transaksi" / "sdn1-mataram-2025-valid.xlsx"
    result = inspect_path(src)
    out = write_inspection_copy(src, result, tmp_path / "hasil.xlsx")
    ws = load_workbook(out)["Hasil Pajak BOS"]
    header = [ws.cell(4, c).value for c in range(1, 19)]
    assert header[:3] == ["No", "Tanggal", "Uraian"] and "PPh 4(2) (Rp)" in header
    total_row = next(r for r in range(5, ws.max_row + 1) if ws.cell(r, 1).value == "JUMLAH")
    assert total_row == 5 + 14
    assert ws.cell(total_row, header.index("PPN (Rp)") + 1).value == result.summary()["ppn"]
    assert ws.cell(5, header.index("PPh 21 (Rp)") + 1).value == 150_000


def test_results_copy_risk_map(tmp_path: Path) -> None:
    src = SAMPLES / "register-risiko" / "dikbud-ntb-2025-valid.xlsx"
    out = write_inspection_copy(src, inspect_path(src), tmp_path / "risiko.xlsx")
    wb = load_workbook(out)
    hm = wb["Peta Risiko"]
    top_right = hm.cell(5, 6)  # likelihood 5 × impact 5
    assert str(top_right.value).startswith("25") and top_right.fill.fgColor.rgb.endswith("FF0000")
    r09 = hm.cell(5, 5)  # likelihood 5 × impact 4: R09
    assert "R09" in str(r09.value)
    assert len(hm._images) == 1
    levels = {wb["Hasil Risiko"].cell(r, 2).value: wb["Hasil Risiko"].cell(r, 7).value for r in range(5, 15)}
    assert levels["R09"] == "Sangat Tinggi" and levels["R10"] == "Sangat Rendah"


def test_formula_like_text_stays_text_in_the_copy(tmp_path: Path) -> None:
    schema = get_schema("bos-transaksi")
    src = build_workbook(schema, tmp_path / "bos.xlsx", identitas={
        "nama_unit": "SD Uji", "kode_unit": "X", "jenis_unit": "Sekolah", "tahun": 2025, "periode": "Tahunan",
        "tanggal_pengisian": dt.date(2025, 6, 30), "kepala_nama": "Kepala", "kepala_nip": "197203151998032004",
        "bendahara_nama": "A", "kasubag_tu_nama": "B"},
        rows={"transaksi": [{"no": 1, "tanggal": dt.date(2025, 2, 1), "uraian": '=HYPERLINK("http://x","klik")',
                             "jenis_belanja": "Jasa", "penerima": "=1+1", "status_penerima": "Badan Usaha/Toko",
                             "npwp": "Ya", "nilai_bruto": 100_000}]})
    result = inspect_path(src)
    assert result.report.by_rule("INJEKSI-FORMULA")
    out = write_inspection_copy(src, result, tmp_path / "hasil.xlsx")
    ws = load_workbook(out)["Hasil Pajak BOS"]
    assert ws.cell(5, 3).value == '=HYPERLINK("http://x","klik")' and ws.cell(5, 3).data_type == "s"
    assert ws.cell(5, 5).data_type == "s"


def test_copy_refuses_to_overwrite_the_input(tmp_path: Path) -> None:
    src = tmp_path / "in.xlsx"
    shutil.copyfile(SAMPLES / "bos-transaksi" / "sdn1-mataram-2025-valid.xlsx", src)
    result = inspect_path(src)
    from toolkit.errors import UnsafeWriteError

    with pytest.raises(UnsafeWriteError):
        write_inspection_copy(src, result, src, overwrite=True)


def test_risk_cli_writes_heatmap(tmp_path: Path) -> None:
    png = tmp_path / "peta.png"
    run = _cli("inspektorat", "risiko", str(SAMPLES / "register-risiko" / "dikbud-ntb-2025-valid.xlsx"),
               "--grafik", str(png))
    assert run.returncode == 0, run.stderr
    assert png.read_bytes()[:4] == b"\x89PNG" and "peta risiko" in run.stdout.lower()
