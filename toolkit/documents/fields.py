"""What a letter's data may contain, at every depth, and the signature block (Tata Naskah Dinas).

The names a template uses come from the template itself (``TemplateVariables``); the
few fields that are input only (``ttd``, the signatory's ``status``/``untuk_beliau``)
are added here. :func:`check_letter_fields` runs on the data a person wrote (file,
``--set``) before anything is numbered: ``penandatangan.pangkatt`` is an error naming
``pangkat``, ``penandatangan: Budi`` is an error saying a group is expected.

Signature (``ttd``): ``elektronik`` (TTE: "Ditandatangani secara elektronik" and the
BSrE / UU ITE note) or ``basah`` (space for the wet signature; the official stamp goes
on the left third of the signature, Permenpan-RB 6/2011 on Tata Naskah Dinas). Nothing
claims an electronic signature unless the data or the office configuration says so.
Delegation lines: ``atas_nama`` → "a.n. …", ``untuk_beliau`` (the official between,
followed by "u.b."), ``status`` "Plt." / "Plh." in front of the position.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from toolkit.documents.datafile import (
    DATE,
    FLAG,
    GROUP,
    LIST,
    TEXT,
    TEXT_OR_FLAG,
    TEXT_OR_LIST,
    FieldError,
    check_fields,
)

SIGNATORY_FIELDS = ("nama", "jabatan", "atas_nama", "untuk_beliau", "status", "pangkat", "nip")
KOP_FIELDS = ("hierarki", "alamat", "telepon", "faksimili", "laman", "email")
NUMBER_INPUTS = ("klasifikasi", "keamanan", "kode")  # parts of the number, not printed by themselves
INPUT_ONLY = ("ttd", "nomor", "nama_file", "lampiran_tabel", *NUMBER_INPUTS)
LAMPIRAN_TABLE_FIELDS = ("judul", "kolom", "baris", "sumber")

TYPES: dict[str, str] = {
    "nomor": TEXT, "tanggal": DATE, "hal": TEXT, "sifat": TEXT, "lampiran": TEXT, "dari": TEXT,
    "tempat": TEXT, "di": TEXT, "pembuka": TEXT, "penutup": TEXT, "yth": TEXT_OR_LIST,
    "tembusan": TEXT_OR_LIST, "isi": TEXT_OR_LIST, "kop": GROUP, "penandatangan": GROUP,
    "pesan_integritas": TEXT_OR_FLAG, "tte": FLAG, "catatan_bsre": FLAG, "ttd": TEXT,
    "kop.hierarki": TEXT_OR_LIST, "kop.alamat": TEXT_OR_LIST, "kop.telepon": TEXT, "kop.faksimili": TEXT,
    "kop.laman": TEXT, "kop.email": TEXT,
    **{f"penandatangan.{k}": TEXT for k in SIGNATORY_FIELDS},
    "isi[].teks": TEXT, "isi[].sub": TEXT_OR_LIST, "lampiran1": LIST, "lampiran2": LIST,
    "lampiran_tabel": LIST, "lampiran_tabel[].kolom": LIST, "lampiran_tabel[].baris": LIST,
    "lampiran_tabel[].judul": TEXT, "klasifikasi": TEXT, "keamanan": TEXT, "kode": TEXT,
}

TTD_ELEKTRONIK = ("elektronik", "tte", "digital")
TTD_BASAH = ("basah", "manual", "tinta")
STATUS_VALUES = ("Plt.", "Plh.")


def allowed_fields(names: set[str], attributes: Mapping[str, set[str]]) -> dict[str, set[str]]:
    """Field names accepted per path: the template's own plus the input-only ones."""
    allowed: dict[str, set[str]] = {"": set(names) | set(INPUT_ONLY)}
    for path, attrs in attributes.items():
        allowed[path] = set(attrs)
    allowed["penandatangan"] = set(SIGNATORY_FIELDS) | allowed.get("penandatangan", set())
    allowed["kop"] = set(KOP_FIELDS) | allowed.get("kop", set())
    allowed["isi[]"] = {"teks", "sub"} | allowed.get("isi[]", set())
    allowed["lampiran_tabel[]"] = set(LAMPIRAN_TABLE_FIELDS)
    return allowed


def check_letter_fields(data: Mapping[str, Any], names: set[str], attributes: Mapping[str, set[str]],
                        extra_top: set[str] | frozenset[str] = frozenset()) -> None:
    """Raise FieldError for the first misspelled or mistyped field, at any depth."""
    allowed = allowed_fields(names | set(extra_top), attributes)
    check_fields(data, allowed, types=TYPES)


def normalize_signature(data: dict[str, Any], *, default_ttd: str | None = None) -> None:
    """``ttd`` → ``tte`` (and the BSrE note); delegation lines into the signatory's text.

    ``tte: true``/``false`` written directly is still honoured. Without either, the office
    default applies, and without that the letter is laid out for a wet signature.
    """
    ttd = data.pop("ttd", None)
    if ttd is not None and not isinstance(ttd, str):
        raise FieldError("'ttd' harus 'elektronik' atau 'basah'.", field="ttd")
    if ttd is None and data.get("tte") is None:
        ttd = default_ttd or "basah"
    if ttd is not None:
        word = ttd.strip().lower()
        if word in TTD_ELEKTRONIK:
            data["tte"] = True
        elif word in TTD_BASAH:
            data["tte"] = False
        else:
            raise FieldError(f"'ttd: {ttd}' tidak dikenal; tulis 'elektronik' (TTE dengan sertifikat BSrE) "
                             "atau 'basah' (ditandatangani dengan tinta dan dicap).", field="ttd")
    data["tte"] = bool(data.get("tte"))
    if data.get("catatan_bsre") is None:
        data["catatan_bsre"] = data["tte"]
    if data["catatan_bsre"] and not data["tte"]:
        raise FieldError("catatan BSrE hanya untuk naskah yang ditandatangani secara elektronik "
                         "(ttd: elektronik).", field="catatan_bsre")
    who = data.get("penandatangan")
    if isinstance(who, Mapping):
        data["penandatangan"] = signatory_lines(dict(who))


def _strip_prefix(text: str, prefixes: tuple[str, ...]) -> str:
    t = text.strip()
    for p in prefixes:
        if t.lower().startswith(p.lower()):
            return t[len(p):].strip()
    return t


def signatory_lines(who: dict[str, Any]) -> dict[str, Any]:
    """a.n. / u.b. / Plt. / Plh. as Tata Naskah Dinas writes them, in ``atas_nama`` and ``jabatan``."""
    atas_nama = _strip_prefix(str(who.get("atas_nama") or ""), ("a.n.", "an.", "a.n", "atas nama"))
    ub = _strip_prefix(str(who.get("untuk_beliau") or ""), ("u.b.", "ub.", "u.b"))
    status = str(who.get("status") or "").strip()
    if status:
        match = [s for s in STATUS_VALUES if s.lower().rstrip(".") == status.lower().rstrip(".")]
        if not match:
            raise FieldError(f"'penandatangan.status: {status}' tidak dikenal; tulis Plt. (pelaksana tugas) atau "
                             "Plh. (pelaksana harian), atau hapus isian ini.", field="penandatangan.status")
        status = match[0]
    if ub and not atas_nama:
        raise FieldError("'penandatangan.untuk_beliau' (u.b.) hanya dipakai bersama 'atas_nama' (a.n.).",
                         field="penandatangan.untuk_beliau")
    jabatan = str(who.get("jabatan") or "").strip()
    if status and jabatan:
        jabatan = f"{status} {_strip_prefix(jabatan, STATUS_VALUES)}"
    lines = []
    if atas_nama:
        lines.append(f"a.n. {atas_nama}")
    if ub:
        lines.append(ub.rstrip(","))
        lines.append("u.b.")
    who["atas_nama"] = "\n".join(lines)
    who["jabatan"] = jabatan
    who.pop("untuk_beliau", None)
    who.pop("status", None)
    return who
