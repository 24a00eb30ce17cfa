"""``--surat``: one Nota Dinas per unit with its findings and missing evidence.

Letters are rendered by the documents capability (``render_document("nota-dinas", …)``,
the seed 000 layout, never a letter with an unfilled field) and numbered from its
``NumberRegister`` (SQLite, safe for two people at once). The sender's part of the
letter (kop, Dari, penandatangan, tembusan) comes from a small YAML file
(``--pengirim``, example: ``samples/rekap/pengirim.yaml``); the unit's part from the
recap: its findings (from the workers' spills) and the evidence it still owes.

A unit that sent nothing gets a reminder; an accepted unit gets its figures, its
findings (the first ``MAX_ITEMS`` listed, the rest counted and pointed to REKAP.xlsx)
and the activities without evidence.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from toolkit.documents import build_nota_dinas_data, render_document
from toolkit.documents.office_register import open_office_register
from toolkit.documents.render import check_renderable, failure_reason, load_template
from toolkit.documents.wording import for_document
from toolkit.errors import ToolkitError, UnreadableInputError, UsageError
from toolkit.indonesian import format_persen, format_tanggal
from toolkit.kantor import load_office
from toolkit.rekap.extract import load_spill
from toolkit.rekap.merge import RekapResult, UnitStatus
from toolkit.workbook.atomic import atomic_output, free_path
from toolkit.yamlfile import read_json, read_yaml

MAX_ITEMS = 25
SENDER_KEYS = ("kop", "dari", "penandatangan")


def load_sender(path: str | Path) -> dict[str, Any]:
    """The sender's fixed part of every letter: kop, dari, penandatangan (+ tembusan, sifat, kode)."""
    p = Path(path)
    data = read_yaml(p, what="data pengirim", error=UnreadableInputError)
    if not isinstance(data, Mapping):
        raise UsageError("data pengirim harus berisi kop, dari dan penandatangan.", path=p)
    missing = [k for k in SENDER_KEYS if not data.get(k)]
    if missing:
        raise UsageError(f"data pengirim belum berisi: {', '.join(missing)}.", path=p)
    return dict(data)


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-") or "unit"


def _more(items: list[str], total: int, what: str) -> list[str]:
    shown = items[:MAX_ITEMS]
    if total > len(shown):
        shown.append(f"dan {total - len(shown)} {what} lainnya (rincian pada REKAP.xlsx).")
    return shown


def letter_body(result: RekapResult, us: UnitStatus) -> tuple[str, list[Any]]:
    """(pembuka, isi) of the letter to one unit."""
    title = result.schema.title
    period = result.period_label()
    sub = us.submission
    if sub is None:
        deadline = f" yang batas kirimnya {format_tanggal(us.deadline)}" if us.deadline else ""
        return (f"Berdasarkan rekapitulasi {title} periode {period} per {format_tanggal(result.generated_at)}, "
                "dengan hormat disampaikan hal-hal sebagai berikut:",
                [f"Sampai dengan tanggal rekapitulasi, workbook {title} periode {period}{deadline} "
                 f"dari {us.unit.nama} belum kami terima.",
                 *[f"Catatan: {for_document(n)}." for n in us.notes],
                 "Mohon workbook tersebut segera diisi sesuai templat, divalidasi (tombol Validasi pada "
                 "workbook), lalu dikirimkan kepada kami."])
    spill = load_spill(sub.spill)
    # findings speak to the person at the terminal; the letter goes to a unit: no command words in it
    findings = [f"Sheet {f.sheet}{' sel ' + f.cell if f.cell else ''}: {for_document(f.message)}"
                for f in spill.findings]
    isi: list[Any] = []
    figures = [f"progres rata-rata {format_persen(sub.progress_total)}" if sub.progress_total is not None else "",
               f"kelengkapan bukti {format_persen(sub.evidence_pct)}" if sub.evidence_pct is not None else ""]
    text = ", ".join(x for x in figures if x)
    on_time = {True: "tepat waktu", False: "melewati batas kirim", None: ""}[us.on_time]
    isi.append(f"Workbook {sub.name} telah kami terima{(' ' + on_time) if on_time else ''} dan direkap"
               f"{'; ' + text if text else ''}.")
    if findings:
        isi.append({"teks": f"Hasil validasi menunjukkan {sub.n_errors} galat dan {sub.n_warnings} peringatan "
                            "yang perlu diperbaiki, antara lain:",
                    "sub": _more(findings, len(findings), "temuan")})
    else:
        isi.append("Hasil validasi tidak menunjukkan temuan.")
    if spill.evidence_missing:
        isi.append({"teks": "Data dukung (bukti) yang belum tersedia untuk kegiatan berikut:",
                    "sub": _more(list(spill.evidence_missing), len(spill.evidence_missing), "kegiatan")})
    if findings or spill.evidence_missing:
        isi.append("Mohon perbaikan dan kelengkapan data dukung disampaikan kembali melalui workbook yang "
                   "telah diperbaiki dan divalidasi.")
    return (f"Berdasarkan rekapitulasi {title} periode {period}, dengan hormat disampaikan hal-hal "
            "sebagai berikut:", isi)


INDEX_NAME = ".indeks-surat-rekap.json"  # in the letters folder: which letter answers which submission
INDEX_MAX_BYTES = 64 * 1024 * 1024


def letter_key(result: RekapResult, us: UnitStatus, sender: Mapping[str, Any] | None = None) -> str:
    """One letter per unit per submission and sender: the same workbook (sha256) in the same period, from
    the same sender data (kop, dari, penandatangan …), gets the same letter; a corrected sender makes
    new letters."""
    basis = us.submission.sha256 if us.submission is not None else "belum-mengirim"
    who = hashlib.sha256(json.dumps(sender or {}, sort_keys=True, default=str).encode()).hexdigest()[:16]
    return f"{result.schema.kind}|{result.period_label()}|{us.unit.kode}|{basis}|{who}"


class LetterBatch(list[Path]):
    """The letters of one run (every unit's), with how many were made now, written again from the
    register's archive, or already in the folder."""

    def __init__(self) -> None:
        super().__init__()
        self.new = self.restored = self.present = 0

    def summary(self) -> str:
        parts = [f"{self.new} baru"] if self.new else []
        if self.restored:
            parts.append(f"{self.restored} ditulis ulang dari arsip register (nomor yang sama)")
        if self.present:
            parts.append(f"{self.present} sudah ada (tidak diterbitkan lagi)")
        return f"{len(self)} surat" + (f" ({', '.join(parts)})" if parts else "")


def _load_index(folder: Path) -> dict[str, dict[str, str]]:
    p = folder / INDEX_NAME
    if not p.exists() and not p.is_symlink():
        return {}
    try:
        data = read_json(p, what="indeks surat rekap", error=UsageError, max_bytes=INDEX_MAX_BYTES)
    except UsageError as exc:
        raise UsageError(f"{exc.message.rstrip('.')}; periksa atau hapus file ini (surat yang sudah ada tidak "
                         "terhapus).", path=p) from exc
    return {str(k): v for k, v in data.items() if isinstance(v, dict)} if isinstance(data, dict) else {}


def _save_index(folder: Path, index: dict[str, dict[str, str]]) -> None:
    p = folder / INDEX_NAME
    text = json.dumps(index, ensure_ascii=False, indent=1, sort_keys=True)
    if p.exists() and p.read_text(encoding="utf-8") == text:
        return
    with atomic_output(p, overwrite=True) as tmp:
        tmp.write_text(text, encoding="utf-8")


def _letter_data(result: RekapResult, us: UnitStatus, who: Mapping[str, Any], pembuka: str, isi: list[Any],
                 nomor: str | None) -> dict[str, Any]:
    extra = {k: v for k, v in who.items() if k not in (*SENDER_KEYS, "kode")}
    return build_nota_dinas_data(
        kop=who["kop"], yth=f"Kepala {us.unit.nama}", dari=str(who["dari"]),
        hal=f"Hasil Rekapitulasi {result.schema.title} Periode {result.period_label()}",
        tanggal=result.generated_at.date(), isi=isi, penandatangan=who["penandatangan"],
        pembuka=pembuka, nomor=nomor, **extra)


def _check(loaded: Any, us: UnitStatus, data: Mapping[str, Any]) -> None:
    try:
        check_renderable(loaded, data)
    except ToolkitError as exc:
        src = us.submission.path if us.submission is not None else None
        raise UnreadableInputError(f"Nota Dinas untuk {us.unit.nama} ({us.unit.kode}) tidak dapat dibuat: "
                                   f"{exc.message} Tidak ada nomor yang diambil dan tidak ada surat yang ditulis.",
                                   path=src) from exc


def _earlier(reg: Any, key: str, prev: Mapping[str, str] | None) -> Any:
    """The letter issued earlier for ``key`` that the register still holds as issued, with its archived copy."""
    row = reg.by_key(key)
    if row is None and prev and prev.get("nomor"):  # a letter from before the register kept keys (0004)
        row = reg.find(prev["nomor"])
    return row if row is not None and row.status == "terbit" and row.sha256 else None


def _restore(reg: Any, row: Any, target: Path) -> list[Path]:
    """The letter ``row`` written again from the register's archive, byte for byte (and its .pdf, if kept);
    the files written."""
    copies = [(target, row.sha256)]
    if row.pdf_sha256 and not target.with_suffix(".pdf").exists():
        copies.append((target.with_suffix(".pdf"), row.pdf_sha256))
    written = []
    for path, digest in copies:
        content = reg.archived(digest)
        with atomic_output(path, overwrite=False) as tmp:
            tmp.write_bytes(content)
        written.append(path)
    return written


def _same_file(path: Path, sha256: str) -> bool:
    try:
        return path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() == sha256
    except OSError:
        return False


def write_letters(result: RekapResult, outdir: str | Path, *, register: str | Path | None,
                  sender: Mapping[str, Any] | str | Path, pdf: bool = False) -> LetterBatch:
    """One Nota Dinas per unit of the list (accepted units and those that sent nothing), as one transaction.

    - A unit whose letter for this very submission and sender was issued before (see
      :func:`letter_key`; the key is kept in the register with the letter) gets nothing new: its
      letter and number are reused — in another letters folder, or when its file was deleted, the
      very letter is written from the register's archive (same number, same bytes). Only a letter
      the register no longer holds as issued (cancelled) is made anew.
    - Every new letter is rendered and checked first; only when all of them can be made are
      numbers taken. If one fails then, the numbers of this run are cancelled and its files
      removed: every letter or none.
    """
    who = load_sender(sender) if isinstance(sender, (str, Path)) else dict(sender)
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    index = _load_index(out)
    written = LetterBatch()
    pending: list[tuple[UnitStatus, str, dict[str, str] | None]] = []
    for us in result.units:
        key = letter_key(result, us, who)
        prev = index.get(key)
        if prev and (out / prev.get("file", "")).is_file():
            written.append(out / prev["file"])  # issued before for this same submission, and still here
            written.present += 1
        else:
            pending.append((us, key, prev))
    if not pending:
        return written
    loaded = load_template("nota-dinas")
    # numbered from the office's register, in the office's format (never a built-in one)
    reg = open_office_register(str(register) if register is not None else None, office=load_office())
    made: list[tuple[list[Path], str, bool]] = []  # (files written, nomor, number taken in this run)
    try:
        todo: list[tuple[UnitStatus, str, dict[str, Any]]] = []
        again: list[tuple[UnitStatus, str, dict[str, str] | None, Any]] = []
        for us, key, prev in pending:
            row = _earlier(reg, key, prev)
            if row is not None:
                again.append((us, key, prev, row))
                continue
            index.pop(key, None)
            pembuka, isi = letter_body(result, us)
            data = _letter_data(result, us, who, pembuka, isi, None)
            _check(loaded, us, data)  # all of them can be made, before any number is taken
            todo.append((us, key, data))
        for us, key, prev, row in again:
            # the name it had here, else the name it was issued under (an index lost or deleted)
            name = prev["file"] if prev else (Path(row.file).name if row.file else
                                              f"nota-dinas-{_slug(us.unit.kode)}.docx")
            target = out / name
            if _same_file(target, row.sha256):  # already here (the folder's index was lost)
                written.present += 1
            else:
                if target.exists():
                    target = free_path(target)
                made.append((_restore(reg, row, target), row.nomor, False))
                written.restored += 1
            index[key] = {"nomor": row.nomor, "file": target.name, "sha256": row.sha256}
            written.append(target)
        for us, key, data in todo:
            # a free name: an earlier run's letters (whose numbers are in the register) stay
            target = free_path(out / f"nota-dinas-{_slug(us.unit.kode)}.docx")
            issued = render_document("nota-dinas", data, target, register=reg, pdf=pdf, key=key)
            made.append(([Path(issued.path), *([Path(issued.pdf)] if issued.pdf else [])], issued.nomor, True))
            index[key] = {"nomor": issued.nomor, "file": Path(issued.path).name, "sha256": issued.sha256}
            written.append(Path(issued.path))
            written.new += 1
        _save_index(out, index)
    except BaseException as exc:
        for files, nomor, taken in made:  # every letter or none
            if taken:
                with contextlib.suppress(Exception):
                    reg.cancel(nomor, f"batch surat rekap dibatalkan: {failure_reason(exc)}")
            for path in files:
                with contextlib.suppress(OSError):
                    path.unlink()
        raise
    finally:
        close = getattr(reg, "close", None)
        if callable(close):
            close()
    return written
