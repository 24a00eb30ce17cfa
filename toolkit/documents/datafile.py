"""Letter data files a clerk writes by hand: YAML or JSON, read with errors a clerk can act on.

Every problem is one Indonesian line naming the file, the line and the column and
saying what to do — never PyYAML's English ("mapping values are not allowed here"):

* a Tab used for indentation (YAML only accepts spaces);
* a colon inside a value (``hal: Undangan: Rapat``) — put the value in quotes;
* an unclosed quote or bracket, uneven indentation, a key written twice;
* a field whose name is misspelled, at any depth (``penandatangan.pangkatt``), named
  with the closest known field (difflib);
* a field of the wrong type (``penandatangan: Budi`` where a group is expected).

``LetterData`` keeps where each key was written (``line_of(("penandatangan", "nip"))``),
so errors found later (a bad NIP, an unreadable date) can still point at the line:
raise :class:`FieldError` with the dotted field name and :func:`locate` adds the line.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from toolkit.errors import UnreadableInputError, UsageError
from toolkit.yamlfile import DataLimitError, LimitedLoader, load_json_text, load_yaml_text, read_bytes

Path_ = tuple[str | int, ...]


class FieldError(UsageError):
    """Wrong or misspelled data in one field; ``field`` is its dotted path (``penandatangan.nip``)."""

    def __init__(self, message: str, *, field: str = "", path: str | Path | None = None) -> None:
        self.field = field
        super().__init__(message, path=path)


class DataFileError(UnreadableInputError):
    """A letter data file that cannot be parsed (exit 3)."""


@dataclass
class LetterData:
    """The data of a letter and where each key stands in its file (1-based line, column)."""

    data: dict[str, Any]
    path: Path | None = None
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def line_of(self, key_path: Iterable[str | int]) -> tuple[int, int] | None:
        """The position of the deepest key of ``key_path`` that was written in the file."""
        parts = tuple(key_path)
        while parts:
            if parts in self.positions:
                return self.positions[parts]
            parts = parts[:-1]
        return None


def _dotted_to_path(dotted: str) -> Path_:
    out: list[str | int] = []
    for token in re.split(r"\.", dotted):
        m = re.fullmatch(r"([^\[]*)((?:\[\d+\])*)", token)
        if not m:
            out.append(token)
            continue
        if m.group(1):
            out.append(m.group(1))
        out.extend(int(i) - 1 for i in re.findall(r"\[(\d+)\]", m.group(2)))
    return tuple(out)


def locate(error: FieldError, letter: LetterData) -> UsageError:
    """The same error with the file and the line of its field (when the field was in the file)."""
    where = letter.line_of(_dotted_to_path(error.field)) if error.field else None
    message = error.message
    if where:
        message = f"baris {where[0]}, kolom {where[1]}: {message}"
    located = FieldError(message, field=error.field, path=letter.path if letter.path else error.path)
    return located


# --- YAML -------------------------------------------------------------------------------------------

_YAML_HINTS: tuple[tuple[str, str], ...] = (
    ("mapping values are not allowed",
     "ada tanda titik dua ':' di tengah isian; apit nilainya dengan tanda kutip, "
     "mis. hal: \"Undangan: Rapat Koordinasi\"."),
    ("found character '\\t'",
     "ada karakter Tab; YAML hanya menerima spasi untuk menjorok — ganti Tab dengan spasi."),
    ("could not find expected ':'",
     "baris ini bukan pasangan KUNCI: nilai; tambahkan ':' setelah nama isian atau gabungkan dengan baris "
     "sebelumnya (teks panjang: pakai '>-' lalu tulis teksnya menjorok di baris berikut)."),
    ("found unexpected end of stream",
     "tanda kutip tidak ditutup; tutup teks dengan tanda kutip yang sama dengan pembukanya."),
    ("while scanning a quoted scalar",
     "tanda kutip tidak ditutup atau ada tanda kutip di dalam teks; tulis ' di dalam teks sebagai ''."),
    ("expected ',' or ']'", "daftar [ … ] tidak ditutup; tambahkan ']' atau tulis daftar dengan baris '- '."),
    ("expected ',' or '}'", "kelompok { … } tidak ditutup; tambahkan '}' atau tulis tiap isian pada barisnya."),
    ("expected <block end>",
     "menjorok (indentasi) tidak rata; isian yang sekelompok harus diawali jumlah spasi yang sama."),
    ("did not find expected key",
     "menjorok (indentasi) tidak rata; isian yang sekelompok harus diawali jumlah spasi yang sama."),
    ("did not find expected '-' indicator",
     "menjorok (indentasi) tidak rata di dalam daftar; setiap butir diawali '- ' pada kolom yang sama."),
    ("found undefined alias", "tanda '*' di awal nilai; apit nilainya dengan tanda kutip."),
    ("found character '@'", "nilai yang diawali '@' harus diapit tanda kutip, mis. laman: \"@akun\"."),
    ("found character '`'", "nilai yang diawali '`' harus diapit tanda kutip."),
    ("found character '%'", "nilai yang diawali '%' harus diapit tanda kutip."),
    ("cannot start any token", "nilai ini diawali karakter khusus; apit nilainya dengan tanda kutip."),
    ("found duplicate anchor", "tanda '&' di awal nilai; apit nilainya dengan tanda kutip."),
    ("while scanning an alias", "tanda '*' di awal nilai; apit nilainya dengan tanda kutip."),
    ("while scanning an anchor", "tanda '&' di awal nilai; apit nilainya dengan tanda kutip."),
    ("block sequence entries are not allowed",
     "butir daftar '- ' di tempat yang salah; daftar ditulis di baris baru di bawah nama isiannya."),
)


def _yaml_message(exc: Exception) -> tuple[str, int | None, int | None]:
    import yaml

    problem = str(getattr(exc, "problem", "") or "")
    context = str(getattr(exc, "context", "") or "")
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else None
    col = mark.column + 1 if mark is not None else None
    text = f"{context} {problem}"
    for needle, hint in _YAML_HINTS:
        if needle in text:
            return hint, line, col
    if isinstance(exc, yaml.YAMLError):
        return ("penulisan YAML tidak sah di sini; periksa menjorok (spasi), tanda kutip dan titik dua "
                "(contoh yang benar: integritas surat baru nota-dinas -o contoh.yaml)."), line, col
    return "file tidak dapat dibaca sebagai YAML.", line, col


def _unclosed_quote(text: str, upto: int) -> int | None:
    """The first line (1-based) up to ``upto`` whose value opens a quote it never closes."""
    for i, line in enumerate(text.splitlines()[:upto], start=1):
        stripped = line.split(" #", 1)[0] if not line.lstrip().startswith("#") else ""
        m = re.match(r"\s*(?:-\s+)?(?:[^\s:\"'][^:]*:\s+)?([\"'])(.*)$", stripped)
        if not m:
            continue
        quote, rest = m.group(1), m.group(2)
        body = rest.replace("\\\"", "") if quote == '"' else rest.replace("''", "")
        if quote not in body:
            return i
    return None


def _refine(text: str, hint: str, line: int | None, col: int | None) -> tuple[str, int | None, int | None]:
    """Better guesses than PyYAML's for two frequent mistakes: an unclosed quote, an indented key."""
    if line is None:
        return hint, line, col
    opened = _unclosed_quote(text, line)
    if opened is not None:
        return ("tanda kutip dibuka tetapi tidak ditutup; tutup teks dengan tanda kutip yang sama "
                "dengan pembukanya."), opened, None
    lines = text.splitlines()
    if hint.startswith("baris ini bukan pasangan"):
        for back in range(min(line, len(lines)), 0, -1):
            candidate = lines[back - 1]
            if candidate.strip() and not candidate.lstrip().startswith("#"):
                if ":" not in candidate and not candidate.lstrip().startswith("- "):
                    return hint, back, None
                if back < line:
                    break
    if hint.startswith("ada tanda titik dua") and col is not None:
        current = text.splitlines()[line - 1] if line - 1 < len(text.splitlines()) else ""
        before = current[:col - 1]
        if ": " not in before and not before.strip().startswith("- "):
            return ("menjorok (indentasi) baris ini tidak sama dengan isian lain di kelompoknya; samakan "
                    "jumlah spasi di awal baris."), line, col
    return hint, line, col


def _tab_indent(text: str) -> tuple[int, int] | None:
    for i, line in enumerate(text.splitlines(), start=1):
        lead = re.match(r"[ \t]*", line)
        if lead and "\t" in lead.group(0) and line.strip() and not line.lstrip().startswith("#"):
            return i, lead.group(0).index("\t") + 1
    return None


def _loader() -> type:
    import yaml

    class Loader(LimitedLoader):
        """SafeLoader (with the size/depth/alias limits) that refuses a key written twice (PyYAML keeps the last)."""

    def construct_mapping(loader: Any, node: Any, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, Any] = {}
        for key_node, _value in node.value:
            key = loader.construct_object(key_node, deep=deep)
            if key in seen:
                raise _DuplicateKey(str(key), key_node.start_mark.line + 1, key_node.start_mark.column + 1,
                                    seen[key])
            seen[key] = key_node.start_mark.line + 1
        return dict(yaml.SafeLoader.construct_mapping(loader, node, deep=deep))

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    return Loader


class _DuplicateKey(Exception):
    def __init__(self, key: str, line: int, col: int, first: int) -> None:
        self.key, self.line, self.col, self.first = key, line, col, first
        super().__init__(key)


def _positions(node: Any, prefix: Path_, out: dict[Path_, tuple[int, int]]) -> None:
    import yaml

    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            here = (*prefix, key)
            out[here] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            _positions(value_node, here, out)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            here = (*prefix, i)
            out[here] = (item.start_mark.line + 1, item.start_mark.column + 1)
            _positions(item, here, out)


def parse_yaml(text: str, path: Path | None = None) -> LetterData:
    import yaml

    tab = _tab_indent(text)
    if tab:
        raise DataFileError(f"baris {tab[0]}, kolom {tab[1]}: ada karakter Tab untuk menjorok; YAML hanya "
                            "menerima spasi — ganti Tab dengan spasi (mis. dua spasi per tingkat).", path=path)
    loader = _loader()
    try:
        data = load_yaml_text(text, loader=loader)
        node = yaml.compose(text, Loader=LimitedLoader)
    except DataLimitError as exc:
        raise DataFileError(f"file data tidak dibaca: {exc.reason}.", path=path) from None
    except _DuplicateKey as exc:
        raise DataFileError(f"baris {exc.line}, kolom {exc.col}: isian '{exc.key}' ditulis dua kali (pertama di "
                            f"baris {exc.first}); hapus salah satunya.", path=path) from None
    except yaml.YAMLError as exc:
        hint, line, col = _refine(text, *_yaml_message(exc))
        where = (f"baris {line}, kolom {col}: " if col else f"baris {line}: ") if line else ""
        raise DataFileError(where + hint, path=path) from None
    if not isinstance(data, dict):
        raise DataFileError("baris 1, kolom 1: file data harus berisi pasangan 'isian: nilai' di tingkat atas "
                            "(contoh: integritas surat baru nota-dinas -o contoh.yaml).", path=path)
    positions: dict[Path_, tuple[int, int]] = {}
    _positions(node, (), positions)
    bad_keys = [k for k in data if not isinstance(k, str)]
    if bad_keys:
        pos = positions.get((str(bad_keys[0]),), (1, 1))
        raise DataFileError(f"baris {pos[0]}, kolom {pos[1]}: nama isian '{bad_keys[0]}' harus berupa teks.",
                            path=path)
    return LetterData(data, path, positions)


def parse_json(text: str, path: Path | None = None) -> LetterData:
    try:
        data = load_json_text(text)
    except DataLimitError as exc:
        raise DataFileError(f"file data tidak dibaca: {exc.reason}.", path=path) from None
    except json.JSONDecodeError as exc:
        raise DataFileError(f"baris {exc.lineno}, kolom {exc.colno}: JSON tidak sah (periksa koma, tanda kutip "
                            "ganda dan kurung kurawal).", path=path) from None
    if not isinstance(data, dict):
        raise DataFileError("baris 1, kolom 1: file data harus berisi objek {\"isian\": nilai}.", path=path)
    return LetterData(data, path, {})


def load_letter_data(path: str | Path) -> LetterData:
    """A letter data file (YAML, or JSON by suffix) with key positions; Indonesian errors with line/column."""
    p = Path(path)
    raw = read_bytes(p, what="file data", error=DataFileError)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise DataFileError(f"baris {line}: file bukan teks UTF-8; simpan ulang sebagai UTF-8 "
                            "(Notepad: Simpan Sebagai → Encoding UTF-8).", path=p) from None
    if p.suffix.lower() == ".json":
        return parse_json(text, p)
    return parse_yaml(text, p)


# --- fields at any depth -----------------------------------------------------------------------------

def _describe_type(value: Any) -> str:
    if isinstance(value, bool):
        return "ya/tidak"
    if isinstance(value, (int, float)):
        return "angka"
    if isinstance(value, (dt.date, dt.datetime)):
        return "tanggal"
    if isinstance(value, str):
        return "teks"
    if isinstance(value, Mapping):
        return "kelompok isian"
    if isinstance(value, list):
        return "daftar"
    return type(value).__name__


TEXT = "teks"
TEXT_OR_LIST = "teks atau daftar"
GROUP = "kelompok isian"
LIST = "daftar"
DATE = "tanggal"
FLAG = "ya/tidak (true/false)"
TEXT_OR_FLAG = "teks atau true/false"


def _type_ok(value: Any, expected: str) -> bool:
    if value is None:
        return True
    if expected == TEXT:
        return isinstance(value, (str, int, float)) and not isinstance(value, bool)
    if expected == TEXT_OR_LIST:
        return isinstance(value, (str, list, int, float)) and not isinstance(value, bool)
    if expected == GROUP:
        return isinstance(value, Mapping)
    if expected == LIST:
        return isinstance(value, list)
    if expected == DATE:
        return isinstance(value, (dt.date, str))
    if expected == FLAG:
        return isinstance(value, bool)
    if expected == TEXT_OR_FLAG:
        return isinstance(value, (bool, str))
    return True


def check_fields(data: Mapping[str, Any], allowed: Mapping[str, Iterable[str]], *,
                 types: Mapping[str, str] | None = None, open_paths: Iterable[str] = ()) -> None:
    """Misspelled or mistyped fields at any depth → FieldError naming the field and the closest name.

    ``allowed`` maps a path (``""`` for the top, ``penandatangan``, ``isi[]`` for list items) to the
    field names accepted there; a mapping at a path not in ``allowed`` (or in ``open_paths``) is free.
    ``types`` maps a dotted field (``penandatangan.nip``, ``isi``) to one of the type names above.
    """
    types = types or {}
    opened = set(open_paths)

    def walk(value: Any, schema_path: str, shown: str) -> None:
        if isinstance(value, Mapping):
            if schema_path in allowed and schema_path not in opened:
                names = sorted(set(allowed[schema_path]))
                for key in value:
                    if key not in names:
                        label = f"{shown}.{key}" if shown else str(key)
                        close = difflib.get_close_matches(str(key), names, n=1, cutoff=0.6)
                        hint = (f"; mungkin maksudnya '{close[0]}'?" if close
                                else f"; isian yang dikenal di sini: {', '.join(names)}")
                        raise FieldError(f"isian '{label}' tidak dikenal{hint}", field=label)
            for key, item in value.items():
                sub = f"{schema_path}.{key}" if schema_path else str(key)
                label = f"{shown}.{key}" if shown else str(key)
                expected = types.get(sub)
                if expected and not _type_ok(item, expected):
                    raise FieldError(f"isian '{label}' harus berupa {expected}, bukan {_describe_type(item)}"
                                     + (" (tulis NIP sebagai teks dalam tanda kutip, mis. nip: \"1978…\")"
                                        if key == "nip" and isinstance(item, int) else "")
                                     + ".", field=label)
                walk(item, sub, label)
        elif isinstance(value, list):
            for i, item in enumerate(value, start=1):
                walk(item, schema_path + "[]", f"{shown}[{i}]")

    walk(data, "", "")
