"""``integritas nilai``: score an LKE ZI (and the WBK/WBBM verdict), calendar compliance, SPI progress.

The kind is recognised from the file: the official LKE ZI workbook (sheet "LKE ZI"),
or a workbook whose kind has the ``score`` capability (``toolkit.kinds``: today
activity-frequency compliance of a calendar, follow-up progress of an SPI plan). Exit code 0 when nothing is
short (WBK reached / 100 % compliance / no overdue action), 1 when something is.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import click

from toolkit.commands.options import date_option
from toolkit.errors import EXIT_FINDINGS, EXIT_OK, UsageError, WrongKindError


def _print_table(title: str, header: list[str], rows: list[list[Any]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False)
    for h in header:
        table.add_column(h)
    for r in rows:
        table.add_row(*["" if v is None else (f"{v:.2f}".replace(".", ",") if isinstance(v, float) else str(v))
                        for v in r])
    Console().print(table)


@click.command("nilai", help="Nilai LKE ZI dan predikat WBK/WBBM, kepatuhan kalender integritas, atau progres "
                             "tindak lanjut SPI, menurut jenis FILE. Kode keluar 1 bila ada yang belum memenuhi.")
@click.argument("file", type=click.Path(exists=True, path_type=Path, readable=False))
@click.option("--json", "as_json", is_flag=True, help="Cetak hasil sebagai JSON.")
@click.option("--model", default="permenpanrb-90-2021", show_default=True,
              help="Model penilaian LKE: permenpanrb-90-2021 atau pedoman-bpmp-2023 (bobot 5/5/15/10/15/10).")
@click.option("--dasar", type=click.Choice(["nol", "resmi"]), default="nol", show_default=True,
              help="Dasar predikat: 'nol' = pertanyaan Belum Diisi dihitung 0; 'resmi' = angka rumus LKE.")
@click.option("--sudah-wbk", is_flag=True, help="Unit sudah berpredikat WBK (syarat WBBM).")
@click.option("--penilai", is_flag=True, help="Nilai jawaban evaluator (kolom 'Jawaban Evaluator').")
@click.option("--per-tanggal", "as_of", callback=date_option, metavar="TANGGAL", help="Tanggal acuan kepatuhan/progres (default: tanggal pengisian/hari ini).")
@click.option("--tulis-hasil", "write_copy", is_flag=True,
              help="Tulis salinan workbook dengan sheet 'Hasil Penilaian' (<nama>.nilai.xlsx atau .xlsm; "
                   "makro, tombol dan daftar pilihan tetap utuh; file asli tidak diubah).")
@click.option("--timpa", is_flag=True, help="Boleh menimpa file salinan hasil yang sudah ada.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Nama file salinan hasil (dengan --tulis-hasil).")
@click.option("--grafik", type=click.Path(dir_okay=False, path_type=Path),
              help="Kepatuhan: tulis grafik PNG (atau .xlsx dengan grafik Excel).")
@click.pass_context
def nilai(ctx: click.Context, file: Path, as_json: bool, model: str, dasar: str, sudah_wbk: bool, penilai: bool,
          as_of: dt.date | None, write_copy: bool, timpa: bool, output: Path | None, grafik: Path | None) -> None:
    from toolkit.workbook.bounds import time_budget

    with time_budget(file):  # the read, the score and the copy of the file within its time budget
        _nilai(ctx, file, as_json, model, dasar, sudah_wbk, penilai, as_of, write_copy, timpa, output, grafik)


def _nilai(ctx: click.Context, file: Path, as_json: bool, model: str, dasar: str, sudah_wbk: bool, penilai: bool,
           as_of: dt.date | None, write_copy: bool, timpa: bool, output: Path | None, grafik: Path | None) -> None:
    from toolkit.scoring.lke import score_lke
    from toolkit.workbook import open_workbook

    day = as_of
    from toolkit.lke.files import form_model

    if form_model(file) == "2026":
        _lke_2026(ctx, file, as_json, sudah_wbk)
    try:
        result = score_lke(file, evaluator=penilai)
    except WrongKindError:
        result = None
    if result is not None:
        from toolkit.scoring.output import lke_rows, write_result_copy
        from toolkit.scoring.predikat import angka, evaluate

        verdict = evaluate(result, model, basis="resmi" if dasar == "resmi" else "belum_diisi_nol",
                           has_wbk=True if sudah_wbk else None)
        if as_json:
            click.echo(json.dumps({"lke": result.to_dict(), "predikat": verdict.to_dict()}, ensure_ascii=False,
                                  indent=2, default=str))
        else:
            rows = [["Nilai Evaluasi ZI", 100.0, result.official_text("total"), result.total_strict],
                    ["Pengungkit", 60.0, result.official_text("pengungkit"), result.strict("pengungkit")]]
            rows += [[f"  {a.name}", a.weight, "galat" if a.official is None else angka(a.official), a.strict]
                     for a in result.areas]
            rows += [["Hasil", 40.0, result.official_text("hasil"), result.strict("hasil")]]
            _print_table(f"LKE ZI — {file.name}", ["Komponen", "Bobot", "Nilai resmi", "Belum Diisi = 0"], rows)
            click.echo(f"Belum Diisi: {len(result.belum_diisi)} pertanyaan"
                       + (": " + ", ".join(f"K{q.row}" for q in result.belum_diisi[:20]) if result.belum_diisi else ""))
            for a in result.anomalies:
                click.echo(f"Anomali: {a}")
            for line in verdict.lines():
                click.echo(line)
        if write_copy:
            dest = write_result_copy(file, lke_rows(result, verdict), output, overwrite=timpa)
            click.echo(f"Salinan dengan sheet hasil: {dest}", err=as_json)
        wbk = verdict.predicates.get("WBK")
        ctx.exit(EXIT_OK if wbk and wbk.reached else EXIT_FINDINGS)
    data = open_workbook(file)
    _score(ctx, data, day, as_json, write_copy, output, grafik, file, timpa)


def _lke_2026(ctx: click.Context, file: Path, as_json: bool, sudah_wbk: bool) -> None:
    """The 2026 form: the unit's and the TPI's scores side by side, the verdict on the TPI's answers."""
    from toolkit.lke.compare import compare
    from toolkit.lke.workbook import read_form

    comparison = compare(read_form(file), has_wbk=True if sudah_wbk else None)
    if as_json:
        click.echo(json.dumps(comparison.to_dict(), ensure_ascii=False, indent=2, default=str))
    else:
        for line in comparison.lines():
            click.echo(line)
    wbk = comparison.verdict.predicates.get("WBK")
    ctx.exit(EXIT_OK if wbk and wbk.reached else EXIT_FINDINGS)


def _score(ctx: click.Context, data: Any, day: dt.date | None, as_json: bool, write_copy: bool,
           output: Path | None, grafik: Path | None, file: Path, timpa: bool = False) -> None:
    """What the workbook's kind scores (``toolkit.kinds``: capability ``score``)."""
    from toolkit.kinds.registry import require_capability
    from toolkit.scoring.output import write_result_copy

    score = require_capability(data.schema, "score", path=file)
    result = score.compute(data, day)
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        title, headers, rows, lines = score.terminal(result)
        _print_table(title, headers, rows)
        for line in lines:
            click.echo(line)
    if grafik is not None and score.chart is not None:
        if grafik.resolve() == file.resolve():
            raise UsageError("--grafik tidak boleh sama dengan workbook yang dinilai.", path=grafik)
        if grafik.exists() and not timpa:
            raise UsageError("file grafik sudah ada; pakai --timpa untuk menimpa atau pilih nama lain.", path=grafik)
        dest = score.chart(result, grafik, overwrite=timpa)
        click.echo(f"Grafik: {dest}", err=as_json)
    if write_copy:
        dest = write_result_copy(file, score.result_rows(result), output, sheet=score.result_sheet, overwrite=timpa)
        click.echo(f"Salinan dengan sheet hasil: {dest}", err=as_json)
    ctx.exit(EXIT_OK if score.complete(result) else EXIT_FINDINGS)
