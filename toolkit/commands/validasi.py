"""``integritas validasi FILE...``: check unit workbooks and report every finding at its cell."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from toolkit.errors import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, ToolkitError
from toolkit.schemas import kinds


@click.command("validasi", help=(
    "Periksa workbook unit (FILE... .xlsx/.xlsm) menurut skemanya: setiap temuan dengan sheet, sel, "
    "nilai dan cara memperbaikinya. Kode keluar: 0 bersih, 1 ada galat, 2 salah pemakaian, "
    "3 file tidak terbaca (file lain tetap diperiksa; kode akhir adalah yang terburuk)."))
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="FILE...")
@click.option("--jenis", type=click.Choice(kinds(), case_sensitive=False), default=None,
              help="Jenis workbook yang diharapkan; file berjenis lain ditolak.")
@click.option("--json", "as_json", is_flag=True, help="Tulis hasil sebagai JSON ke stdout.")
@click.option("--tulis-hasil", is_flag=True,
              help="Tulis salinan <nama>.hasil.xlsx(m) berisi sheet 'Hasil Validasi' dan sel bermasalah "
                   "ditandai dengan komentar. File asli tidak diubah.")
@click.option("--timpa", is_flag=True, help="Boleh menimpa file .hasil yang sudah ada.")
@click.option("--semua", is_flag=True, help="Tampilkan semua temuan di tabel (bawaan: 200 pertama).")
def validasi(files: tuple[Path, ...], jenis: str | None, as_json: bool, tulis_hasil: bool, timpa: bool,
             semua: bool) -> None:
    from toolkit.validation import validate_path, write_results_copy

    console = Console(stderr=False, soft_wrap=False, width=None if not as_json else 200)
    err = click.get_text_stream("stderr")
    results: list[dict[str, Any]] = []
    worst = EXIT_OK
    summaries: list[str] = []
    for path in files:
        entry: dict[str, Any]
        try:
            report = validate_path(path, jenis)
        except ToolkitError as exc:
            code = exc.exit_code
            worst = max(worst, code)
            line = f"{path.name}: TIDAK TERBACA — {exc.message}"
            click.echo(f"Galat: {exc.describe()}", err=True)
            results.append({"file": str(path), "galat": exc.message, "kode_keluar": code})
            summaries.append(line)
            continue
        code = EXIT_OK if report.ok else EXIT_FINDINGS
        entry = report.to_dict()
        if tulis_hasil:
            try:
                out = write_results_copy(path, report, overwrite=timpa)
                entry["file_hasil"] = str(out)
            except ToolkitError as exc:
                click.echo(f"Galat: {exc.describe()}", err=True)
                entry["galat_tulis_hasil"] = exc.message
                code = max(code, exc.exit_code)
                out = None
        else:
            out = None
        entry["kode_keluar"] = code
        worst = max(worst, code)
        results.append(entry)
        summary = report.summary_line() + (f" Hasil ditulis ke {out}." if out else "")
        summaries.append(summary)
        if not as_json and report.findings:
            console.print(report.rich_table(limit=None if semua else 200))
    if as_json:
        click.echo(json.dumps({"hasil": results, "kode_keluar": worst}, ensure_ascii=False, indent=2))
        for line in summaries:
            click.echo(line, file=err)
    else:
        for line in summaries:
            click.echo(line)
        if len(files) > 1:
            bad = sum(1 for r in results if r.get("kode_keluar", 0) == EXIT_UNREADABLE)
            failed = sum(1 for r in results if r.get("kode_keluar") == EXIT_FINDINGS)
            click.echo(f"Ringkasan: {len(files)} file, {failed} dengan galat, {bad} tidak terbaca.")
    click.get_current_context().exit(worst)
