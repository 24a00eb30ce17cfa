"""``integritas inspektorat``: BOS taxes, gift register and risk register checks (seed 003)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import click

from toolkit.errors import EXIT_FINDINGS, UsageError
from toolkit.indonesian import format_iso_text, format_rupiah, format_tanggal, parse_tanggal
from toolkit.kinds import bos_transaksi, register_gratifikasi, register_risiko

_FILE = click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path), metavar="FILE")


def _common(func: Any) -> Any:
    func = click.option("--timpa", is_flag=True, help="Boleh menimpa file hasil yang sudah ada.")(func)
    func = click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path),
                        help="Tulis salinan workbook berisi sheet hasil ke file ini.")(func)
    func = click.option("--salin", is_flag=True,
                        help="Tulis salinan workbook berisi sheet hasil (NAMA.hasil-inspektorat.xlsx).")(func)
    func = click.option("--json", "as_json", is_flag=True, help="Cetak hasil sebagai JSON.")(func)
    return func


@click.group("inspektorat", help="Aturan FAQ Inspektorat (seed 003): pajak dan larangan belanja BOS, "
                                  "batas gratifikasi, register risiko. Kode keluar 1 bila ada galat.")
def inspektorat() -> None:
    """Group of the inspectorate checks."""


def _finish(result: Any, path: Path, as_json: bool, salin: bool, output: Path | None, timpa: bool,
            render: Any, **copy_kw: Any) -> None:
    from rich.console import Console

    from toolkit.inspectorate.inspection import write_inspection_copy

    written = None
    if salin or output is not None:
        written = write_inspection_copy(path, result, output, overwrite=timpa, **copy_kw)
    if as_json:
        data = result.to_dict()
        if written:
            data["salinan"] = str(written)
        click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    else:
        # piped (less, a file, a CI log): a fixed wide table instead of rich's 80-column default
        console = Console(width=None if click.get_text_stream("stdout").isatty() else 160)
        render(console, result)
        if result.report.findings:
            console.print(result.report.rich_table())
        console.print(result.report.summary_line())
        if written:
            console.print(f"Salinan berisi hasil ditulis ke {written}")
    if not result.report.ok:
        raise click.exceptions.Exit(EXIT_FINDINGS)


@inspektorat.command("pajak", help="Hitung pajak setiap transaksi BOS (PPh 21, PPh 22, PPh 23, PPh 4(2), PPN) dan "
                                   "periksa larangan belanja BOS. FILE: workbook bos-transaksi.")
@_FILE
@_common
def pajak(file: Path, as_json: bool, salin: bool, output: Path | None, timpa: bool) -> None:
    from toolkit.inspectorate.inspection import inspect_path

    result = inspect_path(file, bos_transaksi.SCHEMA.kind)

    def render(console: Any, res: Any) -> None:
        from rich.table import Table

        from toolkit.inspectorate.taxes import TAX_KEYS, TAX_LABELS

        table = Table(title=f"Pajak transaksi BOS: {file.name}")
        for h in ("No", "Tanggal", "Jenis Belanja", "Penerima"):
            table.add_column(h)
        for h in ("Bruto", *(TAX_LABELS[k] for k in TAX_KEYS)):
            table.add_column(h, justify="right")
        for row in res.rows()[:200]:
            table.add_row(str(row["no"] or ""), format_iso_text(row["tanggal"] or ""), row["jenis_belanja"], row["penerima"],
                          *(format_rupiah(row[k]) for k in ("nilai_bruto", *TAX_KEYS)))
        s = res.summary()
        table.caption = f"Jumlah: bruto {format_rupiah(s['bruto'])}; " + "; ".join(
            f"{TAX_LABELS[k]} {format_rupiah(s[k])}" for k in TAX_KEYS)
        console.print(table)
        for note in res.analysis.notes:  # seed 003 and the regulation differ: said once
            console.print(f"Catatan aturan: {note}")

    _finish(result, file, as_json, salin, output, timpa, render)


@inspektorat.command("gratifikasi", help="Golongkan setiap pemberian: boleh diterima atau wajib dilaporkan "
                                         "(ke UPG atau KPK/GOL, dengan batas waktunya). FILE: workbook "
                                         "register-gratifikasi.")
@_FILE
@_common
@click.option("--per", "per", metavar="TANGGAL",
              help="Tanggal acuan batas lapor, mis. 6/4/2025 (bawaan: Tanggal Pengisian di Identitas).")
def gratifikasi(file: Path, as_json: bool, salin: bool, output: Path | None, timpa: bool, per: str | None) -> None:
    from toolkit.inspectorate.inspection import inspect_path

    as_of: dt.date | None = None
    if per:
        as_of = parse_tanggal(per)
        if as_of is None:
            raise UsageError(f"--per '{per}' bukan tanggal; tulis mis. 6/4/2025 atau '6 April 2025'.")
    result = inspect_path(file, register_gratifikasi.SCHEMA.kind, as_of=as_of)

    def render(console: Any, res: Any) -> None:
        from rich.table import Table

        table = Table(title=f"Gratifikasi: {file.name} (acuan {format_tanggal(res.analysis.as_of)})")
        for h in ("No", "Tanggal", "Penerima", "Pemberi", "Acara", "Nilai", "Status", "Batas Lapor"):
            table.add_column(h, justify="right" if h == "Nilai" else "left")
        for row in res.rows()[:200]:
            style = "red" if row["status"] == "Wajib dilaporkan" else "green"
            table.add_row(str(row["no"] or ""), format_iso_text(row["tanggal"] or ""), row["penerima"], row["pemberi"], row["acara"],
                          format_rupiah(row["nilai"]), f"[{style}]{row['status']}[/{style}]",
                          format_iso_text(row["batas_lapor"] or ""))
        s = res.summary()
        table.caption = (f"{s['boleh_diterima']} boleh diterima, {s['wajib_dilaporkan']} wajib dilaporkan melalui "
                         "UPG Inspektorat atau KPK (aplikasi GOL)")
        console.print(table)
        for note in res.analysis.notes:  # seed 003 and the regulation in force differ: said once
            console.print(f"Catatan aturan: {note}")

    _finish(result, file, as_json, salin, output, timpa, render)


@inspektorat.command("risiko", help="Nilai setiap risiko (kemungkinan × dampak, matriks 5×5), periksa RTP "
                                    "risiko prioritas, dan buat peta risiko. FILE: workbook register-risiko.")
@_FILE
@_common
@click.option("--grafik", type=click.Path(dir_okay=False, path_type=Path), metavar="PNG",
              help="Tulis peta risiko (heat map) sebagai gambar PNG.")
def risiko(file: Path, as_json: bool, salin: bool, output: Path | None, timpa: bool, grafik: Path | None) -> None:
    from toolkit.inspectorate.analysis import RiskAnalysis
    from toolkit.inspectorate.inspection import inspect_path
    from toolkit.inspectorate.risk import heatmap_png

    result = inspect_path(file, register_risiko.SCHEMA.kind)
    analysis = result.analysis
    assert isinstance(analysis, RiskAnalysis)
    if grafik is not None:
        if grafik.exists() and not timpa:
            raise UsageError("file grafik sudah ada; pakai --timpa atau pilih nama lain.", path=grafik)
        heatmap_png(analysis.assessments, grafik, matrix=analysis.matrix,
                    title=f"Peta Risiko — {result.data.identitas.values.get('nama_unit') or file.stem}")

    def render(console: Any, res: Any) -> None:
        from rich.table import Table

        table = Table(title=f"Register risiko: {file.name}")
        for h in ("Kode", "Pernyataan Risiko", "K", "D", "Skor", "Level", "Prioritas", "RTP"):
            table.add_column(h)
        for row in res.rows()[:200]:
            table.add_row(row["kode"], row["pernyataan"][:60], str(row["kemungkinan"] or "-"),
                          str(row["dampak"] or "-"), str(row["skor"] or "-"), row["level"] or "-",
                          "Ya" if row["prioritas"] else "Tidak", str(row["jumlah_rtp"]))
        s = res.summary()
        table.caption = (f"{s['prioritas']} risiko prioritas, {s['prioritas_tanpa_rtp']} belum punya RTP"
                         + (f"; peta risiko: {grafik}" if grafik else ""))
        console.print(table)

    _finish(result, file, as_json, salin, output, timpa, render)
