"""The document kinds, their defaults and how letter data is made ready for a template.

A letter's data is a plain dict (from options, a YAML/JSON file or a workbook row).
``prepare_context(kind, data)`` checks and normalises it: dates are parsed (a date
that cannot be read is an error, never text passed through), single values that
may be lists become lists, the NIP is checked, and optional fields get their
defaults — among them the integrity / anti-corruption / anti-gratification
closing message that seed 000 (Strategi Komunikasi, row 1: "Naskah Dinas: dibuat
pesan menjaga integritas, anti korupsi dan anti gratifikasi pada setiap paragraph
akhir naskah dinas") requires at the end of every official letter. It is on by
default; set ``pesan_integritas`` to other text, or to ``false`` to leave it out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from toolkit import indonesian as idn
from toolkit.documents.datafile import FieldError
from toolkit.documents.fields import normalize_signature
from toolkit.documents.kepatuhan import kepatuhan_chart_png
from toolkit.documents.monev import progress_chart_png
from toolkit.documents.spi_progres import spi_chart_png
from toolkit.errors import UsageError

DEFAULT_PESAN_INTEGRITAS = (
    "Mari bersama menjaga integritas: tolak segala bentuk korupsi, jangan memberi atau menerima "
    "gratifikasi, dan laporkan penerimaan gratifikasi melalui Unit Pengendalian Gratifikasi."
)
PENUTUP_NOTA_DINAS = "Demikian disampaikan, atas perhatiannya diucapkan terima kasih."  # seed 000
PENUTUP_SURAT = "Demikian disampaikan, atas perhatian dan kerja samanya diucapkan terima kasih."  # seed 004


@dataclass(frozen=True)
class DocumentKind:
    name: str
    title: str  # Indonesian, for messages and the register
    template: str  # file name in templates/docx
    defaults: Mapping[str, Any]
    lists: tuple[str, ...]  # fields where one text is accepted as a one-item list
    required: tuple[str, ...]
    normalize: Callable[[dict[str, Any]], None] | None = None
    images: tuple[str, ...] = ()
    input_only: tuple[str, ...] = field(default=())  # accepted in data but not template variables
    media: Callable[[Mapping[str, Any]], dict[str, bytes]] | None = None  # pictures drawn per document


def _as_list(value: Any) -> list[Any]:
    if value is None or value == "":
        return []
    if isinstance(value, (list, tuple)):
        return [v for v in value if v not in (None, "")]
    if isinstance(value, str):
        return [line.strip() for line in value.splitlines() if line.strip()]
    return [value]


def parse_date_field(value: Any, name: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    parsed = idn.parse_tanggal(value)
    if parsed is None:
        raise FieldError(f"'{name}' bukan tanggal yang dapat dibaca: '{value}' "
                         "(tulis mis. 6 April 2023 atau 2023-04-06).", field=name)
    return parsed


def _norm_kop(data: dict[str, Any]) -> None:
    kop = data.get("kop")
    if not isinstance(kop, Mapping):
        raise FieldError("'kop' harus berisi hierarki, alamat, telepon (dan boleh faksimili, laman).", field="kop")
    kop = dict(kop)
    kop["hierarki"] = _as_list(kop.get("hierarki"))
    kop["alamat"] = _as_list(kop.get("alamat"))
    kop.setdefault("faksimili", "")
    kop.setdefault("laman", "")
    for key in ("telepon",):
        if not str(kop.get(key) or "").strip():
            raise FieldError(f"'kop.{key}' wajib diisi (kop naskah memuat alamat dan telepon kantor).",
                             field=f"kop.{key}" if key in kop else "kop")
    if not kop["hierarki"]:
        raise FieldError("'kop.hierarki' wajib diisi (mis. KEMENTERIAN …, DIREKTORAT JENDERAL …).",
                         field="kop.hierarki")
    data["kop"] = kop


def _norm_signatory(data: dict[str, Any]) -> None:
    who = data.get("penandatangan")
    if not isinstance(who, Mapping):
        raise FieldError("'penandatangan' harus berisi nama dan jabatan (boleh atas_nama, untuk_beliau, status, "
                         "pangkat, nip).", field="penandatangan")
    who = dict(who)
    for key in ("atas_nama", "untuk_beliau", "status", "pangkat", "nip"):
        who.setdefault(key, "")
    nip = who.get("nip")
    if nip not in (None, "") and not idn.is_valid_nip(nip):
        raise FieldError(f"NIP penandatangan '{nip}' tidak sah: harus 18 angka (tanggal lahir, TMT, "
                         "jenis kelamin, nomor urut), ditulis sebagai teks.", field="penandatangan.nip")
    for key in ("nama", "jabatan"):
        if not str(who.get(key) or "").strip():
            raise FieldError(f"'penandatangan.{key}' wajib diisi.", field=f"penandatangan.{key}")
    data["penandatangan"] = who


def _norm_common(data: dict[str, Any]) -> None:
    data["tanggal"] = parse_date_field(data.get("tanggal"), "tanggal")
    if data.get("pesan_integritas") in (None, False):
        data["pesan_integritas"] = ""
    elif data.get("pesan_integritas") is True:
        data["pesan_integritas"] = DEFAULT_PESAN_INTEGRITAS
    _norm_kop(data)
    _norm_signatory(data)
    normalize_signature(data)


def _norm_nota_dinas(data: dict[str, Any]) -> None:
    _norm_common(data)
    items = []
    for item in _as_list(data.get("isi")):
        if isinstance(item, Mapping):
            extra = set(item) - {"teks", "sub"}
            if extra:
                raise FieldError(f"butir isi hanya boleh berisi 'teks' dan 'sub', bukan {', '.join(sorted(extra))}.",
                                 field="isi")
            items.append({"teks": str(item.get("teks", "")), "sub": _as_list(item.get("sub"))})
        else:
            items.append({"teks": str(item), "sub": []})
    if not items:
        raise FieldError("'isi' (butir-butir isi nota dinas) wajib diisi.", field="isi")
    data["isi"] = items


def _lampiran_count(data: dict[str, Any]) -> str:
    n = sum(1 for key in ("lampiran1", "lampiran2") if data.get(key))
    return f"{n} ({idn.terbilang(n)}) berkas" if n else "-"


def _norm_surat_dinas(data: dict[str, Any]) -> None:
    _norm_common(data)
    data["isi"] = [str(p) for p in _as_list(data.get("isi"))]
    if not data["isi"]:
        raise FieldError("'isi' (alinea surat) wajib diisi.", field="isi")
    if data.get("lampiran") in (None, ""):
        data["lampiran"] = _lampiran_count(data)
    if (data.get("lampiran1") or data.get("lampiran2")) and not str(data.get("lampiran_dari") or "").strip():
        who = data["penandatangan"]
        data["lampiran_dari"] = f"Surat {who['jabatan'].rstrip(',')}"
    data.setdefault("lampiran_dari", "")
    for i, row in enumerate(data.get("lampiran1") or [], start=1):
        if isinstance(row, Mapping):
            data["lampiran1"][i - 1] = {k: cell_value(v) for k, v in row.items()}
    groups = []
    for g in data.get("lampiran2") or []:
        g = dict(g)
        g["baris"] = [{k: cell_value(v) for k, v in r.items()} for r in g.get("baris", [])]
        groups.append(g)
    data["lampiran2"] = groups
    data["judul_lampiran2"] = _as_list(data.get("judul_lampiran2"))


def cell_value(value: Any) -> Any:
    """A table cell value as text: lists on separate lines, numbers without '.0', dates in Indonesian."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "\n".join(str(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.date, dt.datetime)):
        return idn.format_tanggal(value)
    return value


def _norm_laporan(data: dict[str, Any]) -> None:
    _norm_common(data)
    data["tanggal_data"] = parse_date_field(data.get("tanggal_data") or data["tanggal"], "tanggal_data")
    for key in ("pendahuluan", "ringkasan", "kesimpulan"):
        data[key] = [str(p) for p in _as_list(data.get(key))]


def _monev_media(ctx: Mapping[str, Any]) -> dict[str, bytes]:
    return {"grafik_progres": progress_chart_png(ctx.get("per_area") or [])}


def _kepatuhan_media(ctx: Mapping[str, Any]) -> dict[str, bytes]:
    return {"grafik_kepatuhan": kepatuhan_chart_png(ctx.get("kelompok") or [])}


def _spi_media(ctx: Mapping[str, Any]) -> dict[str, bytes]:
    return {"grafik_spi": spi_chart_png(ctx.get("kegiatan") or [])}


_COMMON_DEFAULTS: dict[str, Any] = {
    "pesan_integritas": DEFAULT_PESAN_INTEGRITAS,
    "tembusan": [],
    "catatan_bsre": None,  # follows the signature: the BSrE note only under an electronic signature
    "tte": None,  # from 'ttd' (elektronik/basah); never an electronic signature by default
}

KINDS: dict[str, DocumentKind] = {
    "nota-dinas": DocumentKind(
        name="nota-dinas", title="Nota Dinas", template="nota-dinas.docx",
        defaults={**_COMMON_DEFAULTS, "sifat": "Biasa", "lampiran": "-", "pembuka": "",
                  "penutup": PENUTUP_NOTA_DINAS},
        lists=("yth", "tembusan"),
        required=("kop", "yth", "dari", "hal", "tanggal", "isi", "penandatangan"),
        normalize=_norm_nota_dinas,
    ),
    "surat-dinas": DocumentKind(
        name="surat-dinas", title="Surat Dinas", template="surat-dinas.docx",
        defaults={**_COMMON_DEFAULTS, "sifat": "Biasa", "lampiran": None, "di": "", "penutup": PENUTUP_SURAT,
                  "lampiran1": [], "lampiran2": [], "lampiran_dari": "",
                  "judul_lampiran1": "", "judul_lampiran2": []},
        lists=("yth", "tembusan"),
        required=("kop", "tempat", "tanggal", "hal", "yth", "isi", "penandatangan"),
        normalize=_norm_surat_dinas,
    ),
    "laporan-monev": DocumentKind(
        name="laporan-monev", title="Laporan Monitoring dan Evaluasi", template="laporan-monev.docx",
        defaults={**_COMMON_DEFAULTS, "penutup": "Demikian laporan ini disampaikan sebagai bahan evaluasi "
                  "dan tindak lanjut pembangunan Zona Integritas.", "tanggal_data": None,
                  "pendahuluan": [], "ringkasan": [], "kesimpulan": [], "terlambat": [], "lke": None},
        lists=("tembusan",),
        required=("kop", "tempat", "tanggal", "nama_unit", "periode", "penandatangan", "per_area", "kegiatan"),
        normalize=_norm_laporan,
        images=("grafik_progres",),
        input_only=(),
        media=_monev_media,
    ),
    "laporan-kepatuhan": DocumentKind(
        name="laporan-kepatuhan", title="Laporan Kepatuhan Kegiatan Penguatan Integritas",
        template="laporan-kepatuhan.docx",
        defaults={**_COMMON_DEFAULTS, "penutup": "Demikian laporan ini disampaikan sebagai bahan evaluasi "
                  "pelaksanaan kegiatan penguatan integritas.", "tanggal_data": None,
                  "pendahuluan": [], "ringkasan": [], "kesimpulan": [], "tidak_terpenuhi": [], "tema": []},
        lists=("tembusan",),
        required=("kop", "tempat", "tanggal", "nama_unit", "periode", "penandatangan", "kelompok", "kolom"),
        normalize=_norm_laporan,
        images=("grafik_kepatuhan",),
        media=_kepatuhan_media,
    ),
    "laporan-spi": DocumentKind(
        name="laporan-spi", title="Laporan Progres Tindak Lanjut SPI", template="laporan-spi.docx",
        defaults={**_COMMON_DEFAULTS, "penutup": "Demikian laporan ini disampaikan sebagai bahan pemantauan "
                  "tindak lanjut hasil Survei Penilaian Integritas.", "tanggal_data": None,
                  "pendahuluan": [], "ringkasan": [], "kesimpulan": [], "terlambat": [], "rincian": []},
        lists=("tembusan",),
        required=("kop", "tempat", "tanggal", "nama_unit", "periode", "penandatangan", "kegiatan"),
        normalize=_norm_laporan,
        images=("grafik_spi",),
        media=_spi_media,
    ),
}


def get_kind(name: str) -> DocumentKind:
    try:
        return KINDS[name]
    except KeyError:
        raise UsageError(f"jenis naskah '{name}' tidak dikenal; pilih salah satu: {', '.join(KINDS)}.") from None


def prepare_context(kind: DocumentKind, data: Mapping[str, Any], *, need_nomor: bool = True) -> dict[str, Any]:
    """Defaults + normalisation. Unknown keys are left in place for the preflight to report."""
    ctx: dict[str, Any] = {}
    for key, value in kind.defaults.items():
        ctx[key] = list(value) if isinstance(value, list) else value
    ctx.update({k: v for k, v in data.items()})
    for key in kind.lists:
        ctx[key] = _as_list(ctx.get(key))
    missing = [k for k in kind.required if ctx.get(k) in (None, "", [], {})]
    if need_nomor and not str(ctx.get("nomor") or "").strip():
        missing.insert(0, "nomor")
    if missing:
        raise UsageError(f"{kind.title}: data wajib belum diisi: {', '.join(missing)}.")
    if kind.normalize:
        kind.normalize(ctx)
    return ctx


def build_nota_dinas_data(*, kop: Mapping[str, Any], yth: list[str] | str, dari: str, hal: str,
                          tanggal: dt.date | str, isi: list[Any], penandatangan: Mapping[str, Any],
                          nomor: str | None = None, **other: Any) -> dict[str, Any]:
    """The data of a Nota Dinas (seed 000 layout) as a dict ready for ``render_document``."""
    data: dict[str, Any] = {"kop": dict(kop), "yth": yth, "dari": dari, "hal": hal, "tanggal": tanggal,
                            "isi": isi, "penandatangan": dict(penandatangan), **other}
    if nomor:
        data["nomor"] = nomor
    return data


def build_surat_dinas_data(*, kop: Mapping[str, Any], tempat: str, tanggal: dt.date | str, hal: str,
                           yth: list[str] | str, isi: list[str], penandatangan: Mapping[str, Any],
                           nomor: str | None = None, **other: Any) -> dict[str, Any]:
    """The data of a Surat Dinas (seed 004 layout); add Lampiran with ``spi_lampiran(...)``."""
    data: dict[str, Any] = {"kop": dict(kop), "tempat": tempat, "tanggal": tanggal, "hal": hal, "yth": yth,
                            "isi": isi, "penandatangan": dict(penandatangan), **other}
    if nomor:
        data["nomor"] = nomor
    return data
