"""The VBA project of the macro-enabled templates, generated at build time.

Nothing third-party is committed. The project is made from the *installed* xlwings
(pinned in ``pyproject.toml``):

1. ``xlwings quickstart NAME --standalone`` copies the package's
   ``quickstart_standalone.xlsm``, whose VBA project holds xlwings' ``xlwings``
   module (``RunPython``, BSD-3) and its ``Dictionary`` class. We take that same file
   from the installed package (:func:`xlwings_standalone_workbook`).
2. pyOpenVBA (MIT, pure Python) removes the quickstart's sample ``Module1`` and adds
   our module(s) kept as text in ``templates/xlsx/vba/*.bas``.
3. The resulting ``xl/vbaProject.bin`` is extracted (what XlsxWriter's
   ``vba_extract`` does) and handed to ``build_workbook(..., vba_project=...)``.

The xlwings module declares the version it expects
(``Public Const XLWINGS_VERSION As String = "0.37.8"``); :func:`build_vba_project`
refuses to build when it differs from the installed xlwings or from the pin.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from toolkit.errors import ToolkitError
from toolkit.resources import SOURCE_ROOT, is_source_checkout, resource_path

VBA_DIR = resource_path("templates/xlsx/vba")
XLWINGS_MODULE = "xlwings"
DICTIONARY_MODULE = "Dictionary"
QUICKSTART_SAMPLE_MODULE = "Module1"
DISTRIBUTION = "integritas-toolkit"

_VERSION_CONST = re.compile(r'XLWINGS_VERSION\s+As\s+String\s*=\s*"([^"]+)"', re.IGNORECASE)
_SUB = re.compile(r"^\s*(?:Public\s+|Private\s+)?Sub\s+(\w+)\s*\(\s*\)(.*?)^\s*End\s+Sub", re.I | re.M | re.S)
_RUNPYTHON = re.compile(r'RunPython\s*\(?\s*"((?:[^"]|"")*)"', re.IGNORECASE)
_ACTION = re.compile(r"""\.run\(\s*'([^']+)'\s*\)""")
_VB_NAME = re.compile(r'^Attribute\s+VB_Name\s*=\s*"([^"]+)"', re.IGNORECASE | re.MULTILINE)


class VbaBuildError(ToolkitError):
    """The VBA project cannot be built (xlwings missing, versions differ, bad .bas)."""


@dataclass(frozen=True)
class VbaModuleText:
    name: str
    path: Path
    source: str  # CRLF line endings, as VBA stores them


@dataclass(frozen=True)
class VbaProjectInfo:
    path: Path  # the vbaProject.bin written
    xlwings_version: str  # what the xlwings VBA module declares
    modules: tuple[str, ...]  # every module in the project, in order


def xlwings_standalone_workbook() -> Path:
    """The workbook ``xlwings quickstart NAME --standalone`` copies (from the installed package)."""
    try:
        import xlwings
    except ImportError as exc:  # pragma: no cover - xlwings is a dependency
        raise VbaBuildError("paket xlwings belum terpasang (pip install xlwings).") from exc
    path = Path(xlwings.__file__).resolve().parent / "quickstart_standalone.xlsm"
    if not path.is_file():
        raise VbaBuildError(f"xlwings {xlwings.__version__} tidak menyertakan quickstart_standalone.xlsm.",
                            path=path)
    return path


def installed_xlwings_version() -> str:
    import xlwings

    return str(xlwings.__version__)


def pinned_xlwings_version() -> str | None:
    """The exact version pyproject pins (``xlwings==X``), from the installed distribution's metadata."""
    try:
        requires = metadata.requires(DISTRIBUTION) or []
    except metadata.PackageNotFoundError:
        requires = []
    for req in requires:
        m = re.match(r"^\s*xlwings\s*==\s*([\w.]+)", req, re.IGNORECASE)
        if m:
            return m.group(1)
    pyproject = SOURCE_ROOT / "pyproject.toml"
    if is_source_checkout() and pyproject.is_file():
        m = re.search(r'"xlwings\s*==\s*([\w.]+)"', pyproject.read_text(encoding="utf-8"))
        if m:
            return m.group(1)
    return None


def vba_version(source: str) -> str | None:
    """The xlwings version a VBA module expects (its ``XLWINGS_VERSION`` constant)."""
    m = _VERSION_CONST.search(source)
    return m.group(1) if m else None


def read_bas(path: Path) -> VbaModuleText:
    text = path.read_text(encoding="utf-8")
    m = _VB_NAME.search(text)
    if m is None:
        raise VbaBuildError('baris pertama harus Attribute VB_Name = "NAMA".', path=path)
    lines = text.replace("\r\n", "\n").split("\n")
    return VbaModuleText(m.group(1), path, "\r\n".join(lines).rstrip("\r\n") + "\r\n")


def our_modules(vba_dir: Path = VBA_DIR) -> list[VbaModuleText]:
    paths = sorted(vba_dir.glob("*.bas"))
    if not paths:
        raise VbaBuildError("tidak ada modul .bas.", path=vba_dir)
    return [read_bas(p) for p in paths]


def macro_calls(source: str) -> dict[str, list[str]]:
    """Macro name -> the Python commands its body passes to ``RunPython``."""
    calls: dict[str, list[str]] = {}
    for m in _SUB.finditer(source):
        calls[m.group(1)] = [c.replace('""', '"') for c in _RUNPYTHON.findall(m.group(2))]
    return calls


def command_action(command: str) -> str | None:
    """The action name in ``import toolkit.excel_entry as ie; ie.run('validasi')``."""
    if "toolkit.excel_entry" not in command:
        return None
    m = _ACTION.search(command)
    return m.group(1) if m else None


def read_project_modules(xlsm: Path) -> dict[str, str]:
    """Module name -> source of a workbook's VBA project (pyOpenVBA)."""
    from pyopenvba import ExcelFile

    with ExcelFile(Path(xlsm)) as wb:
        return dict(wb.vba_modules())


def build_vba_project(dest: Path, *, vba_dir: Path = VBA_DIR, check_pin: bool = True) -> VbaProjectInfo:
    """Write ``dest`` (a vbaProject.bin): xlwings' standalone project + our ``.bas`` modules."""
    from pyopenvba import ExcelFile

    installed = installed_xlwings_version()
    pinned = pinned_xlwings_version()
    if check_pin and pinned is not None and pinned != installed:
        raise VbaBuildError(f"xlwings terpasang {installed}, tetapi pyproject menetapkan {pinned}. "
                            f"Pasang versi yang sama: pip install xlwings=={pinned}")
    modules = our_modules(vba_dir)
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="integritas-vba-") as tmp:
        work = Path(tmp) / "standalone.xlsm"
        shutil.copyfile(xlwings_standalone_workbook(), work)
        with ExcelFile(work) as wb:
            project = wb.vba_project()
            names = {n.casefold() for n in project.module_names()}
            if XLWINGS_MODULE.casefold() not in names:
                raise VbaBuildError("proyek VBA xlwings tidak berisi modul 'xlwings' (RunPython).", path=work)
            declared = vba_version(project.get_module(XLWINGS_MODULE).source)
            if declared != installed:
                raise VbaBuildError(f"modul VBA xlwings mengharapkan versi {declared}, sedangkan paket "
                                    f"Python xlwings {installed}.")
            if QUICKSTART_SAMPLE_MODULE.casefold() in names:
                project.delete_module(QUICKSTART_SAMPLE_MODULE)
            for mod in modules:
                if mod.name.casefold() in names - {QUICKSTART_SAMPLE_MODULE.casefold()}:
                    raise VbaBuildError(f"nama modul '{mod.name}' sudah dipakai xlwings.", path=mod.path)
                project.add_module(mod.name, mod.source)
            problems = project.validate()
            if problems:
                raise VbaBuildError("proyek VBA tidak konsisten: " + "; ".join(problems))
            wb.save(Path(tmp) / "built.xlsm")
            module_names = tuple(project.module_names())
        with zipfile.ZipFile(Path(tmp) / "built.xlsm") as z:
            dest.write_bytes(z.read("xl/vbaProject.bin"))
    return VbaProjectInfo(dest, declared or "", module_names)


def make_press_copy(src: Path, dest: Path, stub: str) -> Path:
    """A copy of ``src`` for LibreOffice: xlwings' module replaced by ``stub``, ``Dictionary`` dropped.

    LibreOffice Basic cannot compile xlwings' ``Dictionary`` class, and one module that
    does not compile silently disables the whole library, so the copy drops it.
    """
    from pyopenvba import ExcelFile

    shutil.copyfile(src, dest)
    with ExcelFile(dest) as wb:
        project = wb.vba_project()
        if DICTIONARY_MODULE.casefold() in {n.casefold() for n in project.module_names()}:
            project.delete_module(DICTIONARY_MODULE)
        wb.set_module(XLWINGS_MODULE, stub)
        wb.save()
    return dest
