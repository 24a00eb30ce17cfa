"""``integritas checklist``: fill the evidence checklist of a workbook, or verify a received folder."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from toolkit.commands.options import date_option
from toolkit.errors import EXIT_FINDINGS, UsageError
from toolkit.indonesian import format_persen


@click.command("checklist", help=(
    "Isi Checklist Bukti (data dukung) untuk WORKBOOK dari file di folder --bukti: setiap kebutuhan "
    "bukti berstatus Ada / Tidak Ada / Perlu Dicek, dengan file yang cocok dan alasannya. Hasil ditulis "
    "ke salinan workbook <nama>.checklist.xlsx(m) berisi sheet Checklist Bukti, Kelengkapan dan File Lain "
    "(workbook unit tidak diubah; makro, tombol dan daftar pilihan tetap utuh di salinan) beserta manifest "
    "(<nama>.checklist.manifest.json/.csv) untuk verifikasi kantor pusat. Dengan --verifikasi MANIFEST, "
    "periksa apakah folder --bukti sama dengan yang tercatat di manifest."))
@click.argument("workbook", required=False, type=click.Path(path_type=Path, readable=False))
@click.option("--bukti", "bukti", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder bukti unit, mis. bukti/ (contoh susunannya: bukti/komdigi-2026 dari `integritas contoh`).")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path),
              help="File salinan hasil, berekstensi sama dengan workbook (bawaan: <workbook>.checklist.xlsx "
                   "atau .xlsm di samping workbook).")
@click.option("--json", "as_json", is_flag=True, help="Cetak hasil sebagai JSON ke stdout (untuk mesin).")
@click.option("--per-tanggal", "as_of", callback=date_option, metavar="TANGGAL",
              help="Batas tanggal pemeriksaan; bawaan: akhir Periode Laporan di sheet Identitas.")
@click.option("--lke", "include_lke", is_flag=True, help="Sertakan data dukung seluruh indikator LKE ZI.")
@click.option("--verifikasi", "manifest", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="Bandingkan folder --bukti dengan MANIFEST yang dikirim unit.")
@click.option("--tanpa-manifest", is_flag=True, help="Jangan tulis manifest.")
@click.option("--timpa", is_flag=True, help="Boleh menimpa file hasil yang sudah ada.")
def checklist(workbook: Path | None, bukti: Path, output: Path | None, as_json: bool, as_of: dt.date | None,
              include_lke: bool, manifest: Path | None, tanpa_manifest: bool, timpa: bool) -> None:
    from toolkit.evidence import build_checklist, checklist_json, verify_manifest, write_checklist_copy
    from toolkit.evidence.manifest import write_manifest
    from toolkit.evidence.writer import default_output
    from toolkit.workbook.bounds import time_budget

    ctx = click.get_current_context()
    if manifest is not None:
        v = verify_manifest(manifest, bukti)
        if as_json:
            click.echo(json.dumps(v.to_dict(), ensure_ascii=False, indent=2))
        else:
            for line in v.lines():
                click.echo(line)
            click.echo(f"{v.matched} file cocok dengan manifest; " +
                       ("folder SAMA dengan manifest." if v.ok else f"{len(v.lines())} perbedaan."))
        ctx.exit(0 if v.ok else EXIT_FINDINGS)
    if workbook is None:
        raise UsageError("sebutkan WORKBOOK (atau pakai --verifikasi MANIFEST).")
    if not workbook.exists():
        raise UsageError("workbook tidak ditemukan.", path=workbook)
    out = output or default_output(workbook)
    if out.exists() and not timpa:
        raise UsageError(f"file hasil sudah ada; pakai --timpa atau -o NAMA_LAIN{workbook.suffix.lower()}.",
                         path=out)
    if out.suffix.lower() != workbook.suffix.lower():
        raise UsageError(f"file hasil adalah salinan workbook, jadi harus berekstensi {workbook.suffix.lower()} "
                         "seperti aslinya.", path=out)
    result = build_checklist(workbook, bukti, as_of=as_of, include_lke=include_lke)
    with time_budget(workbook):  # the copy of the unit's workbook within the file's time budget
        written = write_checklist_copy(workbook, result, out, overwrite=timpa)
    manifests = () if tanpa_manifest else write_manifest(result.scan, written, workbook=workbook)
    if as_json:
        click.echo(checklist_json(result))
    else:
        click.echo(result.summary_line())
        for area, pct in result.by_area().items():
            click.echo(f"  {area}: {format_persen(pct)}")
        for it in result.items:
            if it.status != "Ada":
                click.echo(f"  [{it.status}] {it.requirement.id} {it.requirement.name}: {it.reason}")
        if result.unmatched:
            click.echo(f"  {len(result.unmatched)} file tidak dikenali (lihat sheet File Lain).")
        for rel, why in result.damaged():
            click.echo(f"  tidak terbaca (tidak dihitung sebagai bukti): {rel}: {why}")
        for s in result.skipped:
            click.echo(f"  dilewati: {s.rel}: {s.reason}")
        for note in result.notes:
            click.echo(f"  catatan: {note}")
        click.echo(f"Checklist ditulis ke {written} (salinan workbook dengan sheet Checklist Bukti; "
                   f"{workbook.name} tidak diubah).")
        for m in manifests:
            click.echo(f"Manifest: {m}")
    ctx.exit(0 if not result.missing() and not result.to_check() else EXIT_FINDINGS)
