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
    "3 file tidak terbaca (file lain tetap diperiksa; kode akhir adalah yang terburuk). Di terminal temuan "
    "tampil sebagai tabel; bila keluaran dialihkan (ke file, less, log CI) setiap temuan dicetak satu baris."))
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, readable=False), metavar="FILE...")
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
    from toolkit.validation.writeback import COPY_STREAM_BYTES
    from toolkit.workbook.bounds import time_budget
    from toolkit.workbook.limits import LimitError

    console = Console(stderr=False, soft_wrap=False, width=None if not as_json else 200)
    plain = not click.get_text_stream("stdout").isatty()  # piped: one line per finding, never squeezed
    err = click.get_text_stream("stderr")
    results: list[dict[str, Any]] = []
    worst = EXIT_OK
    summaries: list[str] = []
    for path in files:
        entry: dict[str, Any]
        try:
            with time_budget(path):  # the read, the validation and the copy of one file
                # with a copy to write, a large sheet is validated streaming: the copy needs memory
                # of its own (the marked sheet's XML, the Hasil Validasi rows), the two never add up
                report = validate_path(path, jenis, **({"stream_threshold": COPY_STREAM_BYTES} if tulis_hasil
                                                       else {}))
                code = EXIT_OK if report.ok else EXIT_FINDINGS
                entry = report.to_dict()
                out = None
                if tulis_hasil:
                    try:
                        out = write_results_copy(path, report, overwrite=timpa)
                        entry["file_hasil"] = str(out)
                    except ToolkitError as exc:
                        if isinstance(exc, LimitError):  # the time budget: the file as a whole is refused
                            raise
                        click.echo(f"Galat: {exc.describe()}", err=True)
                        entry["galat_tulis_hasil"] = exc.message
                        code = max(code, exc.exit_code)
        except ToolkitError as exc:
            code = exc.exit_code
            worst = max(worst, code)
            line = f"{path.name}: TIDAK TERBACA — {exc.message}"
            click.echo(f"Galat: {exc.describe()}", err=True)
            results.append({"file": str(path), "galat": exc.message, "kode_keluar": code})
            summaries.append(line)
            continue
        entry["kode_keluar"] = code
        worst = max(worst, code)
        results.append(entry)
        summary = report.summary_line() + (f" Hasil ditulis ke {out}." if out else "")
        summaries.append(summary)
        if not as_json and report.findings:
            if plain:
                for line in finding_lines(report, limit=None if semua else 200):
                    click.echo(line)
            else:
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


def finding_lines(report: Any, limit: int | None = 200) -> list[str]:
    """One line per finding, for output that is not a terminal (grep-able, never wrapped to 80 columns):
    ``komdigi.xlsx: Galat Rencana Kerja!E18 [PIC] WAJIB: ... (nilai: '...')``."""
    from toolkit.indonesian import format_value
    from toolkit.validation.report import SEVERITY_LABEL

    name = report.path.name if report.path else "workbook"
    shown = report.findings if limit is None else report.findings[:limit]
    lines = []
    for f in shown:
        where = f"{f.sheet}!{f.cell}" if f.cell else f.sheet or "-"
        column = f" [{f.column}]" if f.column else ""
        value = " ".join(format_value(f.value).split())
        shown_value = f" (nilai: {value[:80]!r})" if value else ""
        message = " ".join(str(f.message).split())
        lines.append(f"{name}: {SEVERITY_LABEL.get(f.severity, f.severity)} {where}{column} {f.rule_id}: "
                     f"{message}{shown_value}")
    if limit is not None and len(report.findings) > limit:
        lines.append(f"{name}: … dan {len(report.findings) - limit} temuan lain (pakai --semua atau --json)")
    return lines
