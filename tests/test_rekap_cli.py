"""``integritas rekap`` from the command line: exit codes, history across quarters, --tren."""

from __future__ import annotations

import datetime as dt
import random
import re
from pathlib import Path

from click.testing import CliRunner

from tests.support.synthetic_units import identitas_for, komitmen_rows, unit_rows, write_unit_workbook_fast
from toolkit.cli import main
from toolkit.rekap import Unit, write_unit_list


def _unit_file(folder: Path, unit: Unit, periode: str, tanggal: dt.date, seed: int, *, all_done: bool = False) -> Path:
    rows = unit_rows(random.Random(seed), 12, quarter=4 if all_done else 2)
    if all_done:
        for r in rows:
            r.update(progres=100, status="Selesai", bukti="bukti.pdf")
    return write_unit_workbook_fast(folder / f"{unit.kode}_{periode.replace(' ', '')}.xlsx",
                                    identitas_for(unit.kode, unit.nama, unit.jenis, periode=periode, tanggal=tanggal),
                                    {"rencana": rows, "komitmen": komitmen_rows()})


def test_cli_runs_twice_and_shows_trend(tmp_path: Path) -> None:
    units = [Unit("KW-ACEH", "Kantor Wilayah DJPb Provinsi Aceh", "Kanwil", batas_kirim=dt.date(2026, 12, 31)),
             Unit("KPPN-MEDAN-I", "KPPN Medan I", "KPPN")]
    daftar = write_unit_list(tmp_path / "daftar-unit.xlsx", units)
    db = tmp_path / "riwayat.sqlite"
    tw2, tw4 = tmp_path / "tw2", tmp_path / "tw4"
    for i, u in enumerate(units):
        _unit_file(tw2, u, "TW II", dt.date(2026, 7, 1), i)
    _unit_file(tw4, units[0], "TW IV", dt.date(2026, 12, 20), 9, all_done=True)
    runner = CliRunner()
    first = runner.invoke(main, ["rekap", str(tw2), "--daftar-unit", str(daftar), "-o", str(tmp_path / "R2.xlsx"),
                                 "--db", str(db), "--tanpa-progres"])
    assert first.exit_code in (0, 1), first.output
    assert "2 mengirim, 0 belum mengirim" in first.output
    assert "2 kiriman baru" in first.output
    again = runner.invoke(main, ["rekap", str(tw2), "--daftar-unit", str(daftar), "-o", str(tmp_path / "R2b.xlsx"),
                                 "--db", str(db), "--tanpa-progres"])
    assert "0 kiriman baru" in again.output
    last = runner.invoke(main, ["rekap", str(tw4), "--daftar-unit", str(daftar), "-o", str(tmp_path / "R4.xlsx"),
                                "--db", str(db), "--tanpa-progres"])
    assert last.exit_code == 1  # KPPN Medan I sent nothing for TW IV
    assert "Belum mengirim (1): KPPN-MEDAN-I" in last.output
    trend = runner.invoke(main, ["rekap", "--tren", "KW-ACEH", "--db", str(db)], terminal_width=200)
    assert trend.exit_code == 0, trend.output
    assert "TW II 2026" in trend.output and "TW IV 2026" in trend.output
    line = next(ln for ln in trend.output.splitlines() if "Progres rata-rata" in ln)
    assert "100 (▲" in line  # TW IV all done, up from TW II
    unknown = runner.invoke(main, ["rekap", "--tren", "KW-TIDAK-ADA", "--db", str(db)])
    assert unknown.exit_code == 2 and "tidak ada di riwayat" in unknown.output


def test_cli_usage_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    res = runner.invoke(main, ["rekap"])
    assert res.exit_code == 2 and "FOLDER" in res.output
    res = runner.invoke(main, ["rekap", str(tmp_path / "tidak-ada"), "-o", str(tmp_path / "R.xlsx"), "--tanpa-riwayat"])
    assert res.exit_code == 2 and "tidak ditemukan" in res.output
    empty = tmp_path / "kosong"
    empty.mkdir()
    res = runner.invoke(main, ["rekap", str(empty), "-o", str(tmp_path / "R.xlsx"), "--tanpa-riwayat"])
    assert res.exit_code == 2 and "tidak ada file workbook" in res.output


def test_cli_all_files_unreadable_exits_1_and_lists_reason(tmp_path: Path) -> None:
    inbox = tmp_path / "kiriman"
    inbox.mkdir()
    (inbox / "KW-X.xlsx").write_bytes(b"%PDF-1.4 bukan excel")
    daftar = write_unit_list(tmp_path / "daftar.xlsx", [Unit("KW-X", "Kanwil X", "Kanwil")])
    res = CliRunner().invoke(main, ["rekap", str(inbox), "--daftar-unit", str(daftar), "-o",
                                    str(tmp_path / "R.xlsx"), "--tanpa-riwayat", "--tanpa-progres"],
                             terminal_width=200)
    assert res.exit_code == 1, res.output
    assert "Tidak Terbaca" in res.output and "PDF" in res.output
    assert (tmp_path / "R.xlsx").exists()


def test_cli_surat_one_nota_dinas_per_unit(samples: Path, tmp_path: Path) -> None:
    from tests.support.office import configure_office, simple_office
    from toolkit.documents import docx_text, find_leftovers

    configure_office(tmp_path / "kantor", simple_office("PB.1"))

    out = tmp_path / "surat"
    res = CliRunner().invoke(main, ["rekap", str(samples / "rekap" / "kiriman-tw2"), "--daftar-unit",
                                    str(samples / "rekap" / "daftar-unit.xlsx"), "-o", str(tmp_path / "R.xlsx"),
                                    "--tanpa-riwayat", "--tanpa-progres", "--surat", str(out),
                                    "--pengirim", str(samples / "rekap" / "pengirim.yaml")])
    assert res.exit_code == 1, res.output
    letters = sorted(out.glob("nota-dinas-*.docx"))
    assert len(letters) == 50
    texts = {p.stem.removeprefix("nota-dinas-"): docx_text(p) for p in letters}
    numbers = [next(ln for ln in t.splitlines() if ln.startswith("NOMOR")) for t in texts.values()]
    assert len(set(numbers)) == 50
    jatim = texts["KW-JATIM"]
    assert "Yth." in jatim and "Kepala Kantor Wilayah DJPb Provinsi Jawa Timur" in jatim
    assert "KW-JATIM_rencana-aksi-zi.xlsx telah kami terima tepat waktu" in jatim
    assert "Data dukung (bukti) yang belum tersedia" in jatim
    assert "belum kami terima" in texts["KW-BALI"] and "KW-BALI_rencana-aksi-zi_TW2.xlsx" in texts["KW-BALI"]
    assert "melewati batas kirim" in texts["KPPN-BANDA-ACEH"]
    assert not any(find_leftovers(p) for p in letters[:5])


def test_cli_surat_needs_sender(samples: Path, tmp_path: Path) -> None:
    res = CliRunner().invoke(main, ["rekap", str(samples / "rekap" / "kiriman-tw2"), "-o", str(tmp_path / "R.xlsx"),
                                    "--tanpa-riwayat", "--surat", str(tmp_path / "s")])
    assert res.exit_code == 2 and "--pengirim" in res.output
    assert not (tmp_path / "R.xlsx").exists()


def test_cli_trend_by_name_export_and_dashboard(tmp_path: Path) -> None:
    import csv

    import openpyxl

    units = [Unit("KW-JABAR", "Kantor Wilayah DJPb Provinsi Jawa Barat", "Kanwil"),
             Unit("KPPN-BANDUNG", "KPPN Bandung Jawa Barat", "KPPN"),
             Unit("KW-ACEH", "Kantor Wilayah DJPb Provinsi Aceh", "Kanwil")]
    daftar = write_unit_list(tmp_path / "daftar-unit.xlsx", units)
    db = tmp_path / "riwayat.sqlite"
    runner = CliRunner()
    for q, (periode, month) in enumerate((("TW I", 4), ("TW II", 7))):
        inbox = tmp_path / periode.replace(" ", "")
        for i, u in enumerate(units):
            _unit_file(inbox, u, periode, dt.date(2026, month, 5), 10 * q + i)
        args = ["rekap", str(inbox), "--daftar-unit", str(daftar), "-o", str(tmp_path / f"R{q}.xlsx"), "--db",
                str(db), "--tanpa-progres"]
        if q == 1:
            args += ["--dasbor", str(tmp_path / "DASBOR.html")]
        res = runner.invoke(main, args, terminal_width=200)
        assert res.exit_code in (0, 1), res.output
        assert re.search(r"dalam \d+,\d detik", re.sub(r"\s+", " ", res.output))  # decimal comma
    assert "Dasbor ditulis" in res.output
    page = (tmp_path / "DASBOR.html").read_text(encoding="utf-8")
    assert "Siapa belum mengirim? 0 unit" in page and "Tren nilai per periode" in page
    # by a part of the name that names one unit
    one = runner.invoke(main, ["rekap", "--tren", "Aceh", "--db", str(db)], terminal_width=200)
    assert one.exit_code == 0, one.output
    assert "KW-ACEH" in one.output and "TW I 2026" in one.output and "TW II 2026" in one.output
    # by the full name, although another unit's name also contains "Jawa Barat"
    full = runner.invoke(main, ["rekap", "--tren", "Kantor Wilayah DJPb Provinsi Jawa Barat", "--db", str(db)],
                         terminal_width=200)
    assert full.exit_code == 0 and "KW-JABAR" in full.output
    # ambiguous: both listed, exit 2
    amb = runner.invoke(main, ["rekap", "--tren", "Jawa Barat", "--db", str(db)], terminal_width=200)
    flat = re.sub(r"\s+", " ", amb.output)
    assert amb.exit_code == 2 and "cocok dengan 2 unit" in flat
    assert "KW-JABAR" in flat and "KPPN-BANDUNG" in flat
    # export: one unit as CSV (Indonesian decimals), everyone as xlsx
    res = runner.invoke(main, ["rekap", "--tren", "KW-ACEH", "--db", str(db), "--ekspor-tren",
                               str(tmp_path / "aceh.csv")])
    assert res.exit_code == 0, res.output
    rows = list(csv.reader((tmp_path / "aceh.csv").open(encoding="utf-8-sig"), delimiter=";"))
    assert rows[0][:4] == ["Kode Unit", "Nama Unit", "TW I 2026", "TW II 2026"] and rows[1][0] == "KW-ACEH"
    assert all("." not in v for v in rows[1][2:4])
    res = runner.invoke(main, ["rekap", "--db", str(db), "--ekspor-tren", str(tmp_path / "TREN.xlsx")])
    assert res.exit_code == 0, res.output
    ws = openpyxl.load_workbook(tmp_path / "TREN.xlsx").active
    table = [[c.value for c in row] for row in ws.iter_rows(min_row=3)]
    assert table[0][:4] == ["Kode Unit", "Nama Unit", "TW I 2026", "TW II 2026"]
    assert sorted(r[0] for r in table[1:]) == ["KPPN-BANDUNG", "KW-ACEH", "KW-JABAR"]
    # an existing export is not replaced without --timpa, before anything is read
    again = runner.invoke(main, ["rekap", "--db", str(db), "--ekspor-tren", str(tmp_path / "TREN.xlsx")])
    assert again.exit_code == 2 and "--timpa" in again.output
