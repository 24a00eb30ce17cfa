"""``integritas rekap``: merge the units' workbooks into REKAP.xlsx, show trends, write letters back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from toolkit.commands.options import date_option
from toolkit.errors import EXIT_FINDINGS, UsageError
from toolkit.indonesian import format_angka, format_detik, format_tanggal
from toolkit.rekap import (
    OTHER_KIND,
    SUPERSEDED,
    UNKNOWN_UNIT,
    UNREADABLE,
    History,
    RekapResult,
    run_rekap,
)
from toolkit.rekap.history import Trend, legacy_db_path
from toolkit.rekap.run import discover_files
from toolkit.rekap.trends import TrendTable
from toolkit.schemas import kinds
from toolkit.store import Store, open_store


@click.command("rekap", help="""Rekap workbook unit (FOLDER atau FILE...) menjadi REKAP.xlsx.

\b
Contoh:
  integritas rekap kiriman-tw2/ --daftar-unit daftar-unit.xlsx -o REKAP-TW2.xlsx
  integritas rekap kiriman-tw2/ --daftar-unit daftar-unit.xlsx -o REKAP.xlsx --surat surat/
  integritas rekap kiriman-tw2/ --daftar-unit daftar-unit.xlsx -o REKAP.xlsx --dasbor DASBOR.html
  integritas rekap --tren KW-JABAR
  integritas rekap --tren "Jawa Barat" --ekspor-tren tren-jabar.csv
  integritas rekap --ekspor-tren TREN-SEMUA.xlsx

Unit dikenali dari sheet Identitas (Kode Unit). Kiriman ganda: yang terbaru menang
(Tanggal Pengisian, lalu waktu file). Unit tanpa kiriman masuk sheet Belum Mengirim.
Setiap kiriman disimpan di riwayat (basis data kantor, dikenali dari sha256) untuk --tren.
Kode keluar: 0 semua lengkap dan bersih, 1 ada unit belum mengirim / file bermasalah / temuan galat.""")
@click.argument("masukan", nargs=-1, type=click.Path(path_type=Path, readable=False), metavar="FOLDER|FILE...")
@click.option("--daftar-unit", "daftar_unit", type=click.Path(dir_okay=False, path_type=Path),
              help="Daftar unit yang wajib mengirim (contoh: rekap/daftar-unit.xlsx dari `integritas contoh`).")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path),
              help="File REKAP.xlsx yang ditulis.")
@click.option("--jenis", type=click.Choice(kinds(), case_sensitive=False),
              help="Jenis workbook yang direkap (bawaan: jenis yang paling banyak dikirim).")
@click.option("--tren", "tren", metavar="UNIT",
              help="Tampilkan perkembangan UNIT antar periode (kode, nama, atau sebagian nama yang hanya cocok "
                   "dengan satu unit).")
@click.option("--ekspor-tren", "ekspor_tren", type=click.Path(dir_okay=False, path_type=Path),
              help="Tulis tren nilai per periode ke FILE .xlsx atau .csv (semua unit, atau UNIT dari --tren).")
@click.option("--dasbor", "dasbor", type=click.Path(dir_okay=False, path_type=Path),
              help="Tulis juga dasbor satu halaman (HTML mandiri, tanpa internet) ke FILE.html.")
@click.option("--surat", "surat", type=click.Path(file_okay=False, path_type=Path),
              help="Tulis satu Nota Dinas per unit (temuan dan bukti yang kurang) ke folder ini.")
@click.option("--pengirim", "pengirim", type=click.Path(dir_okay=False, path_type=Path),
              help="YAML kop, dari, penandatangan untuk --surat (contoh: rekap/pengirim.yaml dari `integritas contoh`).")
@click.option("--register", "register", type=click.Path(dir_okay=False, path_type=Path),
              help="Register nomor naskah (file SQLite atau URL) untuk --surat (bawaan: register di basis data "
                   "kantor, lihat --basisdata).")
@click.option("--db", "db", type=click.Path(dir_okay=False, path_type=Path),
              help="Riwayat rekap di file SQLite tersendiri (bawaan: $INTEGRITAS_REKAP_DB, lalu basis data kantor, "
                   "lihat --basisdata).")
@click.option("--tanpa-riwayat", is_flag=True, help="Jangan simpan hasil ke riwayat.")
@click.option("--bukti", type=click.Path(file_okay=False, path_type=Path),
              help="Folder bukti: BUKTI/<Kode Unit>/ per unit, untuk kelengkapan bukti.")
@click.option("--batas-kirim", "batas_kirim", callback=date_option,
              help="Batas kirim untuk unit yang kolom Batas Kirim-nya kosong.")
@click.option("--proses", type=click.IntRange(1, 64), help="Jumlah proses baca (bawaan: jumlah inti CPU).")
@click.option("--tanpa-progres", is_flag=True, help="Jangan tampilkan bilah progres.")
@click.option("--timpa", is_flag=True, help="Boleh menimpa file REKAP (-o) yang sudah ada.")
@click.option("--usulan", "usulan", type=click.Path(dir_okay=False, path_type=Path),
              help="LKE ZI: file daftar usulan yang ditulis (bawaan: <REKAP>-usulan.xlsx).")
@click.pass_context
def rekap(ctx: click.Context, masukan: tuple[Path, ...], daftar_unit: Path | None, output: Path | None,
          jenis: str | None, tren: str | None, ekspor_tren: Path | None, dasbor: Path | None,
          surat: Path | None, pengirim: Path | None,
          register: Path | None, db: Path | None,
          tanpa_riwayat: bool, bukti: Path | None, batas_kirim: dt.date | None, proses: int | None,
          tanpa_progres: bool, timpa: bool, usulan: Path | None = None) -> None:
    console = Console()
    db_path = None if tanpa_riwayat else (db or legacy_db_path())
    where: Path | str | None = None if tanpa_riwayat else db_path or "store"
    _check_output(ekspor_tren, (".xlsx", ".csv"), "--ekspor-tren", timpa)
    _check_output(dasbor, (".html", ".htm"), "--dasbor", timpa)
    if not masukan:
        if tren is None and ekspor_tren is None:
            raise UsageError("sebutkan FOLDER atau FILE workbook unit, atau --tren UNIT / --ekspor-tren FILE.")
        if dasbor is not None:
            raise UsageError("--dasbor dibuat dari rekap: sebutkan juga FOLDER atau FILE workbook unit.")
        _trend_outputs(console, where, jenis, tren, ekspor_tren, None)
        return
    if output is None:
        raise UsageError("sebutkan file hasil dengan -o REKAP.xlsx.")
    form_recap = _form_recap(masukan, jenis)
    if form_recap is not None:  # a fixed-form kind (LKE ZI) has its own recap: ranking, proposals, store
        run_form = form_recap(list(masukan), output, proposals=usulan, processes=proses, overwrite=timpa,
                              store=None if tanpa_riwayat else open_store())
        for line in run_form.lines():
            console.print(line, markup=False, highlight=False)
        if run_form.problems:
            ctx.exit(EXIT_FINDINGS)
        return
    if usulan is not None:
        raise UsageError("--usulan hanya untuk rekap LKE ZI.")
    sender = None
    if surat is not None:
        from toolkit.rekap.letters import load_sender

        if pengirim is None:
            raise UsageError("--surat memerlukan --pengirim PENGIRIM.yaml (kop, dari, penandatangan).")
        sender = load_sender(pengirim)
    letters: list[Any] = []  # the run's LetterBatch

    def write_back(result: RekapResult, spill_dir: str) -> None:
        if surat is None or sender is None:
            return
        from toolkit.rekap.letters import write_letters

        letters.append(write_letters(result, surat, register=register, sender=sender))

    history: Path | Store | None = db_path
    if not tanpa_riwayat and db_path is None:
        history = open_store()
    run = run_rekap(list(masukan), output, unit_list=daftar_unit, kind=jenis, db=history,
                    workers=proses, evidence_root=bukti, default_deadline=batas_kirim,
                    show_progress=not tanpa_progres, on_written=write_back, overwrite=timpa)
    result = run.result
    _print_summary(console, result)
    for where, why in run.skipped:  # folders not searched and links not followed: named, a finding
        console.print(f"Peringatan: dilewati: {where}: {why}.", markup=False, highlight=False)
    console.print(f"REKAP ditulis ke [bold]{run.output}[/] dalam {format_detik(run.seconds)}.")
    if isinstance(history, Store):
        console.print(f"Riwayat: {run.new_in_history} kiriman baru disimpan di {history.display()}.")
        history.close()
    elif history is not None:
        console.print(f"Riwayat: {run.new_in_history} kiriman baru disimpan di {history}.")
    if letters:
        console.print(f"Nota Dinas: {letters[0].summary()} di folder {surat}.", markup=False, highlight=False)
    if dasbor is not None:
        from toolkit.rekap.dashboard import write_dashboard
        from toolkit.rekap.figures import overview

        write_dashboard(overview(result), dasbor, run.trend, overwrite=timpa)
        console.print(f"Dasbor ditulis ke [bold]{dasbor}[/] (satu file HTML, dapat dibuka tanpa internet).")
    if tren is not None or ekspor_tren is not None:
        _trend_outputs(console, where, result.schema.kind, tren, ekspor_tren, run.trend)
    problems = (run.skipped or result.missing or result.by_status(UNREADABLE) or result.by_status(UNKNOWN_UNIT)
                or any(us.submission and us.submission.n_errors for us in result.accepted))
    if problems:
        ctx.exit(EXIT_FINDINGS)


def _form_recap(masukan: tuple[Path, ...], jenis: str | None) -> Any:
    """The recap of a fixed-form kind when --jenis names one or the first workbook is one, else None."""
    from toolkit.kinds.registry import get_kind, kinds_with

    forms = [k for k in kinds_with("form") if k.form is not None and k.form.recap is not None]
    if jenis is not None:
        kind = get_kind(jenis)
        return kind.form.recap if kind in forms and kind.form is not None else None
    first = next((p for p in discover_files(masukan) if p.is_file()), None)
    for kind in forms:
        if first is not None and kind.form is not None and kind.form.recognise(first):
            return kind.form.recap
    return None


def _print_summary(console: Console, result: RekapResult) -> None:
    c = result.counts()
    console.print(f"[bold]Rekap {result.schema.kind} {result.period_label()}[/]: {c['unit']} unit, "
                  f"{c['mengirim']} mengirim, {c['belum']} belum mengirim, {c['terlambat']} terlambat; "
                  f"{c['file']} file dibaca.")
    issues = [f for f in result.files if f.status in (SUPERSEDED, UNKNOWN_UNIT, UNREADABLE, OTHER_KIND)]
    if issues:
        table = Table(title="File yang perlu perhatian", show_lines=False)
        for h in ("File", "Status", "Alasan"):
            table.add_column(h, overflow="fold")
        for f in issues:
            table.add_row(f.submission.name, f.status, f.reason)
        console.print(table)
    if result.missing:
        names = ", ".join(us.unit.kode for us in result.missing[:15])
        more = f" dan {len(result.missing) - 15} lainnya" if len(result.missing) > 15 else ""
        console.print(f"Belum mengirim ({len(result.missing)}): {names}{more}.")


def _fmt(value: float | None) -> str:
    return format_angka(value, None if value is None or float(value).is_integer() else 1)


def _check_output(path: Path | None, suffixes: tuple[str, ...], option: str, overwrite: bool) -> None:
    """Refuse a wrong suffix or an existing file (without --timpa) before anything is read."""
    if path is None:
        return
    if path.suffix.lower() not in suffixes:
        raise UsageError(f"{option} ditulis sebagai {' atau '.join(suffixes)}.", path=path)
    if path.exists() and not overwrite:
        raise UsageError("file sudah ada; pakai --timpa untuk menimpanya atau pilih nama lain.", path=path)


def _trend_outputs(console: Console, db_path: Path | str | None, kind: str | None, unit: str | None,
                   export: Path | None, table: TrendTable | None) -> None:
    """--tren UNIT (by code or name) in the terminal and/or --ekspor-tren FILE.

    ``db_path``: a single history file, "store" for the office store, None for --tanpa-riwayat."""
    from toolkit.rekap.trends import export_trends, find_unit, history_trends
    from toolkit.rekap.trends import trend_table as build_table

    if db_path is None:
        raise UsageError("tren memerlukan riwayat; jangan pakai --tanpa-riwayat.")
    if isinstance(db_path, Path) and not db_path.exists():
        raise UsageError("riwayat rekap belum ada; jalankan rekap terlebih dahulu.", path=db_path)
    with History(None if db_path == "store" else db_path) as history:
        trends = history_trends(history, kind)
        chosen = find_unit(trends, unit) if unit is not None else None
        detail = history.trend(chosen.unit_key, kind=kind) if chosen is not None else None
    if detail is not None:
        console.print(trend_table(detail))
    if export is not None:
        if chosen is not None:
            table = build_table([chosen])
        elif table is None:
            table = build_table(trends)
        export_trends(table, export)
        console.print(f"Tren {len(table.rows)} unit x {len(table.periods)} periode ditulis ke [bold]{export}[/].")


def trend_table(trend: Trend) -> Table:
    """Rows = metrics, columns = periods (oldest first), with the change since the previous period."""
    table = Table(title=f"Tren {trend.kode_unit} {trend.nama_unit}")
    table.add_column("Ukuran")
    for p in trend.points:
        table.add_column(p.label, justify="right")
    labels = {"progres_rata_rata": "Progres rata-rata (%)", "kelengkapan_bukti": "Kelengkapan bukti (%)",
              "nilai": "Nilai", "galat": "Temuan galat", "peringatan": "Temuan peringatan", "baris": "Jumlah baris"}
    for m in trend.metric_names():
        row = [labels.get(m, m.replace("progres:", "Progres ") + (" (%)" if m.startswith("progres:") else ""))]
        prev: float | None = None
        for p in trend.points:
            v = p.metrics.get(m)
            cell = _fmt(v)
            if v is not None and prev is not None and v != prev:
                cell += f" ({'▲' if v > prev else '▼'}{_fmt(abs(v - prev))})"
            row.append(cell)
            prev = v if v is not None else prev
        table.add_row(*row)
    dates = [format_tanggal(dt.date.fromisoformat(p.tanggal_pengisian)) if p.tanggal_pengisian else "-"
             for p in trend.points]
    table.add_row("Tanggal pengisian", *dates)
    return table
