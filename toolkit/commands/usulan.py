"""``integritas usulan``: confirm the proposal list (daftar usulan) and see what PortalRB will pull."""

from __future__ import annotations

from pathlib import Path

import click

from toolkit.errors import EXIT_FINDINGS


@click.group("usulan", help="Daftar usulan unit WBK/WBBM: konfirmasi dari workbook yang disunting, lihat isinya.")
def usulan() -> None:
    pass


@usulan.command("konfirmasi", help="Baca daftar usulan yang telah disunting kantor pusat dan simpan sebagai usulan "
                                   "terkonfirmasi periodenya (yang dilayani API PortalRB).")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--periode", help="Periode yang diharapkan (mis. 2026); ditolak bila daftar untuk periode lain.")
@click.pass_context
def konfirmasi(ctx: click.Context, file: Path, periode: str | None) -> None:
    from toolkit.lke.proposals import confirm
    from toolkit.store import open_store

    result = confirm(file, open_store(), period=periode)
    for line in result.errors:
        click.echo(f"{file.name}: galat {line}", err=True)
    for line in result.warnings:
        click.echo(f"{file.name}: peringatan {line}", err=True)
    if result.errors:
        click.echo(f"{file.name}: tidak dikonfirmasi — {len(result.errors)} galat; perbaiki lalu ulangi.", err=True)
        ctx.exit(EXIT_FINDINGS)
    wbk = sum(1 for p in result.proposals if p.category == "WBK")
    click.echo(f"Usulan periode {result.period} dikonfirmasi: {wbk} WBK, {len(result.proposals) - wbk} WBBM "
               f"({sum(p.affirmation for p in result.proposals)} afirmasi).")


@usulan.command("daftar", help="Tampilkan usulan terkonfirmasi suatu periode.")
@click.option("--periode", default="2026", show_default=True)
def daftar(periode: str) -> None:
    from toolkit.store import lke as lke_store
    from toolkit.store import open_store

    for p in lke_store.proposals(open_store(), periode):
        click.echo(f"{p.unit_id}\t{p.category}{' (afirmasi)' if p.affirmation else ''}\t{p.name}")
