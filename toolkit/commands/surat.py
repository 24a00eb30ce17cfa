"""``integritas surat``: Nota Dinas, Surat Dinas with Lampiran, the reports (monev, kepatuhan, SPI), the register."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from toolkit.commands.register_access import office_register
from toolkit.documents import kinds as kinds_mod
from toolkit.documents.datafile import FieldError, LetterData, load_letter_data, locate
from toolkit.documents.fields import check_letter_fields
from toolkit.documents.massal import iter_letters, safe_filename
from toolkit.documents.render import load_template, render_batch, render_document
from toolkit.errors import UsageError
from toolkit.kantor import Office, load_office

REGISTER_HELP = ("Register nomor kantor: file SQLite atau URL postgresql://… (bawaan: register kantor — "
                 "--basisdata, $INTEGRITAS_BASISDATA, basisdata: di kantor.yaml, lalu folder data pengguna).")


def _apply_office(data: dict[str, Any], office: Office) -> None:
    office.apply_defaults(data)


def load_data_file(path: Path) -> dict[str, Any]:
    """Letter data from YAML or JSON (a mapping at the top); errors name file, line and column."""
    return load_letter_data(path).data


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
        click.option("--register", "register_path", metavar="FILE|URL", help=REGISTER_HELP),
        click.option("--jenis-nomor", help="Jenis nomor di register (bawaan: jenis naskah)."),
        click.option("--pdf", is_flag=True, help="Juga buat PDF lewat LibreOffice headless."),
        click.option("--massal", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                     help="Workbook: satu naskah per baris (kolom = nama isian)."),
        click.option("--templat", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                     help="Templat .docx lain (bawaan: templat yang ikut terpasang)."),
        click.option("--timpa", is_flag=True, help="Boleh menimpa file keluaran yang sudah ada."),
        click.option("--lampiran", "lampiran", multiple=True, metavar="FILE.xlsx[#SHEET[!A1:H40]]",
                     help="Lampiran berupa tabel dari sheet atau rentang workbook (boleh diulang); baris judul "
                          "kolom diulang di setiap halaman."),
        click.option("--lampiran-unit-lain", "lampiran_unit_lain", is_flag=True,
                     help="Izinkan Lampiran dari workbook yang Identitas-nya menyebut unit lain dari pengirim."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _collect(data_file: Path | None, sets: tuple[str, ...], nomor: str | None, tanggal: str | None,
             hal: str | None, yth: tuple[str, ...], tembusan: tuple[str, ...], no_message: bool) -> LetterData:
    letter = load_letter_data(data_file) if data_file else LetterData({})
    data = letter.data
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
    return letter


def _check_fields(kind: str, letter: LetterData, templat: Path | None) -> None:
    """Misspelled or mistyped fields at any depth, with their line, before anything is numbered."""
    loaded = load_template(kind, templat)
    try:
        check_letter_fields(letter.data, loaded.variables.names, loaded.variables.attributes)
    except FieldError as exc:
        raise locate(exc, letter) from None


def _run(kind: str, letter: LetterData, *, output: Path, register_path: str | None, jenis_nomor: str | None,
         pdf: bool, massal: Path | None, templat: Path | None, timpa: bool,
         lampiran: tuple[str, ...] = (), other_unit: bool = False, unit_checked: tuple[Path, ...] = ()) -> None:
    try:
        _run_checked(kind, letter, output=output, register_path=register_path, jenis_nomor=jenis_nomor, pdf=pdf,
                     massal=massal, templat=templat, timpa=timpa, lampiran=lampiran, other_unit=other_unit,
                     unit_checked=unit_checked)
    except FieldError as exc:
        raise locate(exc, letter) from None


def _run_checked(kind: str, letter: LetterData, *, output: Path, register_path: str | None,
                 jenis_nomor: str | None, pdf: bool, massal: Path | None, templat: Path | None,
                 timpa: bool, lampiran: tuple[str, ...] = (), other_unit: bool = False,
                 unit_checked: tuple[Path, ...] = ()) -> None:
    data = letter.data
    office = load_office(required=False)
    if office is not None:
        _apply_office(data, office)
    _lampiran(data, office, lampiran, unit_checked, other_unit=other_unit)
    if massal is None:  # the letter's own errors first, then the office's
        kinds_mod.prepare_context(kinds_mod.get_kind(kind), data, need_nomor=False)
    if office is None:
        office = load_office()
        assert office is not None
    if massal is not None:
        _run_massal(kind, data, office, output=output, register_path=register_path, pdf=pdf, massal=massal,
                    templat=templat, timpa=timpa)
        return
    if output.suffix.lower() != ".docx":
        raise UsageError("keluaran harus berakhiran .docx.", path=output)
    if output.exists() and not timpa:
        raise UsageError("file sudah ada; pakai --timpa atau pilih nama lain.", path=output)
    _office, register = office_register(register_path, office)
    try:
        issued = render_document(kind, data, output, register=register, pdf=pdf, template=templat,
                                 letter_type=jenis_nomor)
    finally:
        register.close()
    given = bool(str(data.get("nomor") or "").strip())
    how = "diketik, dicatat di register" if given else "dari register"
    click.echo(f"{kinds_mod.get_kind(kind).title} nomor {issued.nomor} ({how}) ditulis ke {issued.path}")
    if issued.pdf:
        click.echo(f"PDF: {issued.pdf}")
    if issued.warning:
        click.echo(f"Peringatan: {issued.warning}", err=True)


def _lampiran(data: dict[str, Any], office: Office | None, specs: tuple[str, ...], checked: tuple[Path, ...], *,
              other_unit: bool) -> None:
    """Lampiran tables from workbooks; a workbook of another unit than the sender is refused unless allowed."""
    from toolkit.documents.lampiran import check_unit, parse_spec, read_table

    kop: dict[str, Any] = data["kop"] if isinstance(data.get("kop"), dict) else {}
    names = [office.nama] if office else []
    names += [str(x) for x in (kop.get("hierarki") or [])] + [str(data.get("dari") or "")]
    code = office.kode_unit if office else None
    for path in checked:
        check_unit(path, names, code, allow_other=other_unit)
    tables = []
    for spec in specs:
        path, sheet, cells = parse_spec(spec)
        check_unit(path, names, code, allow_other=other_unit)
        tables.append(read_table(path, sheet, cells))
    if tables:
        data["lampiran_tabel"] = [*(data.get("lampiran_tabel") or []), *tables]


def _run_massal(kind: str, base: dict[str, Any], office: Office, *, output: Path, register_path: str | None,
                pdf: bool, massal: Path, templat: Path | None, timpa: bool) -> None:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from toolkit.documents.fields import INPUT_ONLY

    loaded = load_template(kind, templat)
    allowed = set(loaded.variables.names) | set(INPUT_ONLY)
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
    for row, _n, d in letters:  # every row checked before the first number is taken
        try:
            kinds_mod.prepare_context(kinds_mod.get_kind(kind), d, need_nomor=False)
        except UsageError as exc:
            raise UsageError(f"baris {row}: {exc.message}", path=massal) from None
    _office, register = office_register(register_path, office)
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
                pdfs = convert_parallel([d.path for d in issued], "pdf", output)
                for doc, made in zip(issued, pdfs, strict=True):
                    register.archive_pdf(doc.nomor, made.read_bytes())
                progress.update(ptask, total=1, completed=1)
    finally:
        register.close()
    click.echo(f"{len(issued)} naskah ditulis ke {output}" + (" (dengan PDF)" if pdf else ""))
    for doc in issued:
        if doc.warning:
            click.echo(f"Peringatan {doc.nomor}: {doc.warning}", err=True)


@click.group("surat", help="Naskah dinas dari templat: Nota Dinas, Surat Dinas (dengan Lampiran), laporan (Monev ZI, "
                           "Kepatuhan Kegiatan Penguatan Integritas, Progres Tindak Lanjut SPI); register penomoran.")
def surat() -> None:
    pass


@surat.command("nota-dinas", help="Buat Nota Dinas (tata letak seed 000).")
@_common_options
def nota_dinas(data_file: Path | None, sets: tuple[str, ...], nomor: str | None, tanggal: str | None,
               hal: str | None, yth: tuple[str, ...], tembusan: tuple[str, ...], tanpa_pesan_integritas: bool,
               output: Path, register_path: str | None, jenis_nomor: str | None, pdf: bool,
               massal: Path | None, templat: Path | None, timpa: bool, lampiran: tuple[str, ...],
               lampiran_unit_lain: bool) -> None:
    letter = _collect(data_file, sets, nomor, tanggal, hal, yth, tembusan, tanpa_pesan_integritas)
    _check_fields("nota-dinas", letter, templat)
    _run("nota-dinas", letter, output=output, register_path=register_path, jenis_nomor=jenis_nomor, pdf=pdf,
         massal=massal, templat=templat, timpa=timpa, lampiran=lampiran, other_unit=lampiran_unit_lain)


@surat.command("surat-dinas", help="Buat Surat Dinas (tata letak seed 004), boleh dengan Lampiran I dan II SPI.")
@_common_options
@click.option("--lampiran-spi", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Workbook tindak-lanjut-spi: mengisi Lampiran I dan Lampiran II (per tingkat risiko).")
def surat_dinas(data_file: Path | None, sets: tuple[str, ...], nomor: str | None, tanggal: str | None,
                hal: str | None, yth: tuple[str, ...], tembusan: tuple[str, ...], tanpa_pesan_integritas: bool,
                output: Path, register_path: str | None, jenis_nomor: str | None, pdf: bool,
                massal: Path | None, templat: Path | None, timpa: bool, lampiran: tuple[str, ...],
                lampiran_unit_lain: bool, lampiran_spi: Path | None) -> None:
    letter = _collect(data_file, sets, nomor, tanggal, hal, yth, tembusan, tanpa_pesan_integritas)
    _check_fields("surat-dinas", letter, templat)
    if lampiran_spi:
        from toolkit.documents.spi import spi_lampiran_from_path

        for key, value in spi_lampiran_from_path(lampiran_spi).items():
            letter.data.setdefault(key, value)
    _run("surat-dinas", letter, output=output, register_path=register_path, jenis_nomor=jenis_nomor, pdf=pdf,
         massal=massal, templat=templat, timpa=timpa, lampiran=lampiran, other_unit=lampiran_unit_lain,
         unit_checked=(lampiran_spi,) if lampiran_spi else ())


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
            output: Path, register_path: str | None, jenis_nomor: str | None, pdf: bool,
            massal: Path | None, templat: Path | None, timpa: bool, lampiran: tuple[str, ...],
            lampiran_unit_lain: bool, workbook: Path, jenis: str | None,
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
    letter = _collect(data_file, sets, nomor, tanggal, None, (), tembusan, tanpa_pesan_integritas)
    kind, report = report_data_from_path(workbook, jenis=jenis, quarter=quarter, as_of=as_of, lke=lke,
                                         has_wbk=True if sudah_wbk else None)
    _check_fields(kind, letter, templat)
    for key, value in report.items():
        letter.data.setdefault(key, value)
    _run(kind, letter, output=output, register_path=register_path, jenis_nomor=jenis_nomor, pdf=pdf,
         massal=massal, templat=templat, timpa=timpa, lampiran=lampiran, other_unit=lampiran_unit_lain)


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


def _add_register_commands() -> None:
    from toolkit.commands.surat_register import add_register_commands

    add_register_commands(surat)


_add_register_commands()
