"""REKAP.xlsx of the committed samples opens in LibreOffice, has its charts, and its PDF shows the summary.

Samples: ``samples/rekap/daftar-unit.xlsx`` (50 DJPb units) and ``samples/rekap/kiriman-tw2/``
(built by ``scripts/build_rekap_samples.py``; the situations are listed in its ``CASES``).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from toolkit.office import convert, pdf_text
from toolkit.rekap import SUPERSEDED, UNKNOWN_UNIT, UNREADABLE, run_rekap

pytestmark = [pytest.mark.libreoffice, pytest.mark.slow]


@pytest.fixture(scope="module")
def sample_recap(samples: Path, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    out = tmp_path_factory.mktemp("rekap-sampel") / "REKAP-TW2.xlsx"
    run = run_rekap([samples / "rekap" / "kiriman-tw2"], out, unit_list=samples / "rekap" / "daftar-unit.xlsx",
                    db=None)
    return run


def test_sample_cases(sample_recap) -> None:  # type: ignore[no-untyped-def]
    r = sample_recap.result
    assert [f.submission.name for f in r.by_status(SUPERSEDED)] == ["KW-JABAR_rencana-aksi-zi_TW2.xlsx"]
    assert [f.submission.name for f in r.by_status(UNKNOWN_UNIT)] == ["KPPN-CONTOH_TW2.xlsx"]
    assert [f.submission.name for f in r.by_status(UNREADABLE)] == ["KW-BALI_rencana-aksi-zi_TW2.xlsx"]
    accepted = {us.unit.kode: us.submission.name for us in r.accepted}
    assert accepted["KW-JABAR"] == "KW-JABAR_rencana-aksi-zi_TW2_revisi.xlsx"
    assert len(accepted) == 7 and len(r.missing) == 50 - 7
    assert [us.unit.kode for us in r.late] == ["KPPN-BANDA-ACEH"]
    bali = next(us for us in r.missing if us.unit.kode == "KW-BALI")
    assert any("KW-BALI_rencana-aksi-zi_TW2.xlsx" in n for n in bali.notes)
    jatim = next(us for us in r.accepted if us.unit.kode == "KW-JATIM").submission
    assert jatim.version == "0.9" and jatim.unknown_columns == {"rencana": ["Anggaran (Rp)"]}


def test_charts_present_in_xml(sample_recap) -> None:  # type: ignore[no-untyped-def]
    with zipfile.ZipFile(sample_recap.output) as zf:
        names = zf.namelist()
        charts = [zf.read(n).decode("utf-8") for n in sorted(names) if n.startswith("xl/charts/chart")]
    # distribution, status, lowest ten, highest ten, progress per area (no history: no trend chart)
    assert len(charts) == 5
    assert all("<c:title>" in c and "<c:legend>" in c for c in charts)
    assert sum("<c:barChart>" in c for c in charts) == 5  # column and bar charts are both c:barChart
    # every chart takes its values from the Data Grafik sheet, never one bar per unit
    assert all("'Data Grafik'!$B$" in c for c in charts)


def test_opens_in_libreoffice_and_pdf_shows_summary(sample_recap, soffice: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pdf = convert([sample_recap.output], "pdf", tmp_path)[0]
    text = pdf_text(pdf)
    flat = re.sub(r"\s+", " ", text)
    assert "REKAP RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS — TW II 2026" in flat
    assert re.search(r"Belum mengirim\s+43", flat)
    assert re.search(r"Sudah mengirim\s+7", flat)
    assert "Siapa belum mengirim? 43 unit" in flat
    assert "Siapa tertinggal? Tidak ada: semua unit bernilai ≥ 80" in flat  # every sample unit realised its plan
    for code in ("KW-ACEH", "KW-JABAR", "KPPN-BANDA-ACEH", "KPPN-MEDAN-I"):
        assert code in text
    # round trip through LibreOffice's own xlsx writer keeps the chart and the summary sheet
    back = convert([sample_recap.output], "xlsx:Calc MS Excel 2007 XML", tmp_path / "rt")[0]
    with zipfile.ZipFile(back) as zf:
        assert any(n.startswith("xl/charts/chart") for n in zf.namelist())
