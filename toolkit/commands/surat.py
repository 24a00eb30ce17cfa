"""``integritas surat``: Nota Dinas, Surat Dinas with Lampiran, the reports (monev, kepatuhan, SPI), the register."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from toolkit.documents import kinds as kinds_mod
from toolkit.documents.export import export_register_xlsx
from toolkit.documents.massal import iter_letters, safe_filename
from toolkit.documents.register import NumberRegister
from toolkit.documents.render import load_template, render_batch, render_document
from toolkit.errors import UnreadableInputError, UsageError
from toolkit.indonesian import format_iso_text

REGISTER_ENV = "INTEGRITAS_REGISTER"
DEFAULT_REGISTER = "register-nomor.sqlite"


def _register_path(value: Path | None) -> Path | None:
    """--register or $INTEGRITAS_REGISTER (a single SQLite file or a URL, as in 0.1), else None: the store."""
    if value is not None:
        return value
    env = os.environ.get(REGISTER_ENV)
    return Path(env) if env else None


def _open_register(value: Path | None) -> NumberRegister:
    """The register to number from; refuses to start a new count beside an unmoved 0.1 file here."""
    path = _register_path(value)
    register = NumberRegister(path)
    legacy = Path(DEFAULT_REGISTER)
    if path is None and legacy.is_file() and register.count() == 0:
        register.close()
        raise UsageError(f"register lama {legacy} ada di folder ini, sedangkan register di basis data "
                         f"({register.store.display()}) masih kosong; pindahkan dulu dengan 'integritas basisdata "
                         f"pindah {legacy}', atau pakai --register {legacy}.", path=legacy.absolute())
    return register


def load_data_file(path: Path) -> dict[str, Any]:
    """Letter data from YAML or JSON (a mapping at the top)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UnreadableInputError(f"file data tidak dapat dibaca ({exc.strerror}).", path=path) from exc
    try:
        if path.suffix.lower() == ".json":
            data = json.loads(text)
        else:
            import yaml

            data = yaml.safe_load(text)
    except Exception as exc:  # yaml and json raise their own types
        raise UnreadableInputError(f"file data bukan YAML/JSON yang sah: {exc}", path=path) from exc
    if not isinstance(data, dict):
        raise UnreadableInputError("file data harus berisi pasangan kunci: nilai di tingkat atas.", path=path)
    return data


def _apply_sets(data: dict[str, Any], sets: tuple[str, ...]) -> None:
    for item in sets:
        if "=" not in item:
            raise UsageError(f"--set '{item}' harus berbentuk KUNCI=NILAI (mis. hal=Undangan Rapat).")
        key, value = item.split("=", 1)
        target = data
        parts = key.strip().split(".")
        for part in parts[:-1]:
            nxt = target.setdefault(part, {})
            if not isinstance(nxt, dict):
                raise UsageError(f"--set {key}: '{part}' bukan kelompok isian.")
            target = nxt
        target[parts[-1]] = value


def _common_options(func: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.option("-d", "--data", "data_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                     help="File YAML/JSON berisi data naskah (contoh: `integritas contoh`, folder surat/)."),
        click.option("--set", "sets", multiple=True, metavar="KUNCI=NILAI",
                     help="Isi atau timpa satu isian, mis. --set hal=\"Undangan Rapat\" --set penandatangan.nama=…"),
        click.option("--nomor", help="Nomor naskah; bila kosong diambil dari register penomoran."),
        click.option("--tanggal", help="Tanggal naskah, mis. 2024-04-30 atau \"30 April 2024\"."),
        click.option("--hal", help="Hal/perihal."),
        click.option("--yth", multiple=True, help="Tujuan (boleh diulang untuk beberapa tujuan)."),
        click.option("--tembusan", multiple=True, help="Tembusan (boleh diulang)."),
        click.option("--tanpa-pesan-integritas", is_flag=True,
                     help="Tanpa pesan integritas/antikorupsi/antigratifikasi di akhir naskah (seed 000)."),
        click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
                     help="File .docx yang ditulis (dengan --massal: folder keluaran)."),
        click.option("--register", "register_path", type=click.Path(dir_okay=False, path_type=Path),
                     help=f"Register penomoran: file SQLite tersendiri atau URL (bawaan: ${REGISTER_ENV}, "
                          "lalu basis data kantor, lihat --basisdata)."),
        click.option("--jenis-nomor", help="Jenis nomor di register (bawaan: jenis naskah)."),
        click.option("--pdf", is_flag=True, help="Juga buat PDF lewat LibreOffice headless."),
        click.option("--massal", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                     help="Workbook: satu naskah per baris (kolom = nama isian)."),
        click.option("--templat", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                     help="Templat .docx lain (bawaan: templat yang ikut terpasang)."),
        click.option("--timpa", is_flag=True, help="Boleh menimpa file keluaran yang sudah ada."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _collect(data_file: Path | None, sets: tuple[str, ...], nomor: str | None, tanggal: str | None,
             hal: str | None, yth: tuple[str, ...], tembusan: tuple[str, ...], no_message: bool) -> dict[str, Any]:
    data = load_data_file(data_file) if data_file else {}
    for key, value in (("nomor", nomor), ("tanggal", tanggal), ("hal", hal)):
        if value:
            data[key] = value
    if yth:
        data["yth"] = list(yth)
    if tembusan:
        data["tembusan"] = list(tembusan)
    _apply_sets(data, sets)
    if no_message:
        data["pesan_integritas"] = False
    return data


def _run(kind: str, data: dict[str, Any], *, output: Path, register_path: Path | None, jenis_nomor: str | None,
         pdf: bool, massal: Path | None, templat: Path | None, timpa: bool) -> None:
    register: NumberRegister | None = None
    if massal is None:
        if output.suffix.lower() != ".docx":
            raise UsageError("keluaran harus berakhiran .docx.", path=output)
        if output.exists() and not timpa:
            raise UsageError("file sudah ada; pakai --timpa atau pilih nama lain.", path=output)
        if not str(data.get("nomor") or "").strip():
            register = _open_register(register_path)
        try:
            issued = render_document(kind, data, output, register=register, pdf=pdf, template=templat,
                                     letter_type=jenis_nomor)
        finally:
            if register is not None:
                register.close()
        click.echo(f"{kinds_mod.get_kind(kind).title} nomor {issued.nomor} ditulis ke {issued.path}")
        if issued.pdf:
            click.echo(f"PDF: {issued.pdf}")
        return
    _run_massal(kind, data, output=output, register_path=register_path, pdf=pdf, massal=massal,
                templat=templat, timpa=timpa)


def _run_massal(kind: str, base: dict[str, Any], *, output: Path, register_path: Path | None, pdf: bool,
                massal: Path, templat: Path | None, timpa: bool) -> None:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    loaded = load_template(kind, templat)
    allowed = set(loaded.variables.names) | {"nomor"}
    letters = list(iter_letters(base, massal, allowed))
    if not letters:
        raise UsageError("workbook massal tidak berisi baris data.", path=massal)
    names = []
    for i, (_row, name, _data) in enumerate(letters, start=1):
        stem = safe_filename(name) if name else f"{kind}-{i:04d}"
        names.append(stem if stem.endswith(".docx") else stem + ".docx")
    if len(set(names)) != len(names):
        raise UsageError("nama_file di workbook massal tidak unik.", path=massal)
    existing = [n for n in names if (output / n).exists()]
    if existing and not timpa:
        raise UsageError(f"{len(existing)} file keluaran sudah ada (mis. {existing[0]}); pakai --timpa.",
                         path=output)
    given = [str(d.get("nomor")).strip() for _r, _n, d in letters if str(d.get("nomor") or "").strip()]
    if len(set(given)) != len(given):
        raise UsageError("nomor naskah di data massal tidak unik; kosongkan 'nomor' agar diambil dari register.",
                         path=massal)
    need_register = any(not str(d.get("nomor") or "").strip() for _r, _n, d in letters)
    register = _open_register(register_path) if need_register else None
    try:
        with Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                      TimeElapsedColumn(), transient=False) as progress:
            task = progress.add_task("Membuat naskah", total=len(letters))
            issued = render_batch(kind, [d for _r, _n, d in letters], output,
                                  name=lambda i, _row: names[i - 1], register=register, pdf=False,
                                  template=templat, progress=lambda n: progress.advance(task, n),
                                  label=lambda i: f"baris {letters[i - 1][0]}", source=massal)
            if pdf:
                from toolkit.office import convert_parallel

                ptask = progress.add_task("Konversi PDF (LibreOffice)", total=None)
                convert_parallel([d.path for d in issued], "pdf", output)
                progress.update(ptask, total=1, completed=1)
    finally:
        if register is not None:
            register.close()
    click.echo(f"{len(issued)} naskah ditulis ke {output}" + (" (dengan PDF)" if pdf else ""))


@click.group("surat", help="Naskah dinas dari templat: Nota Dinas, Surat Dinas (dengan Lampiran), laporan (Monev ZI, "
                           "Kepatuhan Kegiatan Penguatan Integritas, Progres Tindak Lanjut SPI); register penomoran.")
def surat() -> None:
    pass


@surat.command("nota-dinas", help="Buat Nota Dinas (tata letak seed 000).")
@_common_options
def nota_dinas(data_file: Path | None, sets: tuple[str, ...], nomor: str | None, tanggal: str | None,
               hal: str | None, yth: tuple[str, ...], tembusan: tuple[str, ...], tanpa_pesan_integritas: bool,
               output: Path, register_path: Path | None, jenis_nomor: str | None, pdf: bool,
               massal: Path | None, templat: Path | None, timpa: bool) -> None:
    data = _collect(data_file, sets, nomor, tanggal, hal, yth, tembusan, tanpa_pesan_integritas)
    _run("nota-dinas", data, output=output, register_path=register_path, jenis_nomor=jenis_nomor, pdf=pdf,
         massal=massal, templat=templat, timpa=timpa)


@surat.command("surat-dinas", help="Buat Surat Dinas (tata letak seed 004), boleh dengan Lampiran I dan II SPI.")
@_common_options
@click.option("--lampiran-spi", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Workbook tindak-lanjut-spi: mengisi Lampiran I dan Lampiran II (per tingkat risiko).")
def surat_dinas(data_file: Path | None, sets: tuple[str, ...], nomor: str | None, tanggal: str | None,
                hal: str | None, yth: tuple[str, ...], tembusan: tuple[str, ...], tanpa_pesan_integritas: bool,
                output: Path, register_path: Path | None, jenis_nomor: str | None, pdf: bool,
                massal: Path | None, templat: Path | None, timpa: bool, lampiran_spi: Path | None) -> None:
    data = _collect(data_file, sets, nomor, tanggal, hal, yth, tembusan, tanpa_pesan_integritas)
    if lampiran_spi:
        from toolkit.documents.spi import spi_lampiran_from_path

        for key, value in spi_lampiran_from_path(lampiran_spi).items():
            data.setdefault(key, value)
    _run("surat-dinas", data, output=output, register_path=register_path, jenis_nomor=jenis_nomor, pdf=pdf,
         massal=massal, templat=templat, timpa=timpa)


@surat.command("laporan", help="Buat laporan dari workbook; jenisnya mengikuti workbook: rencana-aksi-zi → Laporan "
                               "Monev ZI (seed 001 BAB IV, boleh dengan Penilaian LKE ZI), kalender-integritas → "
                               "Laporan Kepatuhan Kegiatan Penguatan Integritas (per triwulan), tindak-lanjut-spi → "
                               "Laporan Progres Tindak Lanjut SPI.")
@_common_options
@click.option("-w", "--workbook", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True,
              help="Workbook rencana-aksi-zi, kalender-integritas atau tindak-lanjut-spi.")
@click.option("--jenis", "jenis", help="Paksa jenis laporan: monev, kepatuhan atau spi (bawaan: dari workbook).")
@click.option("--triwulan", help="Triwulan laporan (TW I–TW IV); bawaan: Periode Laporan di Identitas.")
@click.option("--per-tanggal", "per_tanggal", help="Laporan SPI/kepatuhan: keadaan per tanggal ini "
                                                   "(bawaan SPI: Tanggal Pengisian di Identitas).")
@click.option("--lke", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Laporan monev: workbook LKE ZI; menambah bagian Penilaian LKE ZI (nilai, predikat WBK/WBBM, "
                   "kekurangan dan pertanyaan yang paling menaikkan nilai).")
@click.option("--sudah-wbk", is_flag=True, help="Dengan --lke: unit telah ditetapkan WBK (syarat WBBM).")
def laporan(data_file: Path | None, sets: tuple[str, ...], nomor: str | None, tanggal: str | None,
            hal: str | None, yth: tuple[str, ...], tembusan: tuple[str, ...], tanpa_pesan_integritas: bool,
            output: Path, register_path: Path | None, jenis_nomor: str | None, pdf: bool,
            massal: Path | None, templat: Path | None, timpa: bool, workbook: Path, jenis: str | None,
            triwulan: str | None, per_tanggal: str | None, lke: Path | None, sudah_wbk: bool) -> None:
    from toolkit.documents.laporan import report_data_from_path
    from toolkit.indonesian import parse_quarter, parse_tanggal

    quarter = None
    if triwulan:
        quarter = parse_quarter(triwulan)
        if quarter is None:
            raise UsageError(f"--triwulan '{triwulan}' tidak dikenal (contoh: TW II).")
    as_of = None
    if per_tanggal:
        as_of = parse_tanggal(per_tanggal)
        if as_of is None:
            raise UsageError(f"--per-tanggal '{per_tanggal}' bukan tanggal (contoh: 2024-09-30 atau "
                             "\"30 September 2024\").")
    if hal or yth:
        raise UsageError("laporan tidak memakai --hal atau --yth.")
    if sudah_wbk and lke is None:
        raise UsageError("--sudah-wbk hanya berlaku bersama --lke.")
    data = _collect(data_file, sets, nomor, tanggal, None, (), tembusan, tanpa_pesan_integritas)
    kind, report = report_data_from_path(workbook, jenis=jenis, quarter=quarter, as_of=as_of, lke=lke,
                                         has_wbk=True if sudah_wbk else None)
    for key, value in report.items():
        data.setdefault(key, value)
    _run(kind, data, output=output, register_path=register_path, jenis_nomor=jenis_nomor, pdf=pdf,
         massal=massal, templat=templat, timpa=timpa)


@surat.command("daftar", help="Tampilkan register nomor yang sudah terbit; --xlsx mengekspornya.")
@click.option("--register", "register_path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--jenis", help="Hanya jenis naskah ini (mis. nota-dinas).")
@click.option("--tahun", type=int, help="Hanya tahun ini.")
@click.option("--xlsx", "xlsx", type=click.Path(dir_okay=False, path_type=Path), help="Ekspor ke file .xlsx.")
@click.option("--timpa", is_flag=True, help="Boleh menimpa file --xlsx yang sudah ada.")
def daftar(register_path: Path | None, jenis: str | None, tahun: int | None, xlsx: Path | None,
           timpa: bool) -> None:
    path = _register_path(register_path)
    if path is not None and "://" not in str(path) and not path.exists():
        raise UsageError("register penomoran belum ada (belum ada nomor yang terbit).", path=path)
    with NumberRegister(path) as register:
        rows = register.issued(letter_type=jenis, year=tahun)
    for row in rows:
        click.echo(f"{row.nomor}\t{format_iso_text(str(row.tanggal))}\t{row.jenis}\t{row.status}\t{row.hal}\t{row.tujuan}\t{row.file}")
    click.echo(f"{len(rows)} nomor.")
    if xlsx:
        if xlsx.suffix.lower() != ".xlsx":
            raise UsageError("ekspor ditulis sebagai .xlsx.", path=xlsx)
        if xlsx.exists() and not timpa:
            raise UsageError("file sudah ada; pakai --timpa untuk menimpa atau pilih nama lain.", path=xlsx)
        export_register_xlsx(rows, xlsx, overwrite=timpa)
        click.echo(f"Register diekspor ke {xlsx}")


@surat.command("format-nomor", help="Atur format nomor JENIS, mis. 'ND-{urut}/PB.1/{tahun}'; "
                                    "isian: {urut} {tahun} {bulan} {bulan_romawi} {kode}.")
@click.argument("jenis")
@click.argument("pola", required=False)
@click.option("--register", "register_path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--terakhir", type=int, help="Lanjutkan dari buku register lama: nomor urut terakhir yang terpakai.")
@click.option("--tahun", type=int, help="Tahun untuk --terakhir.")
def format_nomor(jenis: str, pola: str | None, register_path: Path | None, terakhir: int | None,
                 tahun: int | None) -> None:
    with _open_register(register_path) as register:
        if pola:
            register.set_format(jenis, pola)
        if terakhir is not None:
            if tahun is None:
                raise UsageError("--terakhir perlu --tahun.")
            register.set_counter(jenis, tahun, terakhir)
        click.echo(f"{jenis}: {register.get_format(jenis)}")


@surat.command("variabel", help="Daftar variabel templat JENIS (nota-dinas, surat-dinas, laporan-monev, "
                                 "laporan-kepatuhan, laporan-spi).")
@click.argument("jenis", type=click.Choice(sorted(kinds_mod.KINDS)))
@click.option("--templat", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def variabel(jenis: str, templat: Path | None) -> None:
    loaded = load_template(jenis, templat)
    kind = kinds_mod.get_kind(jenis)
    for line in loaded.variables.describe():
        name = line.split(" ", 1)[0]
        mark = "*" if name in kind.required or name == "nomor" else " "
        default = "" if name not in kind.defaults else "  (ada nilai bawaan)"
        click.echo(f"{mark} {line}{default}")
    click.echo("* wajib; nomor boleh kosong bila diambil dari register.")
