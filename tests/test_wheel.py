"""The wheel works on its own: built once, installed into a new virtualenv outside the repository,
run from an empty folder on the starters it ships (issue 12).

The virtualenv gets the wheel and its dependencies from the package index with the repository's
constraints (requirements/constraints.txt), exactly as a unit's PC would. A small ``.pth`` hook,
written into that virtualenv only, records (through Python's audit hook ``open`` event) every
file the installed commands open from the package or from this repository: the first must all be
inside the wheel, the second must be none.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import REPO
from toolkit.schemas import kinds
from toolkit.starters import starter_files

pytestmark = [pytest.mark.slow]

ND_YAML = "samples/surat/nota-dinas-nd-1182-pb1-2023.yaml"
SURAT_YAML = "samples/surat/surat-dinas-700-40-itdakab-2024.yaml"
LAPORAN_YAML = "samples/surat/laporan-monev-komdigi-2026.yaml"

OPEN_HOOK = '''\
"""Test-only: record files opened from the installed toolkit or from the repository (tests/test_wheel.py)."""
import os
import sys

_LOG = os.environ.get("INTEGRITAS_UJI_LOG_BUKA")
_WATCH = tuple(p for p in os.environ.get("INTEGRITAS_UJI_AWASI", "").split(os.pathsep) if p)
_busy = False


def _hook(event, args):
    global _busy
    if event != "open" or _busy or not args or not isinstance(args[0], (str, bytes, os.PathLike)):
        return
    path = os.path.abspath(os.fsdecode(args[0]))
    if not path.startswith(_WATCH) or "__pycache__" in path:
        return
    _busy = True
    try:
        fd = os.open(_LOG, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, (path + "\\n").encode("utf-8", "surrogateescape"))
        finally:
            os.close(fd)
    finally:
        _busy = False


if _LOG and _WATCH:
    sys.addaudithook(_hook)
'''


@dataclass
class WheelVenv:
    wheel: Path
    venv: Path
    site_packages: Path
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def bin(self) -> Path:
        return self.venv / ("Scripts" if os.name == "nt" else "bin")

    @property
    def package(self) -> Path:
        return self.site_packages / "toolkit"

    def names(self) -> set[str]:
        with zipfile.ZipFile(self.wheel) as zf:
            return set(zf.namelist())


def _build(root: Path) -> WheelVenv:
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    dist = root / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(dist), str(REPO)], check=True, capture_output=True, text=True)
    (wheel,) = dist.glob("integritas_toolkit-*.whl")
    timings["bangun wheel"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
    py = venv / "bin" / "python"
    # Offline and without HOME: the wheel alone goes in (--no-index --no-deps); its dependencies are the
    # ones .venv already holds (pinned by requirements/constraints.txt), seen through a path entry — not a
    # site dir, so .venv's editable-install .pth (the repo) is NOT processed and toolkit comes from the wheel.
    # `pip check` then proves every Requires-Dist of the wheel is satisfied by what the new venv sees.
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")}
    env.update(HOME=str(root), PIP_NO_CACHE_DIR="1", PIP_NO_INPUT="1")
    install = subprocess.run([str(py), "-m", "pip", "install", "-q", "--no-index", "--no-deps", str(wheel)],
                             capture_output=True, text=True, cwd=root, env=env)
    assert install.returncode == 0, install.stderr[-3000:]
    dev_site = sysconfig.get_paths()["purelib"]
    new_site = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                              check=True, capture_output=True, text=True).stdout.strip()
    Path(new_site, "_integritas_uji_dependensi.pth").write_text(dev_site + "\n", encoding="utf-8")
    check = subprocess.run([str(py), "-m", "pip", "check"], capture_output=True, text=True, cwd=root, env=env)
    assert check.returncode == 0, check.stdout[-3000:] + check.stderr[-3000:]
    where = subprocess.run([str(py), "-c", "import toolkit; print(toolkit.__file__)"], capture_output=True,
                           text=True, cwd=root, env=env)
    assert where.stdout.strip().startswith(new_site), where.stdout + where.stderr
    timings["pasang ke virtualenv baru"] = time.perf_counter() - t0
    site = Path(subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               check=True, capture_output=True, text=True).stdout.strip())
    (site / "_integritas_uji_buka.py").write_text(OPEN_HOOK, encoding="utf-8")
    (site / "_integritas_uji_buka.pth").write_text("import _integritas_uji_buka\n", encoding="utf-8")
    built = WheelVenv(wheel, venv, site, timings)
    (root / "siap.json").write_text(json.dumps({"wheel": str(wheel), "venv": str(venv), "site": str(site),
                                                "timings": timings}), encoding="utf-8")
    return built


def _clean_env(venv: Path, home_parent: Path) -> dict[str, str]:
    """A user's environment: the new virtualenv first on PATH, an empty HOME, nothing of ours."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "PYTHONUSERBASE", "PYTHONSTARTUP")}
    home = home_parent / "home"
    home.mkdir(exist_ok=True)
    env.update(HOME=str(home), PATH=os.pathsep.join([str(venv / "bin"), "/usr/local/bin", "/usr/bin", "/bin"]),
               VIRTUAL_ENV=str(venv))
    return env


@pytest.fixture(scope="session")
def wheel_venv(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> WheelVenv:
    """Built and installed once per run, shared by the xdist workers (a lock file, the xdist recipe)."""
    if worker_id == "master":
        return _build(tmp_path_factory.mktemp("wheel"))
    root = tmp_path_factory.getbasetemp().parent / "wheel-bersama"
    root.mkdir(exist_ok=True)
    with open(root / "kunci", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        ready = root / "siap.json"
        if ready.exists():
            info = json.loads(ready.read_text(encoding="utf-8"))
            return WheelVenv(Path(info["wheel"]), Path(info["venv"]), Path(info["site"]), info["timings"])
        return _build(root)


class Runner:
    """Runs the installed ``integritas`` from one empty folder, recording the files it opens."""

    def __init__(self, wv: WheelVenv, work: Path) -> None:
        self.wv = wv
        self.work = work
        self.log = work.parent / "dibuka.log"
        self.env = _clean_env(wv.venv, work.parent)
        self.env.update(INTEGRITAS_UJI_LOG_BUKA=str(self.log),
                        INTEGRITAS_UJI_AWASI=os.pathsep.join([str(wv.package) + os.sep, str(REPO) + os.sep]),
                        INTEGRITAS_REGISTER=str(work / "register-nomor.sqlite"))
        self.timings: dict[str, float] = {}

    def __call__(self, *args: str, expect: tuple[int, ...] = (0,)) -> subprocess.CompletedProcess[str]:
        t0 = time.perf_counter()
        run = subprocess.run([str(self.wv.bin / "integritas"), *args], cwd=self.work, env=self.env,
                             capture_output=True, text=True, timeout=600)
        self.timings[" ".join(args[:2])] = time.perf_counter() - t0
        assert run.returncode in expect, f"integritas {' '.join(args)} -> {run.returncode}\n{run.stdout[-2000:]}" \
                                         f"\n{run.stderr[-3000:]}"
        assert "Traceback" not in run.stderr
        return run

    def opened(self) -> set[Path]:
        if not self.log.exists():
            return set()
        return {Path(line) for line in self.log.read_text(encoding="utf-8").splitlines() if line}


@pytest.fixture()
def runner(wheel_venv: WheelVenv, tmp_path: Path) -> Iterator[Runner]:
    work = tmp_path / "kosong"
    work.mkdir()
    yield Runner(wheel_venv, work)


def _docx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as zf:
        return zf.read("word/document.xml").decode("utf-8")


def test_wheel_holds_templates_vba_data_and_starters(wheel_venv: WheelVenv) -> None:
    names = wheel_venv.names()
    for docx in sorted((REPO / "templates" / "docx").glob("*.docx")):
        assert f"toolkit/_resources/templates/docx/{docx.name}" in names
    assert "toolkit/_resources/templates/xlsx/vba/Integritas.bas" in names
    for data in sorted((REPO / "toolkit" / "data").rglob("*")):
        if data.is_file():
            assert f"toolkit/{data.relative_to(REPO / 'toolkit').as_posix()}" in names
    for f in starter_files():
        if f.source is not None:  # (the others are built from a schema: an empty template)
            assert f"toolkit/_resources/samples/{f.relative.as_posix()}" in names
    assert not [n for n in names if n.startswith(("tests/", "samples/", "templates/")) or "__pycache__" in n]


def test_installed_toolkit_makes_a_nota_dinas_pdf_and_an_xlsm_from_an_empty_folder(runner: Runner) -> None:
    assert list(runner.work.iterdir()) == []
    where = subprocess.run([str(runner.wv.bin / "python"), "-c", "import toolkit; print(toolkit.__file__)"],
                           cwd=runner.work, env=runner.env, capture_output=True, text=True, check=True).stdout
    assert Path(where.strip()).is_relative_to(runner.wv.site_packages), where
    runner("contoh", "-o", "samples")
    runner("kantor", "buat", "--dari", "samples/surat/kantor-djpb.yaml")  # the seed letter's own office
    runner("surat", "nota-dinas", "-d", ND_YAML, "-o", "nd.docx", "--pdf")
    pdf = runner.work / "nd.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "NOTA DINAS" in text and "ND-1182/PB.1/2023" in text
    runner("excel", "bangun", "-o", "xlsm")
    assert sorted(p.stem for p in (runner.work / "xlsm").glob("*.xlsm")) == sorted(kinds())
    with zipfile.ZipFile(runner.work / "xlsm" / "rencana-aksi-zi.xlsm") as zf:
        assert "xl/vbaProject.bin" in zf.namelist()


def test_every_capability_runs_on_the_starters_and_opens_only_files_in_the_wheel(runner: Runner) -> None:
    """Each capability once, with its expected exit code and output; then the opened-files audit."""
    w = runner.work
    assert "integritas 0.1.0" in runner("--versi").stdout
    runner("contoh", "-o", "samples")
    runner("templat", "rencana-aksi-zi", "-o", "rencana-aksi.xlsx")
    assert (w / "rencana-aksi.xlsx").is_file()
    runner("validasi", "samples/rencana-aksi-zi/komdigi-2026-valid.xlsx")
    bad = runner("validasi", "samples/rencana-aksi-zi/komdigi-2026-invalid.xlsx", "--tulis-hasil", expect=(1,))
    assert "GALAT" in bad.stdout.upper()
    assert (w / "samples" / "rencana-aksi-zi" / "komdigi-2026-invalid.hasil.xlsx").is_file()
    runner("checklist", "samples/rencana-aksi-zi/komdigi-2026-valid.xlsx", "--bukti", "samples/bukti/komdigi-2026",
           "-o", "checklist.xlsx", expect=(0, 1))
    assert (w / "checklist.xlsx").is_file() and (w / "checklist.manifest.json").is_file()
    runner("kantor", "buat", "--dari", "samples/surat/kantor-djpb.yaml")
    runner("surat", "nota-dinas", "-d", ND_YAML, "-o", "nd.docx", "--pdf")
    assert (w / "nd.pdf").is_file()
    runner("surat", "surat-dinas", "-d", SURAT_YAML, "--lampiran-spi",
           "samples/tindak-lanjut-spi/bangka-tengah-2024-valid.xlsx", "-o", "surat.docx")
    assert "LAMPIRAN II" in _docx_text(w / "surat.docx").upper()
    runner("surat", "laporan", "-w", "samples/rencana-aksi-zi/komdigi-2026-valid.xlsx", "-d", LAPORAN_YAML,
           "-o", "laporan.docx")
    assert (w / "laporan.docx").is_file()
    runner("rekap", "samples/rekap/kiriman-tw2", "--daftar-unit", "samples/rekap/daftar-unit.xlsx", "-o", "REKAP.xlsx",
           "--surat", "surat-unit", "--pengirim", "samples/rekap/pengirim.yaml", "--tanpa-progres", expect=(1,))
    assert (w / "REKAP.xlsx").is_file() and list((w / "surat-unit").glob("*.docx"))
    lke = runner("nilai", "samples/lke/lke-zi-permenpanrb-90-2021.xlsx", "--json", expect=(0, 1))
    assert json.loads(lke.stdout)
    runner("inspektorat", "pajak", "samples/bos-transaksi/sdn1-mataram-2025-invalid.xlsx", expect=(1,))
    runner("inspektorat", "gratifikasi", "samples/register-gratifikasi/inspektorat-ntb-2025-valid.xlsx",
           expect=(0, 1))
    runner("inspektorat", "risiko", "samples/register-risiko/dikbud-ntb-2025-valid.xlsx", "--grafik", "peta.png",
           expect=(0, 1))
    assert (w / "peta.png").read_bytes()[:4] == b"\x89PNG"
    runner("excel", "bangun", "-o", "xlsm", "--jenis", "rencana-aksi-zi")
    ready = runner("excel", "periksa", "xlsm/rencana-aksi-zi.xlsm")
    assert "Siap dipakai." in ready.stdout and str(runner.wv.bin) in ready.stdout

    opened = runner.opened()
    deps = Path(sysconfig.get_paths()["purelib"])  # the dependencies the new venv borrows (see _build)
    from_repo = sorted(str(p) for p in opened if p.is_relative_to(REPO) and not p.is_relative_to(deps))
    assert from_repo == [], f"the installed toolkit opened files of the repository: {from_repo}"
    names = runner.wv.names()
    packaged = sorted(p.relative_to(runner.wv.site_packages).as_posix() for p in opened
                      if p.is_relative_to(runner.wv.site_packages))
    missing = [n for n in packaged if n not in names]
    assert missing == [], f"opened from the package but not in the wheel: {missing}"
    resources = [n for n in packaged if not n.endswith(".py")]
    for expected in ("toolkit/_resources/templates/docx/nota-dinas.docx",
                     "toolkit/_resources/templates/docx/surat-dinas.docx",
                     "toolkit/_resources/templates/docx/laporan-monev.docx",
                     "toolkit/_resources/templates/xlsx/vba/Integritas.bas",
                     "toolkit/_resources/samples/surat/nota-dinas-nd-1182-pb1-2023.yaml",
                     "toolkit/data/evidence/katalog.yaml",
                     "toolkit/data/rules/pajak_bos.yaml",
                     "toolkit/data/scoring/permenpanrb-90-2021.yaml"):
        assert expected in resources, f"{expected} not among the opened package files: {resources}"
    assert shutil.which("integritas", path=runner.env["PATH"]) == str(runner.wv.bin / "integritas")
