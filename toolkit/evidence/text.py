"""Tolerant text matching for evidence file names and folders (Bahasa Indonesia).

Units name files every way a person can: ``SK_Tim ZI.pdf``, ``sk-tim-zi.PDF``,
``SKTimZI.pdf``, ``Daftar Hadir Rapat.pdf``, ``absensi rapat.pdf``. Everything here
reduces a name to canonical tokens so that case, spaces, underscores, dashes,
dots, accents and common synonyms ("absensi" = "daftar hadir", "notulen" =
"notula") do not matter.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from toolkit.indonesian import parse_month, parse_quarter

_SPLIT = re.compile(r"[^0-9a-z]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])")

# variant (as tokens) -> canonical token. Multi-word variants are joined first.
SYNONYMS: dict[str, str] = {
    "daftar hadir": "daftarhadir", "absensi": "daftarhadir", "absen": "daftarhadir",
    "presensi": "daftarhadir", "dh": "daftarhadir", "attendance": "daftarhadir",
    "foto": "foto", "photo": "foto", "dokumentasi": "foto", "dok": "foto", "img": "foto",
    "image": "foto", "gambar": "foto", "pic": "foto", "dsc": "foto",
    "notula": "notula", "notulen": "notula", "notulensi": "notula", "notulа": "notula",
    "risalah": "notula", "mom": "notula",
    "undangan": "undangan", "und": "undangan",
    "surat keputusan": "sk", "keputusan": "sk", "kep": "sk",
    "laporan": "laporan", "lap": "laporan", "report": "laporan",
    "materi": "materi", "bahan": "materi", "paparan": "materi", "presentasi": "materi",
    "slide": "materi", "ppt": "materi",
    "screenshot": "capture", "screen shoot": "capture", "screen shot": "capture", "ss": "capture",
    "tangkapan layar": "capture", "capture": "capture", "cuplikan": "capture",
    "rencana kerja": "renja", "renja": "renja",
    "monitoring dan evaluasi": "monev", "monitoring evaluasi": "monev", "monev": "monev",
    "evaluasi": "evaluasi", "eval": "evaluasi",
    "survei": "survei", "survey": "survei", "survai": "survei",
    "risiko": "risiko", "resiko": "risiko", "risk": "risiko",
    "sosialisasi": "sosialisasi", "sosialiasi": "sosialisasi",
    "benturan kepentingan": "bk", "whistleblowing system": "wbs", "whistle blowing system": "wbs",
    "whistle blowing": "wbs", "whistleblowing": "wbs",
    "pengaduan masyarakat": "dumas", "dumas": "dumas",
    "zona integritas": "zi",
    "agen perubahan": "agenperubahan",
    "pakta integritas": "paktaintegritas",
    "proses bisnis": "probis", "probis": "probis",
    "standar pelayanan": "standarpelayanan",
    "maklumat pelayanan": "maklumat",
    "perjanjian kinerja": "pk",
    "training need analysis": "tna",
    "kompetensi": "kompetensi", "komp": "kompetensi",
    "gratifikasi": "gratifikasi", "grat": "gratifikasi",
    "testimoni": "testimoni", "testimonial": "testimoni",
}

_STOPWORDS_TEXT = """
a b c d e dan atau di ke dari yang untuk dengan pada dalam serta oleh tentang ttg terkait sebagai
the of and in to for dokumen dok berupa lainnya dll sejenis tahun th tahunan berkala semua seluruh
nya ini itu para bagi antara secara memuat meliputi telah sudah hasil
"""
STOPWORDS: frozenset[str] = frozenset(_STOPWORDS_TEXT.split())

_MAX_PHRASE = max(len(k.split()) for k in SYNONYMS)


def fold(text: object) -> str:
    """Lower-case ASCII text with accents removed; camelCase and digits split apart."""
    s = unicodedata.normalize("NFKD", str(text or ""))
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = _CAMEL.sub(" ", s)
    return s.casefold()


def raw_tokens(text: object) -> list[str]:
    return [t for t in _SPLIT.split(fold(text)) if t]


def tokens(text: object) -> list[str]:
    """Canonical tokens: synonyms (also multi-word ones) replaced by one canonical token."""
    words = raw_tokens(text)
    out: list[str] = []
    i = 0
    while i < len(words):
        for n in range(min(_MAX_PHRASE, len(words) - i), 0, -1):
            phrase = " ".join(words[i:i + n])
            canon = SYNONYMS.get(phrase)
            if canon is not None:
                out.append(canon)
                i += n
                break
        else:
            out.append(words[i])
            i += 1
    return out


def compact(text: object) -> str:
    """All letters and digits of a name, nothing else ("Daftar_Hadir-Rapat" -> "daftarhadirrapat")."""
    return "".join(raw_tokens(text))


def slug(text: object, max_words: int = 6) -> str:
    """A folder/file-name friendly slug: ``Penguatan Pengawasan`` -> ``penguatan-pengawasan``."""
    return "-".join(raw_tokens(text)[:max_words])


def significant(text: object, limit: int = 3) -> list[str]:
    """The first ``limit`` distinctive canonical tokens of a requirement name (no stopwords, no numbers)."""
    seen: list[str] = []
    for tok in tokens(text):
        if tok in STOPWORDS or tok.isdigit() or len(tok) < 2 and tok not in ("zi",):
            continue
        if tok not in seen:
            seen.append(tok)
        if len(seen) >= limit:
            break
    return seen


def keyword_tokens(keyword: str) -> list[str]:
    return [t for t in tokens(keyword) if t not in STOPWORDS]


def matches_keyword(name_tokens: Sequence[str], name_compact: str, keyword: str) -> bool:
    """All tokens of ``keyword`` occur in the name (any order); long ones may be glued together.

    ``SKTimZI`` matches "sk tim zi"; ``daftarhadir`` matches "daftar hadir".
    """
    wanted = keyword_tokens(keyword)
    if not wanted:
        return False
    have = set(name_tokens)
    for tok in wanted:
        if tok in have:
            continue
        if len(tok) >= 5 and tok in name_compact:
            continue
        return False
    return True


def matches_any(name_tokens: Sequence[str], name_compact: str, keywords: Iterable[str]) -> str | None:
    for kw in keywords:
        if matches_keyword(name_tokens, name_compact, kw):
            return kw
    return None


# --- folder components ----------------------------------------------------------------

_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")


def code_tokens(code: str) -> list[str]:
    """``"1.i.a"`` -> ``["1", "i", "a"]``; ``"P-1.ii.b"`` -> ``["p", "1", "ii", "b"]``."""
    return [t for t in re.split(r"[^0-9a-z]+", code.casefold()) if t]


def component_has_code(component: str, code: str) -> bool:
    """A folder name starts with an indicator code, with or without a P-/R-/H- prefix.

    ``1.i.a-tim-kerja``, ``1-i-a``, ``P.1.i.a`` and ``1 i a Tim Kerja`` all carry ``1.i.a``.
    """
    want = code_tokens(code)
    have = [t for t in re.split(r"[^0-9a-z]+", fold(component)) if t]
    if not want or not have:
        return False
    if have[:len(want)] == want:
        return True
    return len(have) > len(want) and have[0] in ("p", "r", "h", "pem", "ref", "hsl") and \
        have[1:len(want) + 1] == want


def leading_number(component: str) -> int | None:
    m = re.match(r"^\s*(\d{1,3})(?!\d)", fold(component))
    return int(m.group(1)) if m else None


def quarter_of_component(component: str) -> int | None:
    """``TW-I``, ``tw 2``, ``Triwulan III``, ``TRW_4`` -> quarter number."""
    words = raw_tokens(component)
    for i, w in enumerate(words):
        if w in ("tw", "triwulan", "trw", "q") and i + 1 < len(words):
            q = parse_quarter(f"TW {words[i + 1]}")
            if q:
                return q
        m = re.fullmatch(r"(?:tw|trw|q)([1-4])", w)
        if m:
            return int(m.group(1))
        m = re.fullmatch(r"(?:tw|trw)(iv|iii|ii|i)", w)
        if m:
            return _ROMAN.index(m.group(1)) + 1
    return None


_YM = re.compile(r"(?<!\d)(20\d{2})[-_. ]?(0[1-9]|1[0-2])(?:[-_. ]?(0[1-9]|[12]\d|3[01]))?(?!\d)")


def month_of_component(component: str, year: int | None = None) -> int | None:
    """``2026-03``, ``202603``, ``03-Maret``, ``maret``, ``Mar 2026`` -> 3 (``None`` if no month)."""
    m = _YM.search(component)
    if m and (year is None or int(m.group(1)) == year):
        return int(m.group(2))
    for w in raw_tokens(component):
        if w.isdigit():
            continue
        month = parse_month(w)
        if month and len(w) >= 3:
            return month
    words = raw_tokens(component)
    if words and words[0].isdigit() and 1 <= int(words[0]) <= 12 and len(words[0]) == 2 and \
            (len(words) == 1 or not words[1].isdigit()):
        return int(words[0])
    return None


# words too general to tell one piece of evidence from another
_GENERIC_TEXT = """
kepala opd pd kota satker instansi unit pembangunan pelaksanaan kegiatan penyusunan bukti jenjang
bulanan triwulanan semesteran berkala ka apabila bentuk jika yg eselon ii iii iv th berkenaan
atas perbaikan kinerja informasi
"""
GENERIC: frozenset[str] = frozenset(_GENERIC_TEXT.split())


def auto_keyword(name: str, limit: int = 2) -> str:
    """A matching phrase for a requirement name: its first ``limit`` distinctive canonical words."""
    words: list[str] = []
    for tok in tokens(name):
        if tok in STOPWORDS or tok in GENERIC or tok.isdigit() or len(tok) < 2:
            continue
        if tok not in words:
            words.append(tok)
        if len(words) >= limit:
            break
    return " ".join(words)
