"""``integritas excel``: build the macro-enabled templates, and check a PC's set-up for the buttons."""

from __future__ import annotations

from pathlib import Path

import click

from toolkit.errors import EXIT_FINDINGS, UsageError
from toolkit.schemas import kinds


@click.group("excel", help="Workbook Excel bertombol (.xlsm): bangun templat dan periksa pemasangan di PC.")
def excel() -> None:
    pass


@excel.command("bangun", help=(
    "Bangun templat .xlsm bertombol (Validasi, Isi Checklist Bukti, Buat Nota Dinas, Buat Laporan, Bantuan) "
    "untuk setiap jenis workbook, dengan proyek VBA dari xlwings yang terpasang."))
@click.option("-o", "--output", "outdir", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
              show_default=True, help="Folder tujuan; ditulis <jenis>.xlsm.")
@click.option("--jenis", "jenis", multiple=True, type=click.Choice(kinds(), case_sensitive=False),
              help="Hanya jenis ini (boleh diulang); bawaan: semua jenis.")
@click.option("--timpa", is_flag=True, help="Boleh menimpa .xlsm yang sudah ada.")
def bangun(outdir: Path, jenis: tuple[str, ...], timpa: bool) -> None:
    from toolkit.excel.build import build_templates, template_name
    from toolkit.schemas import all_schemas

    wanted = list(jenis) or list(all_schemas())
    existing = [outdir / template_name(k) for k in wanted if (outdir / template_name(k)).exists()]
    if existing and not timpa:
        raise UsageError(f"{existing[0].name} sudah ada; pakai --timpa untuk menimpa.", path=existing[0])
    for b in build_templates(outdir, wanted):
        click.echo(f"{b.path}  (tombol di sheet '{b.sheet}', xlwings {b.vba.xlwings_version})")


@excel.command("periksa", help=(
    "Periksa kesiapan PC untuk tombol: Python, versi toolkit, versi xlwings terhadap yang diharapkan VBA, "
    "dan Interpreter di xlwings.conf. FILE (opsional): workbook .xlsm yang akan dipakai. "
    "Kode keluar 0 bila siap, 1 bila ada masalah."))
@click.argument("file", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--tanpa-uji-interpreter", is_flag=True, help="Jangan menjalankan interpreter untuk diuji.")
def periksa(file: Path | None, tanpa_uji_interpreter: bool) -> None:
    from toolkit.excel.diagnose import PROBLEM, diagnose

    checks = diagnose(file, probe=not tanpa_uji_interpreter)
    for c in checks:
        click.echo(c.line())
    problems = [c for c in checks if c.status == PROBLEM]
    click.echo("Siap dipakai." if not problems else f"{len(problems)} masalah perlu diperbaiki.")
    if problems:
        click.get_current_context().exit(EXIT_FINDINGS)
