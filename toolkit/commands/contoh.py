"""``integritas contoh``: write the starter material (sample letter data, a workbook per kind) for a pip user."""

from __future__ import annotations

from pathlib import Path

import click

from toolkit.starters import starter_folders, write_starters


@click.command("contoh", help="Tulis bahan contoh ke FOLDER: data naskah untuk integritas surat, satu workbook "
               "terisi per jenis (valid dan dengan kesalahan), LKE ZI resmi, kiriman unit untuk rekap dan folder "
               "bukti. Dengan -o samples, semua contoh perintah di README berjalan apa adanya.")
@click.option("-o", "--output", "output", type=click.Path(file_okay=False, path_type=Path), default=Path("contoh"),
              show_default=True, help="Folder tujuan (dibuat bila belum ada).")
@click.option("--timpa", is_flag=True, help="Boleh menimpa file contoh yang sudah ada.")
def contoh(output: Path, timpa: bool) -> None:
    written = write_starters(output, overwrite=timpa)
    click.echo(f"{len(written)} file contoh ditulis ke {output}:")
    for folder, what in starter_folders().items():
        click.echo(f"  {output / folder}/  {what}")
    o = output.as_posix()
    click.echo("Coba:")
    click.echo(f"  integritas validasi {o}/rencana-aksi-zi/komdigi-2026-invalid.xlsx --tulis-hasil")
    click.echo(f"  integritas surat nota-dinas -d {o}/surat/nota-dinas-nd-1182-pb1-2023.yaml -o nd.docx --pdf")
    click.echo(f"  integritas rekap {o}/rekap/kiriman-tw2 --daftar-unit {o}/rekap/daftar-unit.xlsx -o REKAP.xlsx")
