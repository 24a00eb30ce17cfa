"""``integritas kantor``: set up the office once (name, unit code, classification codes, number formats,
default signatory, its register), show it, change a number format."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click

from toolkit.errors import UsageError
from toolkit.kantor import (
    SUGGESTED_FORMATS,
    TTD_CHOICES,
    Office,
    check_format,
    load_office,
    office_from_mapping,
)

KINDS_ASKED = ("nota-dinas", "surat-dinas")
REGISTER_HELP = ("Register nomor kantor: file SQLite atau URL postgresql://… (bawaan: basisdata: di kantor.yaml, "
                 "$INTEGRITAS_BASISDATA, lalu integritas.sqlite di folder data pengguna).")


def _env_register() -> str | None:
    """$INTEGRITAS_REGISTER: the register every 'surat' command uses unless --register says otherwise."""
    import os

    return os.environ.get("INTEGRITAS_REGISTER") or None


def _config_target() -> Path:
    from toolkit.config import config_path

    return config_path()


def write_config(office: Office, target: Path, *, basisdata: str | None, overwrite: bool) -> None:
    import yaml

    from toolkit.workbook.atomic import atomic_output

    if target.exists() and not overwrite:
        raise UsageError("konfigurasi kantor sudah ada; lihat dengan 'integritas kantor tampil', ubah dengan "
                         "--timpa (register dan nomor yang sudah terbit tidak berubah).", path=target)
    target.parent.mkdir(parents=True, exist_ok=True)
    head = (f"# Konfigurasi kantor Integritas toolkit — {office.nama}\n"
            f"# Dibuat {dt.date.today().isoformat()} oleh 'integritas kantor buat'. Isian format_nomor:\n"
            "# {urut} {tahun} {bulan} {bulan_romawi} {kode_unit} {klasifikasi} {keamanan}\n")
    body = yaml.safe_dump(office.to_yaml_dict(basisdata), allow_unicode=True, sort_keys=False, width=100)
    with atomic_output(target, overwrite=True) as tmp:
        tmp.write_text(head + body, encoding="utf-8")


def _prompt_office(register: str | None) -> tuple[dict[str, Any], str | None]:
    click.echo("Menyiapkan kantor (sekali saja). Tekan Enter untuk menerima isian dalam [kurung].")
    nama = click.prompt("Nama kantor (mis. Inspektorat Daerah Provinsi Nusa Tenggara Timur)").strip()
    kode = click.prompt("Kode unit pada nomor naskah (mis. ITDA)").strip()
    klas = click.prompt("Kode klasifikasi arsip yang dipakai, pisahkan dengan koma (mis. 000.1, 700.1)",
                        default="", show_default=False)
    formats: dict[str, str] = {}
    for kind in KINDS_ASKED:
        suggested = SUGGESTED_FORMATS[kind]
        if not klas.strip():
            suggested = suggested.replace("/{klasifikasi}", "")
        formats[kind] = click.prompt(f"Format nomor {kind}", default=suggested)
    ttd = click.prompt("Tanda tangan bawaan", type=click.Choice(TTD_CHOICES), default="basah")
    jabatan = click.prompt("Jabatan penandatangan bawaan (kosongkan bila berganti-ganti)", default="",
                           show_default=False)
    who: dict[str, str] = {}
    if jabatan.strip():
        who = {"jabatan": jabatan.strip(), "nama": click.prompt("Nama penandatangan").strip()}
        nip = click.prompt("NIP penandatangan (18 angka, boleh kosong)", default="", show_default=False).strip()
        if nip:
            who["nip"] = nip
    if register is None:
        register = click.prompt("Lokasi register nomor (kosongkan untuk bawaan)", default="",
                                show_default=False).strip() or None
    raw: dict[str, Any] = {"kantor": {"nama": nama, "kode_unit": kode},
                           "klasifikasi": [k.strip() for k in klas.split(",") if k.strip()],
                           "format_nomor": formats, "ttd": ttd}
    if who:
        raw["penandatangan"] = who
    return raw, register


@click.group("kantor", help="Konfigurasi kantor: nama, kode unit, kode klasifikasi, format nomor per jenis naskah, "
                            "penandatangan bawaan dan register nomornya. Disimpan di kantor.yaml (folder konfigurasi "
                            "pengguna atau $INTEGRITAS_KONFIG).")
def kantor() -> None:
    pass


@kantor.command("buat", help="Siapkan kantor: tanya-jawab, atau dari file YAML (--dari); membuat register nomor "
                             "kantor bila belum ada.")
@click.option("--dari", "source", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="File YAML berisi kantor, klasifikasi, format_nomor, penandatangan, ttd, kop.")
@click.option("--register", "register", metavar="FILE|URL", help=REGISTER_HELP)
@click.option("--terakhir", "last", type=int, multiple=False,
              help="Lanjutkan dari buku agenda: nomor urut terakhir yang sudah terpakai tahun ini (semua jenis).")
@click.option("--timpa", is_flag=True, help="Ganti konfigurasi kantor yang sudah ada.")
def buat(source: Path | None, register: str | None, last: int | None, timpa: bool) -> None:
    from toolkit.documents.office_register import open_office_register

    target = _config_target()
    if target.exists() and not timpa:
        raise UsageError("konfigurasi kantor sudah ada; lihat dengan 'integritas kantor tampil', ganti dengan "
                         "--timpa.", path=target)
    if source is not None:
        from toolkit.documents.datafile import load_letter_data

        raw = load_letter_data(source).data
        office = office_from_mapping(raw, source)
        register = register or (str(raw["basisdata"]) if raw.get("basisdata") else None)
    else:
        raw, register = _prompt_office(register or _env_register())
        office = office_from_mapping(raw, target)
    register = register or _env_register()
    if register and "://" not in register:  # kantor.yaml is read from anywhere: never a path relative to here
        register = str(Path(register).expanduser().resolve())
    reg = open_office_register(register, create=True)
    try:
        reg.bind_office(office.kode_unit, office.nama, formats=office.format_nomor)
        if last is not None:
            for kind in office.format_nomor:
                reg.set_counter(kind, dt.date.today().year, last)
        where = reg.store.display()
    finally:
        reg.close()
    write_config(office, target, basisdata=register, overwrite=True)
    click.echo(f"Kantor {office.nama} ({office.kode_unit}) disimpan di {target}.")
    click.echo(f"Register nomor kantor: {where}")
    for kind, pattern in office.format_nomor.items():
        click.echo(f"  format {kind}: {pattern}")


@kantor.command("tampil", help="Tampilkan konfigurasi kantor dan register nomornya.")
def tampil() -> None:
    from toolkit.documents.office_register import open_office_register, register_exists

    office = load_office()
    assert office is not None
    click.echo(f"Konfigurasi : {office.path}")
    click.echo(f"Kantor      : {office.nama}")
    click.echo(f"Kode unit   : {office.kode_unit}")
    if office.klasifikasi:
        click.echo("Klasifikasi : " + ", ".join(f"{k}{' (' + v + ')' if v else ''}"
                                                for k, v in office.klasifikasi.items()))
    for kind, pattern in office.format_nomor.items():
        click.echo(f"Format nomor {kind}: {pattern}")
    click.echo(f"Tanda tangan: {office.ttd or 'basah'}")
    if office.penandatangan:
        who = office.penandatangan
        click.echo(f"Penandatangan: {who.get('jabatan', '')} {who.get('nama', '')}".rstrip())
    exists, where = register_exists(_env_register())
    if not exists:
        click.echo(f"Register    : {where} (belum ada; buat dengan 'integritas kantor buat')")
        return
    with open_office_register(_env_register(), office=office) as reg:
        count = len(reg.rows())
    click.echo(f"Register    : {where} ({count} nomor tercatat)")


@kantor.command("format", help="Atur format nomor JENIS (mis. nota-dinas) di konfigurasi dan register kantor; "
                               "isian: {urut} {tahun} {bulan} {bulan_romawi} {kode_unit} {klasifikasi} {keamanan}.")
@click.argument("jenis")
@click.argument("pola")
@click.option("--terakhir", type=int, help="Lanjutkan dari buku agenda: nomor urut terakhir yang terpakai.")
@click.option("--tahun", type=int, help="Tahun untuk --terakhir (bawaan: tahun ini).")
def format_(jenis: str, pola: str, terakhir: int | None, tahun: int | None) -> None:
    set_office_format(jenis, pola, last=terakhir, year=tahun)


def set_office_format(kind: str, pattern: str, *, last: int | None = None, year: int | None = None,
                      register: str | None = None) -> None:
    """One format in kantor.yaml and in the register (shared by every PC using it)."""
    from dataclasses import replace

    from toolkit.config import load_config
    from toolkit.documents.office_register import open_office_register

    office = load_office()
    assert office is not None
    filled = check_format(kind, pattern, office.kode_unit)
    if "{klasifikasi}" in filled and not office.klasifikasi:
        raise UsageError("format ini memakai {klasifikasi}, tetapi kantor belum punya daftar klasifikasi; "
                         "tambahkan 'klasifikasi:' di kantor.yaml.", path=office.path)
    updated = replace(office, format_nomor={**office.format_nomor, kind: filled})
    with open_office_register(register or _env_register(), office=office) as reg:
        reg.bind_office(office.kode_unit, office.nama, formats={kind: filled})
        if last is not None:
            reg.set_counter(kind, year or dt.date.today().year, last)
    assert office.path is not None
    write_config(updated, office.path, basisdata=load_config(office.path).basisdata, overwrite=True)
    click.echo(f"{kind}: {filled}")
