"""The NTT secretary (issue 16, "Done means"): Inspektorat Daerah Provinsi NTT sets up its office once,
writes letters from three folders, types one number by hand, cancels one, reprints one, searches — and the
register holds exactly what happened, with no other office's code anywhere."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import openpyxl
import pytest
import yaml
from click.testing import CliRunner

from tests.support.office import configure_office
from toolkit.cli import main
from toolkit.documents import docx_text
from toolkit.documents.office_register import open_office_register
from toolkit.kantor import load_office

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "surat" / "nota-dinas-ntt-2026.yaml"
OTHER_OFFICES = ("PB.1", "ITDAKAB", "Perbendaharaan", "Bangka")


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def _surat_dinas(folder: Path) -> Path:
    nd = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    data = {"tempat": "Kupang", "tanggal": "2026-03-18", "klasifikasi": "700.1", "sifat": "Biasa",
            "hal": "Permintaan Data Pengendalian Gratifikasi Triwulan I Tahun 2026",
            "yth": ["Kepala Dinas Pendidikan dan Kebudayaan Provinsi Nusa Tenggara Timur"], "di": "Kupang",
            "isi": ["Dalam rangka pemantauan pengendalian gratifikasi, mohon disampaikan rekapitulasi laporan "
                    "penerimaan gratifikasi Triwulan I Tahun 2026 paling lambat 31 Maret 2026."],
            "kop": nd["kop"], "penandatangan": {**nd["penandatangan"], "status": "Plh."}}
    path = folder / "surat.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def folders(tmp_path: Path) -> dict[str, Path]:
    out = {name: tmp_path / name for name in ("agenda", "pengawasan", "umum")}
    for p in out.values():
        p.mkdir()
    return out


def test_ntt_secretary_register_holds_exactly_what_happened(tmp_path: Path, folders: dict[str, Path],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    data_dir = Path(os.environ["INTEGRITAS_DATA"])
    a, b, c = folders["agenda"], folders["pengawasan"], folders["umum"]
    nd_yaml = a / "nota-dinas.yaml"
    shutil.copyfile(SAMPLE, nd_yaml)

    # before the office is set up: no number, no register, and the message says how
    monkeypatch.chdir(a)
    code, out = _run("surat", "nota-dinas", "-d", str(nd_yaml), "-o", "nd.docx")
    assert code == 2, out
    assert "integritas kantor buat" in out and "konfigurasi kantor belum ada" in out
    assert not (a / "nd.docx").exists() and not data_dir.exists()
    assert sorted(p.name for p in a.iterdir()) == ["nota-dinas.yaml"]

    configure_office(tmp_path)
    code, out = _run("kantor", "tampil")
    assert code == 0, out
    assert "ITDA" in out and "ND-{urut}/ITDA/{klasifikasi}/{bulan_romawi}/{tahun}" in out and "0 nomor" in out

    # letter 1, folder 'agenda': the number from the office's register, in the office's format
    code, out = _run("surat", "nota-dinas", "-d", str(nd_yaml), "--set", "klasifikasi=000.1", "-o", "nd.docx")
    assert code == 0, out
    assert "ND-1/ITDA/000.1/III/2026" in out
    # letter 2, folder 'pengawasan': a Surat Dinas, security code from its sifat, signed by a Plh.
    monkeypatch.chdir(b)
    code, out = _run("surat", "surat-dinas", "-d", str(_surat_dinas(b)), "-o", "surat.docx")
    assert code == 0, out
    assert "B-1/ITDA/700.1/2026" in out
    assert "Plh. Inspektur Daerah," in docx_text(b / "surat.docx")
    # letter 3, folder 'umum': a number given out from the agenda book, typed by hand — recorded too
    monkeypatch.chdir(c)
    code, out = _run("surat", "nota-dinas", "-d", str(nd_yaml), "--nomor", "ND-2/ITDA/000.1/III/2026",
                     "--set", "hal=Undangan Rapat Koordinasi Pengawasan", "--tanggal", "2026-03-17",
                     "-o", "nd-agenda.docx")
    assert code == 0, out
    assert "diketik, dicatat di register" in out
    # the same number typed again: a clear Indonesian error naming the earlier letter, nothing written
    code, out = _run("surat", "nota-dinas", "-d", str(nd_yaml), "--nomor", "ND-2/ITDA/000.1/III/2026",
                     "-o", "lagi.docx")
    assert code == 2, out
    assert "sudah terpakai" in out and "Undangan Rapat Koordinasi Pengawasan" in out and "17 Maret 2026" in out
    assert "UNIQUE" not in out and not (c / "lagi.docx").exists()
    # letter 4, back in 'agenda', dated before letter 1: numbered ND-3 (the counter skipped the typed 2), warned
    monkeypatch.chdir(a)
    code, out = _run("surat", "nota-dinas", "-d", str(nd_yaml), "--set", "klasifikasi=700.1", "--tanggal",
                     "2026-03-10", "--set", "hal=Salah Tanggal", "-o", "nd-mundur.docx")
    assert code == 0, out
    assert "ND-3/ITDA/700.1/III/2026" in out
    assert "tanggal mundur" in out and "ND-2/ITDA/000.1/III/2026 bertanggal 17 Maret 2026" in out
    code, out = _run("surat", "batal", "ND-3/ITDA/700.1/III/2026", "--alasan", "tanggal salah, diganti naskah baru")
    assert code == 0, out
    # reprint letter 1 from another folder: the same bytes as the letter that went out
    monkeypatch.chdir(b)
    code, out = _run("surat", "cetak-ulang", "ND-1/ITDA/000.1/III/2026", "-o", "cetak-ulang.docx")
    assert code == 0, out
    assert (b / "cetak-ulang.docx").read_bytes() == (a / "nd.docx").read_bytes()
    # search by recipient, by hal, by number
    code, out = _run("surat", "cari", "gubernur")
    assert code == 0, out
    assert "ND-1/ITDA/000.1/III/2026" in out and "B-1/ITDA" not in out
    code, out = _run("surat", "cari", "gratifikasi")
    assert "B-1/ITDA/700.1/2026" in out and "1 nomor ditemukan" in out
    # the list and its Excel export: header row, Indonesian dates
    code, out = _run("surat", "daftar", "--xlsx", str(tmp_path / "register.xlsx"))
    assert code == 0, out
    assert "Nomor" in out and "Tanggal" in out and "16 Maret 2026" in out and "4 nomor." in out
    ws = openpyxl.load_workbook(tmp_path / "register.xlsx").active
    head = [cell.value for cell in ws[3]]
    assert head[:5] == ["Nomor", "Jenis Naskah", "Tahun", "Urut", "Tanggal"]
    first = [cell for cell in ws[4]]
    assert first[4].value.date() == dt.date(2026, 3, 16) and "mmmm" in first[4].number_format  # a real date

    # the register holds exactly what happened
    office = load_office()
    with open_office_register(None, office=office) as register:
        rows = register.rows()
    got = sorted((r.nomor, r.jenis, r.urut, r.status, r.asal, r.tanggal) for r in rows)
    assert got == sorted([
        ("ND-1/ITDA/000.1/III/2026", "nota-dinas", 1, "terbit", "register", "2026-03-16"),
        ("ND-2/ITDA/000.1/III/2026", "nota-dinas", 2, "terbit", "manual", "2026-03-17"),
        ("ND-3/ITDA/700.1/III/2026", "nota-dinas", 3, "batal", "register", "2026-03-10"),
        ("B-1/ITDA/700.1/2026", "surat-dinas", 1, "terbit", "register", "2026-03-18"),
    ])
    cancelled = next(r for r in rows if r.status == "batal")
    assert cancelled.alasan_batal == "tanggal salah, diganti naskah baru" and cancelled.peringatan
    # no other office's code anywhere: letters, register, configuration
    texts = [docx_text(p) for p in (a / "nd.docx", b / "surat.docx", c / "nd-agenda.docx")]
    texts.append(Path(os.environ["INTEGRITAS_KONFIG"]).read_text(encoding="utf-8"))
    texts.append(" ".join(f"{r.nomor} {r.hal} {r.tujuan}" for r in rows))
    for text in texts:
        for code_ in OTHER_OFFICES:
            assert code_ not in text
    # a wet signature by default: no claim of an electronic signature anywhere
    assert all("Ditandatangani secara elektronik" not in t and "BSrE" not in t for t in texts[:3])


def test_no_format_no_number_and_never_another_offices_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    office = {"kantor": {"nama": "Inspektorat Daerah Provinsi Nusa Tenggara Timur", "kode_unit": "ITDA"},
              "format_nomor": {"surat-dinas": "{urut}/{kode_unit}/{tahun}"}}
    configure_office(tmp_path, office)
    code, out = _run("surat", "nota-dinas", "-d", str(SAMPLE), "-o", "nd.docx")
    assert code == 2, out
    assert "belum punya format nomor untuk nota-dinas" in out and not (tmp_path / "nd.docx").exists()
    # a format with another office's literal code is refused
    code, out = _run("kantor", "format", "nota-dinas", "ND-{urut}/PB.1/{tahun}")
    assert code == 2, out
    assert "kode unit kantor ini (ITDA)" in out
    code, out = _run("kantor", "format", "nota-dinas", "ND-{urut}/{kode_unit}/{tahun}", "--terakhir", "41",
                     "--tahun", "2026")
    assert code == 0, out
    code, out = _run("surat", "nota-dinas", "-d", str(SAMPLE), "-o", "nd.docx")
    assert code == 0, out
    assert "ND-42/ITDA/2026" in out


def test_register_of_another_office_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.support.office import simple_office

    shared = tmp_path / "bersama.sqlite"
    configure_office(tmp_path, simple_office("KPPN.PKP"), register=str(shared))
    monkeypatch.setenv("INTEGRITAS_KONFIG", str(tmp_path / "lain" / "kantor.yaml"))
    configure_office_other = {"kantor": {"nama": "Inspektorat Daerah Provinsi Nusa Tenggara Timur",
                                         "kode_unit": "ITDA"},
                              "format_nomor": {"nota-dinas": "ND-{urut}/{kode_unit}/{tahun}"}}
    source = tmp_path / "ntt.yaml"
    source.write_text(yaml.safe_dump(configure_office_other), encoding="utf-8")
    code, out = _run("kantor", "buat", "--dari", str(source), "--register", str(shared))
    assert code == 2, out
    assert "milik kantor lain" in out and "KPPN.PKP" in out


def test_starter_is_commented_indonesian_and_refused_until_filled(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    configure_office(tmp_path)
    code, out = _run("surat", "baru", "nota-dinas", "-o", "surat.yaml")
    assert code == 0, out
    text = (tmp_path / "surat.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Data Nota Dinas") and "jangan Tab" in text and "klasifikasi:" in text
    assert yaml.safe_load(text)["hal"] == "[isi hal naskah]"
    # an unfilled starter is never numbered
    code, out = _run("surat", "nota-dinas", "-d", "surat.yaml", "-o", "nd.docx")
    assert code in (2, 3), out
    assert "tanggal" in out and not (tmp_path / "nd.docx").exists()
    with open_office_register(None, office=load_office()) as register:
        assert register.rows() == []


def test_lampiran_from_a_workbook_sheet_with_repeating_header_and_unit_check(tmp_path: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from toolkit.office import convert, pdf_text

    monkeypatch.chdir(tmp_path)
    configure_office(tmp_path)
    samples = SAMPLE.parents[1]
    calendar = f"{samples / 'kalender-integritas' / 'kppn-2023-valid.xlsx'}#Kalender"
    # a workbook of another unit (KPPN Pangkalpinang) under the NTT Inspectorate's letter: refused, not numbered
    code, out = _run("surat", "nota-dinas", "-d", str(SAMPLE), "--set", "klasifikasi=000.1", "--lampiran", calendar,
                     "-o", "nd.docx")
    assert code == 2, out
    assert "unit lain" in out and "KPPN Pangkalpinang" in out and "--lampiran-unit-lain" in out
    code, out = _run("surat", "surat-dinas", "-d", str(_surat_dinas(tmp_path)), "--lampiran-spi",
                     str(samples / "tindak-lanjut-spi" / "bangka-tengah-2024-valid.xlsx"), "-o", "surat.docx")
    assert code == 2 and "Bangka Tengah" in out, out
    assert not list(tmp_path.glob("*.docx"))
    with open_office_register(None, office=load_office()) as register:
        assert register.rows() == []
    # confirmed: the calendar as Lampiran I, its header row on every Lampiran page
    code, out = _run("surat", "nota-dinas", "-d", str(SAMPLE), "--set", "klasifikasi=000.1", "--lampiran", calendar,
                     "--lampiran-unit-lain", "-o", "nd.docx")
    assert code == 0, out
    text = docx_text(tmp_path / "nd.docx")
    assert "1 (satu) berkas" in text and "Lampiran I\t: Nota Dinas Inspektur Daerah" in text
    assert "Nomor\t: ND-1/ITDA/000.1/III/2026" in text and "Tanggal\t: 16 Maret 2026" in text
    pdf = convert([tmp_path / "nd.docx"], "pdf", tmp_path / "pdf")[0]
    pages = [p for p in pdf_text(pdf).split("\f") if p.strip()]
    lampiran_pages = [p for p in pages[1:] if "Doa bersama" in p or "Internal" in p or "Eksternal" in p]
    assert len(lampiran_pages) >= 2
    assert all(any(line.split()[:2] == ["Kelompok", "No"] for line in p.splitlines() if line.split())
               for p in lampiran_pages)
