"""``integritas surat daftar|cari|batal|cetak-ulang|cadangkan|format-nomor|baru``: the office register
and the starter a clerk fills in."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from toolkit.commands.options import date_option
from toolkit.errors import UsageError

REGISTER_OPTION = click.option("--register", "register_path", metavar="FILE|URL",
                               help="Register nomor kantor (bawaan: register kantor, lihat 'integritas kantor "
                                    "tampil').")


def _open(register_path: str | None, *, reading: bool = False):  # type: ignore[no-untyped-def]
    from toolkit.commands.register_access import office_register

    return office_register(register_path, reading=reading)[1]


def _print_rows(rows: list) -> None:  # type: ignore[type-arg]
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from toolkit.documents.office_register import ASAL_LABEL, STATUS_LABEL

    table = Table(show_lines=False, header_style="bold")
    for head in ("Nomor", "Tanggal", "Jenis", "Status", "Asal", "Hal", "Tujuan", "Keterangan"):
        table.add_column(head, overflow="fold")
    for r in rows:
        note = r.alasan_batal if r.status == "batal" else r.peringatan
        table.add_row(*(Text(str(x)) for x in (r.nomor, r.tanggal_id, r.jenis, STATUS_LABEL.get(r.status, r.status),
                                               ASAL_LABEL.get(r.asal, r.asal), r.hal, r.tujuan, note)))
    Console(width=200 if not click.get_text_stream("stdout").isatty() else None).print(table)


def daftar(register_path: str | None, jenis: str | None, tahun: int | None, xlsx: Path | None,
           timpa: bool) -> None:
    from toolkit.documents.export import export_register_xlsx

    if xlsx is not None:
        if xlsx.suffix.lower() != ".xlsx":
            raise UsageError("ekspor ditulis sebagai .xlsx.", path=xlsx)
        if xlsx.exists() and not timpa:
            raise UsageError("file sudah ada; pakai --timpa untuk menimpa atau pilih nama lain.", path=xlsx)
    with _open(register_path, reading=True) as register:
        rows = register.rows(letter_type=jenis, year=tahun)
    _print_rows(rows)
    click.echo(f"{len(rows)} nomor.")
    if xlsx:
        export_register_xlsx(rows, xlsx, overwrite=timpa)
        click.echo(f"Register diekspor ke {xlsx}")


def add_register_commands(surat: click.Group) -> None:
    """Attach the register commands to the ``surat`` group."""

    @surat.command("daftar", help="Daftar nomor di register kantor (dengan judul kolom, tanggal Indonesia); "
                                  "--xlsx mengekspornya ke Excel.")
    @REGISTER_OPTION
    @click.option("--jenis", help="Hanya jenis naskah ini (mis. nota-dinas).")
    @click.option("--tahun", type=int, help="Hanya tahun ini.")
    @click.option("--xlsx", "xlsx", type=click.Path(dir_okay=False, path_type=Path), help="Ekspor ke file .xlsx.")
    @click.option("--timpa", is_flag=True, help="Boleh menimpa file --xlsx yang sudah ada.")
    def daftar_cmd(register_path: str | None, jenis: str | None, tahun: int | None, xlsx: Path | None,
                   timpa: bool) -> None:
        daftar(register_path, jenis, tahun, xlsx, timpa)

    @surat.command("cari", help="Cari di register: TEKS pada nomor, hal atau tujuan; boleh dibatasi jenis dan "
                                "rentang tanggal.")
    @click.argument("teks", required=False)
    @REGISTER_OPTION
    @click.option("--jenis", help="Hanya jenis naskah ini.")
    @click.option("--dari", "since", callback=date_option, help="Sejak tanggal ini (mis. 2026-03-01).")
    @click.option("--sampai", "until", callback=date_option, help="Sampai tanggal ini.")
    def cari(teks: str | None, register_path: str | None, jenis: str | None, since: dt.date | None,
             until: dt.date | None) -> None:
        with _open(register_path, reading=True) as register:
            rows = register.search(teks, letter_type=jenis, since=since, until=until)
        _print_rows(rows)
        click.echo(f"{len(rows)} nomor ditemukan.")

    @surat.command("batal", help="Batalkan NOMOR (tetap tercatat di register dengan alasannya; tidak dipakai lagi).")
    @click.argument("nomor")
    @click.option("--alasan", required=True, help="Alasan pembatalan, mis. \"salah tujuan, diganti ND-7\".")
    @REGISTER_OPTION
    def batal(nomor: str, alasan: str, register_path: str | None) -> None:
        with _open(register_path) as register:
            register.cancel(nomor, alasan)
        click.echo(f"Nomor {nomor} dibatalkan ({alasan}); tetap tercatat di register.")

    @surat.command("cetak-ulang", help="Tulis ulang naskah NOMOR dari salinan arsip di register (.docx, atau .pdf "
                                       "bila PDF-nya dibuat); isi diperiksa dengan sidik SHA-256.")
    @click.argument("nomor")
    @click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
                  help="File yang ditulis (.docx atau .pdf).")
    @click.option("--timpa", is_flag=True, help="Boleh menimpa file yang sudah ada.")
    @REGISTER_OPTION
    def cetak_ulang(nomor: str, output: Path, timpa: bool, register_path: str | None) -> None:
        from toolkit.workbook.atomic import atomic_output

        suffix = output.suffix.lower()
        if suffix not in (".docx", ".pdf"):
            raise UsageError("cetak ulang ditulis sebagai .docx atau .pdf.", path=output)
        if output.exists() and not timpa:
            raise UsageError("file sudah ada; pakai --timpa atau pilih nama lain.", path=output)
        with _open(register_path, reading=True) as register:
            row = register.get(nomor)
            if row.status == "batal":
                raise UsageError(f"nomor {nomor} sudah dibatalkan ({row.alasan_batal}); tidak dicetak ulang.")
            key = row.sha256 if suffix == ".docx" else row.pdf_sha256
            if not key:
                raise UsageError(f"register tidak menyimpan salinan {suffix} naskah {nomor}"
                                 + ("; buat ulang PDF dari salinan .docx." if suffix == ".pdf" else "."))
            data = register.archived(key)
        with atomic_output(output, overwrite=timpa) as tmp:
            tmp.write_bytes(data)
        click.echo(f"Naskah {nomor} ({row.tanggal_id}, {row.hal}) dicetak ulang ke {output}; isi sama dengan yang "
                   "terbit (SHA-256 cocok).")

    @surat.command("cadangkan", help="Cadangkan JUMLAH nomor JENIS lebih dulu (mis. untuk naskah yang diketik di "
                                     "luar toolkit); nomor itu dipakai dengan --nomor atau 'nomor:'.")
    @click.argument("jenis")
    @click.argument("jumlah", type=int)
    @click.option("--tanggal", "tanggal", callback=date_option, help="Tanggal nomor (bawaan: hari ini).")
    @click.option("--klasifikasi", help="Kode klasifikasi arsip, bila format nomornya memakainya.")
    @click.option("--keamanan", help="Kode keamanan (B, T, R, SR), bila format nomornya memakainya.")
    @click.option("--keterangan", default="", help="Untuk apa nomor dicadangkan.")
    @REGISTER_OPTION
    def cadangkan(jenis: str, jumlah: int, tanggal: dt.date | None, klasifikasi: str | None,
                  keamanan: str | None, keterangan: str, register_path: str | None) -> None:
        data = {k: v for k, v in (("klasifikasi", klasifikasi), ("keamanan", keamanan)) if v}
        with _open(register_path) as register:
            parts = register.parts_for(jenis, data)
            numbers = register.reserve(jenis, jumlah, tanggal=tanggal, parts=parts, note=keterangan)
        for n in numbers:
            click.echo(n)
        click.echo(f"{len(numbers)} nomor {jenis} dicadangkan.")

    @surat.command("format-nomor", help="Atur format nomor JENIS kantor (sama dengan 'integritas kantor format').")
    @click.argument("jenis")
    @click.argument("pola")
    @click.option("--terakhir", type=int, help="Lanjutkan dari buku agenda: nomor urut terakhir yang terpakai.")
    @click.option("--tahun", type=int, help="Tahun untuk --terakhir (bawaan: tahun ini).")
    @REGISTER_OPTION
    def format_nomor(jenis: str, pola: str, terakhir: int | None, tahun: int | None,
                     register_path: str | None) -> None:
        from toolkit.commands.kantor import set_office_format

        set_office_format(jenis, pola, last=terakhir, year=tahun, register=register_path)

    @surat.command("baru", help="Tulis contoh data naskah JENIS (YAML berkomentar, bahasa Indonesia) untuk diisi.")
    @click.argument("jenis", type=click.Choice(["nota-dinas", "surat-dinas"]))
    @click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
    @click.option("--timpa", is_flag=True, help="Boleh menimpa file yang sudah ada.")
    def baru(jenis: str, output: Path, timpa: bool) -> None:
        from toolkit.documents.starter import starter_text
        from toolkit.kantor import load_office
        from toolkit.workbook.atomic import atomic_output

        if output.exists() and not timpa:
            raise UsageError("file sudah ada; pakai --timpa atau pilih nama lain.", path=output)
        with atomic_output(output, overwrite=timpa) as tmp:
            tmp.write_text(starter_text(jenis, load_office(required=False)), encoding="utf-8")
        click.echo(f"Contoh data {jenis} ditulis ke {output}; isi bagian bertanda ISI, lalu jalankan: "
                   f"integritas surat {jenis} -d {output} -o {jenis}.docx")
