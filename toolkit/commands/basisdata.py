"""``integritas basisdata``: where the store is, moving 0.1 files in, backups."""

from __future__ import annotations

from pathlib import Path

import click

from toolkit.store import open_store
from toolkit.store.transfer import backup, copy_into, describe, read_source


@click.group("basisdata", help="""Basis data register nomor, riwayat rekap dan jawaban LKE.

\b
SQLite (bawaan, satu PC) atau PostgreSQL (beberapa PC berbagi). Lokasi dipilih dari
--basisdata, lalu $INTEGRITAS_BASISDATA, lalu 'basisdata:' di kantor.yaml, lalu
integritas.sqlite di folder data pengguna. Jangan taruh file SQLite di folder jaringan
Windows (penguncian file tidak andal): pakai PostgreSQL untuk beberapa PC.""")
def basisdata() -> None:
    pass


@basisdata.command("info", help="Tampilkan basis data yang dipakai: jenis, lokasi, revisi skema, jumlah baris.")
@click.argument("url", required=False)
def info(url: str | None) -> None:
    with open_store(url) as store:
        lines = describe(store)
        if store.backup_made:
            lines.append(("Cadangan sebelum migrasi", str(store.backup_made)))
    width = max(len(label) for label, _v in lines)
    for label, value in lines:
        click.echo(f"{label.ljust(width)}  {value}")


@basisdata.command("pindah", help="""Salin register/riwayat dari file SQLite lama (versi 0.1) atau dari cadangan
JSON ke basis data TUJUAN (URL atau file; bawaan: basis data yang dipakai), diperiksa baris demi baris.

\b
Contoh:
  integritas basisdata pindah register-nomor.sqlite
  integritas basisdata pindah riwayat-rekap.sqlite postgresql://tu@server/integritas
File SUMBER hanya dibaca. Tabel tujuan harus masih kosong; bila pemeriksaan gagal
tidak ada yang disimpan.""")
@click.argument("sumber", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("tujuan", required=False)
def pindah(sumber: Path, tujuan: str | None) -> None:
    source = read_source(sumber)
    with open_store(tujuan) as store:
        report = copy_into(source, store)
    click.echo(f"Sumber {sumber} ({source.kind}) dipindahkan ke {report.target}:")
    for name, n in report.copied.items():
        click.echo(f"  {name}: {n} baris disalin dan diperiksa sama")
    click.echo(f"Selesai: {sum(report.copied.values())} baris.")


@basisdata.command("cadangan", help="""Buat cadangan yang konsisten dari basis data yang dipakai.

\b
SQLite: salinan file lewat SQLite backup API (langsung dapat dipakai sebagai basis data).
PostgreSQL (atau --format json): ekspor logis JSON dalam satu transaksi, dapat dipulihkan
ke SQLite atau PostgreSQL dengan 'integritas basisdata pindah CADANGAN.json TUJUAN'.""")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="File cadangan (bawaan: folder data pengguna/cadangan/integritas-WAKTU.sqlite|json).")
@click.option("--format", "fmt", type=click.Choice(["sqlite", "json"]), help="Bawaan: sqlite untuk SQLite, json "
              "untuk PostgreSQL.")
@click.option("--timpa", is_flag=True, help="Boleh menimpa file cadangan yang sudah ada.")
def cadangan(output: Path | None, fmt: str | None, timpa: bool) -> None:
    with open_store() as store:
        path, method, counts = backup(store, output, fmt=fmt, overwrite=timpa)
        where = store.display()
    click.echo(f"Cadangan {where} ditulis ke {path}")
    click.echo(f"Cara: {method}; {sum(counts.values())} baris di {len(counts)} tabel.")
