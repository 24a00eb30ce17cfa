"""Render letters: one (``render_document``) or a batch (``render_batch``), optionally to PDF.

Order of work for every letter, so that nothing wrong is ever written:

1. normalise the data and apply defaults (``kinds.prepare_context``);
2. preflight against the template's variables — missing, unknown, missing
   attributes — before a number is taken or a file written;
3. take the number from the register (``BEGIN IMMEDIATE``, see ``register``);
4. render the XML parts and write a hidden temporary file next to the output;
5. read the written file back and refuse any leftover placeholder;
6. record file, sha256 and the archived copy in the register (status *terbit*), and only
   then move the file into place.

If step 4, 5 or 6 fails after a number was taken, that number is marked *batal* in
the register (never reused, never silently lost). So a letter under its final name is
always in the register as issued, with its archived copy: a run killed between steps 3
and 6 leaves its number *dicadangkan* ("sedang dibuat") and no letter; one killed after
the register recorded the letter but before the move leaves the number *terbit* without
the file, reprintable from the archive (``integritas surat cetak-ulang``).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from toolkit.documents.engine import PreparedTemplate
from toolkit.documents.fields import NUMBER_INPUTS
from toolkit.documents.kinds import DocumentKind, get_kind, prepare_context
from toolkit.documents.lampiran import append_tables
from toolkit.documents.placeholders import check_no_leftovers
from toolkit.documents.preflight import TemplateVariables, preflight, template_variables
from toolkit.documents.register import NumberRegister
from toolkit.errors import TemplateError, ToolkitError, UsageError, debug_detail
from toolkit.indonesian import terbilang
from toolkit.office import convert, convert_parallel
from toolkit.resources import resource_path
from toolkit.workbook.atomic import atomic_output
from toolkit.workbook.limits import os_reason

TEMPLATE_DIR_ENV = "INTEGRITAS_TEMPLAT_DOCX"


def template_dir() -> Path:
    """The shipped templates/docx (or $INTEGRITAS_TEMPLAT_DOCX, e.g. an office's own edited copies)."""
    env = os.environ.get(TEMPLATE_DIR_ENV)
    if env:
        return Path(env)
    return resource_path("templates/docx")


@dataclass(frozen=True)
class IssuedDocument:
    kind: str
    nomor: str
    path: Path
    sha256: str
    pdf: Path | None = None
    warning: str = ""  # e.g. a back-dated number (the register says which earlier number is later)


@dataclass
class LoadedTemplate:
    kind: DocumentKind
    prepared: PreparedTemplate
    variables: TemplateVariables


@lru_cache(maxsize=16)
def _load(kind_name: str, path: str, mtime: float) -> LoadedTemplate:
    kind = get_kind(kind_name)
    prepared = PreparedTemplate.load(path, replaceable_images=kind.images)
    return LoadedTemplate(kind, prepared, template_variables(prepared))


def load_template(kind_name: str, template: str | Path | None = None) -> LoadedTemplate:
    """The prepared template of a kind (cached per file and modification time)."""
    kind = get_kind(kind_name)
    path = Path(template) if template else template_dir() / kind.template
    if not path.exists():
        raise UsageError(f"templat {kind.title} tidak ditemukan.", path=path)
    return _load(kind.name, str(path.resolve()), path.stat().st_mtime)


def _media(loaded: LoadedTemplate, ctx: Mapping[str, Any]) -> dict[str, bytes]:
    """The pictures drawn for this document (charts), by the kind's ``media`` function."""
    if loaded.kind.images and loaded.kind.media is not None:
        return loaded.kind.media(ctx)
    return {}


def _recipient(ctx: Mapping[str, Any]) -> str:
    yth = ctx.get("yth")
    if isinstance(yth, list):
        return "; ".join(str(y) for y in yth)
    return str(yth or ctx.get("nama_unit") or "")


# control characters XML 1.0 cannot hold: a vertical tab or form feed (Word's line and page break
# pasted into a cell) becomes a line break, the rest is dropped
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_AS_BREAK = {"\x0b": "\n", "\x0c": "\n"}


def clean_text(value: Any) -> Any:
    """The data with every text made writable into Word's XML (nested dicts and lists rebuilt)."""
    if isinstance(value, str):
        return _CONTROL.sub(lambda m: _AS_BREAK.get(m.group(0), ""), value) if _CONTROL.search(value) else value
    if isinstance(value, dict):
        return {k: clean_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean_text(v) for v in value]
    if isinstance(value, tuple):
        return tuple(clean_text(v) for v in value)
    return value


def failure_reason(exc: BaseException) -> str:
    """Why writing a letter failed, in words a person reads (kept as a cancelled number's reason)."""
    if isinstance(exc, ToolkitError):
        return exc.message
    if isinstance(exc, OSError):
        return os_reason(exc)
    if isinstance(exc, KeyboardInterrupt):
        return "dihentikan oleh pengguna"
    return "galat tak terduga" + debug_detail(exc)


def render_prepared(loaded: LoadedTemplate, data: Mapping[str, Any], output: str | Path, *,
                    register: NumberRegister | None = None, letter_type: str | None = None,
                    parts: Mapping[str, str] | None = None, key: str = "") -> IssuedDocument:
    """One letter from an already loaded template (the batch path).

    With an office register (``OfficeRegister``) every number goes through it: a given
    ``nomor`` is claimed (a clash stops before anything is written), otherwise the next
    number is allocated with the letter's ``parts`` ({klasifikasi}, {keamanan}); the written
    file is archived in the register.
    """
    out = Path(output)
    kind = loaded.kind
    given_nomor = str(data.get("nomor") or "").strip()
    if not given_nomor and register is None:
        raise UsageError(f"{kind.title}: isi 'nomor' atau pakai register penomoran (--register).")
    ctx = clean_text(prepare_context(kind, data, need_nomor=False))
    for name in NUMBER_INPUTS:
        ctx.pop(name, None)
    tables = list(ctx.pop("lampiran_tabel", None) or [])
    if tables and str(ctx.get("lampiran") or "-").strip() in ("", "-"):
        ctx["lampiran"] = f"{len(tables)} ({terbilang(len(tables))}) berkas"
    ctx.setdefault("nomor", given_nomor or "NOMOR-DARI-REGISTER")
    preflight(loaded.prepared, ctx, kind=kind.title, variables=loaded.variables)
    media = _media(loaded, ctx)
    nomor = given_nomor
    warning = ""
    office = register is not None and hasattr(register, "claim")
    numbered = register is not None and (office or not given_nomor)
    jenis = letter_type or kind.name
    hal = str(ctx.get("hal") or ctx.get("periode") or "")
    if register is not None and given_nomor and office:
        taken = register.claim(given_nomor, jenis, hal=hal, tujuan=_recipient(ctx),  # type: ignore[attr-defined]
                               tanggal=ctx["tanggal"], file=out)
        warning = taken.warning
    elif register is not None and not given_nomor:
        if office:
            if parts is None:
                parts = register.parts_for(jenis, data)  # type: ignore[attr-defined]
            taken = register.allocate_full(jenis, hal=hal, tujuan=_recipient(ctx),  # type: ignore[attr-defined]
                                           tanggal=ctx["tanggal"], file=out, parts=parts)
            nomor, warning = taken.nomor, taken.warning
        else:
            nomor = register.allocate(jenis, hal=hal, tujuan=_recipient(ctx), tanggal=ctx["tanggal"], file=out)
    ctx["nomor"] = nomor
    try:
        # callers decide about replacing (the CLI refuses an existing file without --timpa);
        # the unique temporary file keeps two writers of the same name from mixing their bytes
        with atomic_output(out, overwrite=True) as tmp:
            blob = loaded.prepared.render_bytes(ctx, media)
            if tables:
                who = ctx.get("penandatangan") or {}
                sender = str(ctx.get("lampiran_dari") or "").strip() or (
                    f"{kind.title} {str(ctx.get('dari') or who.get('jabatan') or '').rstrip(',')}".strip())
                blob = append_tables(blob, tables, nomor=nomor, tanggal=ctx["tanggal"], dari=sender)
            tmp.write_bytes(blob)
            check_no_leftovers(tmp, data=data)
            digest = hashlib.sha256(blob).hexdigest()
            # recorded before the move: a letter under its final name is always in the register as issued
            if register is not None and numbered:
                if office:
                    register.record_output(nomor, out.resolve(), sha256=digest,  # type: ignore[call-arg]
                                           content=blob, **({"key": key} if key else {}))
                else:
                    register.record_output(nomor, out.resolve(), sha256=digest)
    except BaseException as exc:
        if register is not None and numbered:
            register.cancel(nomor, f"naskah gagal ditulis: {failure_reason(exc)}")
        if isinstance(exc, ToolkitError) and exc.path and ".tmp" in Path(str(exc.path)).name:
            exc.path = str(out)
        raise
    return IssuedDocument(kind.name, nomor, out, digest, warning=warning)


def check_renderable(loaded: LoadedTemplate, data: Mapping[str, Any]) -> None:
    """Everything ``render_prepared`` checks — fields, rendering, leftovers — without a number or an output.

    For batches that are all-or-nothing: every letter is checked before the first number is taken.
    The trial file lives in the system's temporary folder and is always removed.
    """
    import tempfile

    kind = loaded.kind
    ctx = clean_text(prepare_context(kind, data, need_nomor=False))
    for key in (*NUMBER_INPUTS, "lampiran_tabel"):
        ctx.pop(key, None)
    ctx.setdefault("nomor", str(data.get("nomor") or "").strip() or "NOMOR-DARI-REGISTER")
    preflight(loaded.prepared, ctx, kind=kind.title, variables=loaded.variables)
    blob = loaded.prepared.render_bytes(ctx, _media(loaded, ctx))
    fd, name = tempfile.mkstemp(prefix="integritas-uji-", suffix=".docx")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(blob)
        check_no_leftovers(name, data=data)
    finally:
        os.unlink(name)


def render_document(kind: str, data: Mapping[str, Any], output: str | Path, *,
                    register: NumberRegister | None = None, pdf: bool = False,
                    template: str | Path | None = None, letter_type: str | None = None,
                    parts: Mapping[str, str] | None = None, key: str = "") -> IssuedDocument:
    """Render one document of ``kind`` (nota-dinas, surat-dinas, laporan-monev, laporan-kepatuhan, laporan-spi).

    Without ``data["nomor"]`` the number comes from ``register`` (type ``letter_type``, default ``kind``).
    """
    loaded = load_template(kind, template)
    issued = render_prepared(loaded, data, output, register=register, letter_type=letter_type, parts=parts,
                             key=key)
    if pdf:
        produced = convert([issued.path], "pdf", issued.path.parent)
        issued = IssuedDocument(issued.kind, issued.nomor, issued.path, issued.sha256, produced[0],
                                warning=issued.warning)
        if register is not None and hasattr(register, "archive_pdf"):
            register.archive_pdf(issued.nomor, produced[0].read_bytes())
    return issued


def render_batch(kind: str, rows: Iterable[Mapping[str, Any]], outdir: str | Path, *,
                 name: Callable[[int, Mapping[str, Any]], str] | None = None,
                 register: NumberRegister | None = None, pdf: bool = False, workers: int | None = None,
                 template: str | Path | None = None,
                 progress: Callable[[int], None] | None = None,
                 label: Callable[[int], str] | None = None, source: str | Path | None = None
                 ) -> list[IssuedDocument]:
    """One letter per data row, as one transaction; PDFs, when asked, by one LibreOffice process per core.

    Every row is checked (fields, rendering, leftovers) before the first number is taken; a
    batch with a bad row stops with one line per bad row (``label(i)``, default "naskah ke-i",
    in ``source``) and nothing written. If writing still fails half-way, the numbers this batch
    took are cancelled and its letters removed.
    """
    loaded = load_template(kind, template)
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    data = list(rows)
    bad: list[str] = []
    for i, row in enumerate(data, start=1):
        try:
            check_renderable(loaded, row)
        except ToolkitError as exc:
            bad.append(f"{label(i) if label else f'naskah ke-{i}'}: {exc.message}")
    if bad:
        shown = "\n  ".join(bad[:20]) + (f"\n  … dan {len(bad) - 20} lagi" if len(bad) > 20 else "")
        raise TemplateError(f"{len(bad)} dari {len(data)} naskah tidak dapat dibuat; tidak ada nomor yang diambil "
                            f"dan tidak ada naskah yang ditulis:\n  {shown}", path=source)
    issued: list[IssuedDocument] = []
    try:
        for i, row in enumerate(data, start=1):
            filename = name(i, row) if name else f"{kind}-{i:04d}.docx"
            issued.append(render_prepared(loaded, row, out / filename, register=register))
            if progress:
                progress(1)
    except BaseException as exc:
        for doc, row in zip(issued, data, strict=False):  # every letter or none
            if register is not None and (hasattr(register, "claim") or not str(row.get("nomor") or "").strip()):
                with contextlib.suppress(Exception):
                    register.cancel(doc.nomor, f"batch naskah dibatalkan: {exc}")
            with contextlib.suppress(OSError):
                doc.path.unlink()
        raise
    if pdf and issued:
        pdfs = convert_parallel([d.path for d in issued], "pdf", out, workers=workers)
        issued = [IssuedDocument(d.kind, d.nomor, d.path, d.sha256, p) for d, p in zip(issued, pdfs, strict=True)]
    return issued
