"""``integritas templat``: write an empty workbook of a kind."""

from __future__ import annotations

from pathlib import Path

import click

from toolkit.errors import UnsafeWriteError, UsageError
from toolkit.schemas import get_schema, kinds
from toolkit.workbook.template import build_workbook


@click.command("templat", help="Tulis templat workbook kosong untuk JENIS: " + ", ".join(kinds()) + ".")
@click.argument("jenis", type=click.Choice(kinds(), case_sensitive=False), metavar="JENIS")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="File .xlsx yang ditulis.")
@click.option("--timpa", is_flag=True, help="Boleh menimpa file yang sudah ada.")
@click.option("--model", "model", default=None, metavar="MODEL",
              help="Model formulir untuk jenis berformulir tetap (lke-zi: 2026 [bawaan] atau 2021).")
def templat(jenis: str, output: Path, timpa: bool, model: str | None) -> None:
    from toolkit.kinds.registry import get_kind

    schema = get_schema(jenis)
    form = get_kind(schema).form
    if output.exists() and not timpa:
        raise UsageError("file sudah ada; pakai --timpa untuk menimpa atau pilih nama lain.", path=output)
    if output.suffix.lower() != ".xlsx":
        raise UnsafeWriteError("templat ditulis sebagai .xlsx (untuk .xlsm bertombol: integritas excel "
                               "bangun).", path=output)
    if form is not None:
        if model is not None and model not in form.models:
            raise UsageError(f"model '{model}' tidak dikenal untuk {schema.kind}; pilihan: {', '.join(form.models)}.")
        chosen = model or form.models[0]
        form.build_template(output, model=chosen, overwrite=timpa)
        click.echo(f"Templat {schema.kind} model {chosen} ditulis ke {output}")
        return
    if model is not None:
        raise UsageError(f"--model hanya untuk jenis berformulir tetap; {schema.kind} tidak memakainya.")
    build_workbook(schema, output)
    click.echo(f"Templat {schema.kind} (versi skema {schema.version}) ditulis ke {output}")
