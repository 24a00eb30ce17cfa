"""Reports from workbooks: Laporan Kepatuhan (kalender-integritas), Laporan Progres SPI (tindak-lanjut-spi),
Laporan Monev with the Penilaian LKE ZI section (rencana-aksi-zi + LKE ZI); ``integritas surat laporan``.

Figures in the reports are checked against the scoring capability's own results for the same
workbook (issue 7 point 5: results go into the documents' reports), and the quarter's figures
against the periods themselves.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn

from tests._laporan_data import KALENDER, LKE, REPO, SPI, YAML, ZI, letter, lke_with_gaps
from toolkit.cli import main as cli
from toolkit.documents import docx_text, render_document
from toolkit.documents.kepatuhan import kepatuhan_data
from toolkit.documents.laporan import report_data_from_path
from toolkit.documents.placeholders import find_leftovers
from toolkit.documents.spi_progres import spi_progres_data
from toolkit.errors import TemplateError, UsageError
from toolkit.scoring import calendar_compliance, score_lke, spi_progress, verdict
from toolkit.workbook import open_workbook

TEMPLATES = REPO / "templates" / "docx"


@pytest.fixture(autouse=True)
def _office(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Reports are numbered from a configured office's register (issue 16)."""
    from tests.support.office import configure_office, simple_office

    configure_office(tmp_path_factory.mktemp("kantor"), simple_office("ITDAKAB"))


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


# --- Laporan Kepatuhan -----------------------------------------------------------------------

def test_kepatuhan_quarter_figures_come_from_the_periods_of_the_quarter() -> None:
    data = open_workbook(KALENDER)
    report = kepatuhan_data(data)  # Periode "Semester I", filled 5 July 2023 → TW II
    assert report["periode"] == "Triwulan II Tahun 2023"
    assert report["kolom"] == {"b1": "April", "b2": "Mei", "b3": "Juni"}
    assert report["tanggal_data"] == dt.date(2023, 6, 30)
    result = calendar_compliance(data, as_of=dt.date(2023, 6, 30))
    rows = {(g["judul"], r["no"]): r for g in report["kelompok"] for r in g["baris"]}
    assert len(rows) == len(result.activities)
    met = evaluated = 0
    for a in result.activities:
        row = rows[(a.kelompok, str(a.no))]
        inside = [p for p in a.evaluated if dt.date(2023, 4, 1) <= p.end <= dt.date(2023, 6, 30)]
        met += sum(p.met for p in inside)
        evaluated += len(inside)
        for key, month in (("b1", 4), ("b2", 5), ("b3", 6)):
            ps = [p for p in inside if p.end.month == month]
            assert row[key] == (f"{sum(p.met for p in ps)}/{len(ps)}" if ps else "-"), (a.momen, key)
        assert row["kumulatif"] == _pct(a.percent)
    themes = [t for t in result.themes if t.period in ("April", "Mei", "Juni")]
    assert [t["tema"] for t in report["tema"]] == [t.theme for t in themes]
    delivered = sum(t.status == "terpenuhi" for t in themes)
    assert report["kepatuhan_persen"] == _pct(100 * (met + delivered) / (evaluated + len(themes)))
    assert report["kumulatif_persen"] == _pct(result.percent)
    # the daily activity misses days in April and June: listed with their dates
    missed = {r["kegiatan"]: r for r in report["tidak_terpenuhi"]}
    assert "18 April 2023" in missed["Doa bersama dan arahan pagi"]["periode"]


def _pct(x: float | None) -> str:
    assert x is not None
    text = f"{x:.1f}".replace(".", ",")
    return text[:-2] if text.endswith(",0") else text


def test_kepatuhan_quarter_option_and_running_periods() -> None:
    data = open_workbook(KALENDER)
    q1 = kepatuhan_data(data, quarter=1)
    assert q1["kolom"]["b1"] == "Januari" and q1["tanggal_data"] == dt.date(2023, 3, 31)
    # cut off on 3 May: May's periods are still running (shown as such unless already met), June's
    # have not started; a quarter or semester met early counts in the month it ends
    mid = kepatuhan_data(data, quarter=2, as_of=dt.date(2023, 5, 3))
    assert mid["tanggal_data"] == dt.date(2023, 5, 3)
    rows = [r for g in mid["kelompok"] for r in g["baris"]]
    monthly = [r for r in rows if r["frekuensi"].endswith("per Bulan")]
    weekly = [r for r in rows if r["frekuensi"].endswith("per Minggu")]
    assert {r["b2"] for r in monthly} <= {"1/1", "berjalan"} and "berjalan" in {r["b2"] for r in monthly}
    assert all(r["b2"] in ("berjalan", "1/1") and r["b3"] == "-" for r in weekly + monthly)
    assert all(r["b1"] not in ("-", "berjalan") for r in weekly + monthly)
    with pytest.raises(UsageError, match="kalender-integritas"):
        kepatuhan_data(open_workbook(SPI))


def test_cli_detects_kalender_and_writes_the_kepatuhan_report(tmp_path: Path) -> None:
    out = tmp_path / "kepatuhan.docx"
    code, output = _run("surat", "laporan", "-d", str(YAML["kepatuhan"]), "-w", str(KALENDER), "-o", str(out))
    assert code == 0, output
    assert "Laporan Kepatuhan Kegiatan Penguatan Integritas nomor LAP-11/WPB.05/KP.01/2023" in output
    text = docx_text(out)
    assert find_leftovers(out) == []
    for expected in ("LAPORAN KEPATUHAN", "KPPN Pangkalpinang", "Triwulan II Tahun 2023", "30 Juni 2023",
                     "Pangkalpinang, 10 Juli 2023", "Mari bersama menjaga integritas", "Jujur Dalam Segala Tindakan", "Dewi Lestari Handayani", "NIP 19780922 200012 2 001"):
        assert expected in text, expected
    d = docx.Document(str(out))
    main = d.tables[0]
    assert [c.text for c in main.rows[0].cells][3:6] == ["April", "Mei", "Juni"]
    assert main.rows[1].cells[0].text == "Internal"  # group row, merged over the table
    with zipfile.ZipFile(out) as z, zipfile.ZipFile(TEMPLATES / "laporan-kepatuhan.docx") as t:
        media = [n for n in t.namelist() if n.startswith("word/media/")]
        assert len(media) == 1
        assert z.read(media[0]) != t.read(media[0]) and z.read(media[0])[:8] == b"\x89PNG\r\n\x1a\n"


# --- Laporan Progres SPI -----------------------------------------------------------------------

def test_spi_report_rows_equal_the_scoring_progress() -> None:
    data = open_workbook(SPI)
    report = spi_progres_data(data)  # as of Tanggal Pengisian, 10 July 2024
    assert report["periode"] == "Keadaan per 10 Juli 2024" and report["tahun_spi"] == "2023"
    progress = spi_progress(data, dt.date(2024, 7, 10))
    assert [r["progres"] for r in report["kegiatan"]] == [_pct(a.progress) for a in progress.actions]
    assert [r["kriteria"] for r in report["kegiatan"]] == [a.kriteria.strip() for a in progress.actions]
    assert report["progres_persen"] == _pct(progress.overall)
    assert report["terlambat"] == []
    # at the end of the year, actions below 100 % whose Waktu Pelaksanaan has passed are overdue
    late = spi_progres_data(data, as_of=dt.date(2025, 1, 2))
    expected = [a for a in spi_progress(data, dt.date(2025, 1, 2)).actions if a.overdue]
    assert expected and [r["kegiatan"] for r in late["terlambat"]] == [a.kegiatan.strip() for a in expected]
    assert all(r["terlambat"] == ("Ya" if int(r["no"]) in {a.no for a in expected} else "Tidak")
               for r in late["kegiatan"])
    measures = {r["no"]: r["ukuran"] for r in report["kegiatan"]}
    assert measures["5"].startswith("Realisasi") and measures["1"].startswith("Nilai")


def test_cli_spi_report_with_date(tmp_path: Path) -> None:
    out = tmp_path / "spi.docx"
    code, output = _run("surat", "laporan", "-d", str(YAML["spi"]), "-w", str(SPI), "--per-tanggal",
                        "2 Januari 2025", "-o", str(out))
    assert code == 0, output
    text = docx_text(out)
    assert "Keadaan per 2 Januari 2025" in text and "Koba, 12 Juli 2024" in text
    assert "HASIL SURVEI PENILAIAN INTEGRITAS TAHUN 2023" in text
    d = docx.Document(str(out))
    overdue = d.tables[-2]  # the last table holds the closing and the signature
    assert overdue.rows[0].cells[1].text == "Kegiatan" and len(overdue.rows) > 1
    assert "a.n. Bupati Bangka Tengah" in text and "Mari bersama menjaga integritas" in text


# --- Laporan Monev with Penilaian LKE ZI ------------------------------------------------------------

def test_monev_lke_section_has_totals_areas_belum_diisi_verdict_and_questions(tmp_path: Path) -> None:
    lke = lke_with_gaps(tmp_path / "lke.xlsx")
    kind, report = report_data_from_path(ZI, lke=lke)
    assert kind == "laporan-monev"
    section = report["lke"]
    result = score_lke(lke)
    v = verdict(result)
    assert v.best is None and section["target"] == "WBK"
    assert [a["area"] for a in section["area"]] == [a.name for a in result.areas]
    assert section["komponen"][2]["resmi"] == "#DIV/0!"  # an empty sub-area: the official total fails
    assert section["komponen"][2]["nol"] == f"{result.total_strict:.2f}".replace(".", ",")
    assert section["jumlah_belum_diisi"] == "3"
    assert [q["sel"] for q in section["belum_diisi"]] == [f"K{q.row}" for q in result.belum_diisi]
    unmet = [(name, c.label) for name, p in v.predicates.items() for c in p.unmet]
    assert [(s["predikat"], s["syarat"]) for s in section["syarat"]] == unmet
    wbk_gaps = {c.label: c.gap for c in v.predicates["WBK"].unmet}
    for s in section["syarat"]:
        if s["predikat"] == "WBK":
            assert s["kurang"] == f"{wbk_gaps[s['syarat']]:.2f}".replace(".", ",")
    # the proposals: the largest gains among the WBK conditions' candidates, each question once
    best: dict[int, float] = {}
    for c in v.predicates["WBK"].unmet:
        for cand in c.candidates:
            best[cand.row] = max(best.get(cand.row, 0.0), cand.gain)
    top = sorted(best.items(), key=lambda x: (-x[1], x[0]))[:5]
    assert [u["sel"] for u in section["usulan"]] == [f"K{row}" for row, _g in top]
    assert any("Nilai LKE ZI" in k for k in report["kesimpulan"])


def test_monev_without_lke_has_no_lke_section(tmp_path: Path) -> None:
    out = tmp_path / "monev.docx"
    code, output = _run("surat", "laporan", "-d", str(YAML["monev"]), "-w", str(ZI), "-o", str(out))
    assert code == 0, output
    text = docx_text(out)
    assert "Penilaian LKE ZI" not in text and "F\tKesimpulan dan Tindak Lanjut" not in text
    assert "F.\tKesimpulan dan Tindak Lanjut" in _paragraphs(out)
    with_lke = tmp_path / "monev-lke.docx"
    code, output = _run("surat", "laporan", "-d", str(YAML["monev"]), "-w", str(ZI), "--lke",
                        str(lke_with_gaps(tmp_path / "lke.xlsx")), "-o", str(with_lke))
    # the sample's typed number is in the register now: the same number twice is refused (issue 16)
    assert code == 2 and "LAP-07/ZI/2026 sudah terpakai" in output
    code, output = _run("surat", "laporan", "-d", str(YAML["monev"]), "-w", str(ZI), "--lke",
                        str(lke_with_gaps(tmp_path / "lke.xlsx")), "--nomor", "LAP-08/ZI/2026", "-o", str(with_lke))
    assert code == 0, output
    paragraphs = _paragraphs(with_lke)
    assert "F.\tPenilaian LKE ZI" in paragraphs and "G.\tKesimpulan dan Tindak Lanjut" in paragraphs
    assert "WBK: BELUM TERCAPAI" in paragraphs and find_leftovers(with_lke) == []


def _paragraphs(path: Path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def test_sudah_wbk_meets_the_wbbm_precondition(tmp_path: Path) -> None:
    _kind, plain = report_data_from_path(ZI, lke=LKE)
    assert any(s["syarat"] == "Telah berpredikat WBK" for s in plain["lke"]["syarat"])
    _kind, designated = report_data_from_path(ZI, lke=LKE, has_wbk=True)
    assert not any(s["syarat"] == "Telah berpredikat WBK" for s in designated["lke"]["syarat"])
    assert designated["lke"]["_best"] in ("WBK", "WBBM")


# --- CLI errors, preflight, templates ---------------------------------------------------------------

@pytest.mark.parametrize(("args", "code", "message"), [
    (["-w", str(REPO / "samples" / "bos-transaksi" / "sdn1-mataram-2025-valid.xlsx")], 2, "belum tersedia untuk workbook berjenis 'bos-transaksi'"),
    (["-w", str(KALENDER), "--lke", str(LKE)], 2, "--lke hanya untuk laporan monev"),
    (["-w", str(SPI), "--triwulan", "TW II"], 2, "--per-tanggal"),
    (["-w", str(ZI), "--jenis", "apa"], 2, "--jenis 'apa' tidak dikenal"),
    (["-w", str(ZI), "--jenis", "spi"], 3, "bukan 'tindak-lanjut-spi'"),
    (["-w", str(KALENDER), "--per-tanggal", "kemarin"], 2, "bukan tanggal"),
])
def test_cli_refuses_what_does_not_fit(tmp_path: Path, args: list[str], code: int, message: str) -> None:
    out = tmp_path / "x.docx"
    got, output = _run("surat", "laporan", "-d", str(YAML["kepatuhan"]), *args, "-o", str(out))
    assert got == code, output
    assert message in output and not out.exists()


def test_preflight_refuses_missing_report_fields_before_writing(tmp_path: Path) -> None:
    data = letter("kepatuhan")
    _kind, report = report_data_from_path(KALENDER)
    data.update(report)
    del data["kolom"]["b2"]
    out = tmp_path / "k.docx"
    with pytest.raises(TemplateError, match="kolom.b2"):
        render_document("laporan-kepatuhan", data, out)
    assert not out.exists()
    data = letter("spi")
    data.update(spi_progres_data(open_workbook(SPI)))
    data["tanggal_naskah"] = "2024-07-12"  # a typo'd field is an error, never silently ignored
    with pytest.raises(TemplateError, match="tanggal_naskah"):
        render_document("laporan-spi", data, out)
    assert not out.exists()


def test_variabel_lists_the_new_report_fields() -> None:
    code, output = _run("surat", "variabel", "laporan-kepatuhan")
    assert code == 0 and "kelompok [tiap baris:" in output and "kolom (b1, b2, b3)" in output
    code, output = _run("surat", "variabel", "laporan-monev")
    assert code == 0 and "lke (" in output


@pytest.mark.parametrize("kind", ["laporan-kepatuhan", "laporan-spi", "laporan-monev"])
def test_report_templates_keep_their_styles_and_first_page_kop(kind: str) -> None:
    d = docx.Document(str(TEMPLATES / f"{kind}.docx"))
    assert d.sections[0].different_first_page_header_footer
    in_tables = [p for t in d.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    assert {"Judul Bagian", "Pesan Integritas", "Penandatangan"} <= {p.style.name for p in d.paragraphs + in_tables}
    # the closing and the signature sit in one row that cannot break over a page (issue 16)
    last = d.tables[-1]
    assert last.rows[0]._tr.trPr is not None and last.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None
    assert "{{ penutup }}" in last.rows[0].cells[0].text and "penandatangan.nama" in last.rows[0].cells[0].text
