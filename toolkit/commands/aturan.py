"""``integritas aturan``: the figures of the law in force on a date, each with its legal source."""

from __future__ import annotations

import datetime as dt
import json

import click

from toolkit.commands.options import date_option


@click.command("aturan")
@click.option("--per-tanggal", "per_tanggal", callback=date_option, metavar="TANGGAL",
              help="Tanggal transaksi/gratifikasi/periode (bawaan: hari ini), mis. 2026-03-01.")
@click.option("--libur", is_flag=True, help="Tampilkan juga hari libur nasional dan cuti bersama tahun itu.")
@click.option("--json", "as_json", is_flag=True, help="Cetak sebagai JSON.")
def aturan(per_tanggal: dt.date | None, libur: bool, as_json: bool) -> None:
    """Angka aturan yang berlaku pada suatu tanggal (tarif, batas, ambang, batas waktu, hari kerja)
    beserta dasar hukumnya (peraturan, pasal), masa berlakunya dan seed asalnya.

    Bila seed dan peraturan yang berlaku berbeda, yang dipakai peraturan dan perbedaannya ditandai "!".
    """
    from toolkit.rules.figures import rules_on

    result = rules_on(per_tanggal or dt.date.today(), days_off=libur)
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2, default=str))
    else:
        click.echo("\n".join(result.lines()))
