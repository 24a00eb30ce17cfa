"""Everything a person reads is in Indonesian number and date formats (issue 18 point 6).

One representative run — validasi (every kind, with the Hasil Validasi copy), checklist,
nilai (LKE, kalender, SPI), inspektorat (pajak, gratifikasi, risiko), surat (nota dinas,
laporan, daftar with its xlsx export) and rekap (REKAP.xlsx, letters, dashboard) — and a
scan of every workbook, document, page and terminal message it produced for English
decimal points in Indonesian text ("0.0%", "1.7 detik"), floats where integers belong
("100.0"), numbers in exponent form (a NIP as 1.97805122003121e+17) and ISO timestamps.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from toolkit.cli import main
from toolkit.documents import docx_text

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"

# (name, pattern): what must never appear in text a person reads
BAD = (
    ("persen dengan titik desimal", re.compile(r"(?<![\w.])\d+\.\d+\s?%")),
    ("detik dengan titik desimal", re.compile(r"(?<![\w.])\d+\.\d+\s(?:detik|menit|jam|hari)\b")),
    ("bilangan bulat tertulis .0", re.compile(r"(?<![\w./-])\d+\.0(?![\w.%/-])")),
    ("angka berpangkat (mis. NIP)", re.compile(r"\b\d\.\d+[eE][+-]?\d+\b")),
    ("stempel waktu ISO", re.compile(r"\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")),
    # a plain YYYY-MM-DD date in text (not inside a file name or path: no word, dot, slash or dash around)
    ("tanggal ISO", re.compile(r"(?<![\w./\\-])\d{4}-\d{2}-\d{2}(?![\w./\\-])")),
)
# legitimate: version numbers ("Versi Skema 1.0", "toolkit 0.1"), letter numbers, file names
ALLOWED_CONTEXT = re.compile(r"versi|version|toolkit|skema|\.xlsx|\.docx|\.pdf|\.yaml|/|@", re.IGNORECASE)


@dataclass
class Hit:
    where: str
    kind: str
    text: str


def scan_text(where: str, text: str) -> list[Hit]:
    hits = []
    for line in text.splitlines():
        for kind, pattern in BAD:
            for m in pattern.finditer(line):
                context = line[max(0, m.start() - 25): m.end() + 10]
                if kind.startswith("bilangan bulat") and ALLOWED_CONTEXT.search(line[max(0, m.start() - 80):
                                                                                      m.end() + 10]):
                    continue
                hits.append(Hit(where, kind, context.strip()))
    return hits


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.skip += tag in ("style", "script")

    def handle_endtag(self, tag: str) -> None:
        self.skip -= tag in ("style", "script")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def scan_file(path: Path) -> list[Hit]:
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        hits = []
        wb = openpyxl.load_workbook(path, read_only=True)
        try:
            for ws in wb.worksheets:
                version_cols: set[int] = set()
                for r, row in enumerate(ws.iter_rows(values_only=True), start=1):
                    texts = [v for v in row if isinstance(v, str)]
                    if any(re.search(r"versi", t, re.IGNORECASE) for t in texts[:2]):
                        continue  # the Identitas row that carries the schema version
                    for c, v in enumerate(row):
                        if not isinstance(v, str):
                            continue
                        if re.search(r"versi", v, re.IGNORECASE):
                            version_cols.add(c)  # a "Versi Skema" column: its values are versions
                        elif c not in version_cols:
                            hits += scan_text(f"{path.name}!{ws.title}!{r}", v)
        finally:
            wb.close()
        return hits
    if suffix == ".docx":
        return scan_text(path.name, docx_text(path))
    if suffix in (".html", ".htm"):
        parser = _Text()
        parser.feed(path.read_text(encoding="utf-8"))
        return scan_text(path.name, "\n".join(parser.parts))
    if suffix in (".txt", ".csv"):
        if path.name.endswith(".manifest.csv"):
            return []  # a machine file (sha256 manifest, ISO timestamps by design)
        return scan_text(path.name, path.read_text(encoding="utf-8-sig"))
    return []


@pytest.fixture(scope="module")
def representative_run(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    out = tmp_path_factory.mktemp("keluaran")
    work = out / "masukan"
    work.mkdir()
    runner = CliRunner()
    messages: list[tuple[str, str]] = []

    def run(*args: str) -> None:
        res = runner.invoke(main, list(args), terminal_width=200)
        assert res.exit_code in (0, 1), (args, res.output, res.exception)
        messages.append((" ".join(args[:2]), res.output))

    def copy(rel: str) -> Path:
        return Path(shutil.copy(SAMPLES / rel, work / Path(rel).name))

    for rel in ("rencana-aksi-zi/komdigi-2026-invalid.xlsx", "kalender-integritas/kppn-2023-invalid.xlsx",
                "tindak-lanjut-spi/bangka-tengah-2024-invalid.xlsx", "bos-transaksi/sdn1-mataram-2025-invalid.xlsx",
                "register-gratifikasi/inspektorat-ntb-2025-invalid.xlsx",
                "register-risiko/dikbud-ntb-2025-invalid.xlsx"):
        run("validasi", str(copy(rel)), "--tulis-hasil", "--semua")
    zi = copy("rencana-aksi-zi/komdigi-2026-valid.xlsx")
    run("checklist", str(zi), "--bukti", str(SAMPLES / "bukti" / "komdigi-2026"), "-o", str(out / "checklist.xlsx"))
    run("nilai", str(copy("lke/lke-zi-permenpanrb-90-2021.xlsx")), "--tulis-hasil", "-o", str(out / "lke.xlsx"))
    kal = copy("kalender-integritas/kppn-2023-valid.xlsx")
    run("nilai", str(kal), "--tulis-hasil", "-o", str(out / "kepatuhan.xlsx"))
    spi = copy("tindak-lanjut-spi/bangka-tengah-2024-valid.xlsx")
    run("nilai", str(spi), "--tulis-hasil", "-o", str(out / "spi.xlsx"))
    run("inspektorat", "pajak", str(copy("bos-transaksi/sdn1-mataram-2025-valid.xlsx")), "-o", str(out / "pajak.xlsx"))
    run("inspektorat", "gratifikasi", str(copy("register-gratifikasi/inspektorat-ntb-2025-valid.xlsx")), "-o",
        str(out / "gratifikasi.xlsx"))
    run("inspektorat", "risiko", str(copy("register-risiko/dikbud-ntb-2025-valid.xlsx")), "-o",
        str(out / "risiko.xlsx"))
    reg = out / "register.sqlite"
    # letters need the office configuration (kantor.yaml): the sample office of the nota dinas
    konfig = pytest.MonkeyPatch()
    konfig.setenv("INTEGRITAS_KONFIG", str(work / "kantor.yaml"))
    run("kantor", "buat", "--dari", str(SAMPLES / "surat" / "kantor-djpb.yaml"), "--register", str(reg))
    run("surat", "nota-dinas", "-d", str(SAMPLES / "surat" / "nota-dinas-nd-1182-pb1-2023.yaml"), "--register",
        str(reg), "-o", str(out / "nota-dinas.docx"))
    run("surat", "laporan", "-d", str(SAMPLES / "surat" / "laporan-kepatuhan-kppn-2023.yaml"), "-w", str(kal),
        "--register", str(reg), "-o", str(out / "laporan-kepatuhan.docx"))
    run("rekap", str(SAMPLES / "rekap" / "kiriman-tw2"), "--daftar-unit", str(SAMPLES / "rekap" / "daftar-unit.xlsx"),
        "-o", str(out / "REKAP.xlsx"), "--db", str(out / "riwayat.sqlite"), "--tanpa-progres",
        "--surat", str(out / "surat"), "--pengirim", str(SAMPLES / "rekap" / "pengirim.yaml"),
        "--register", str(reg), "--dasbor", str(out / "DASBOR.html"))
    run("surat", "daftar", "--register", str(reg), "--xlsx", str(out / "register.xlsx"))
    run("rekap", "--tren", "Jawa Barat", "--db", str(out / "riwayat.sqlite"), "--ekspor-tren",
        str(out / "tren.csv"))
    konfig.undo()
    return out, messages


def test_every_output_reads_in_indonesian_formats(representative_run) -> None:  # type: ignore[no-untyped-def]
    out, messages = representative_run
    files = sorted(p for p in out.rglob("*") if p.is_file() and p.suffix.lower() in
                   (".xlsx", ".xlsm", ".docx", ".html", ".csv", ".txt"))
    kinds = {p.suffix.lower() for p in files}
    assert {".xlsx", ".docx", ".html", ".csv"} <= kinds
    assert len(files) >= 60  # every copy, letter, export (50 recap letters among them)
    hits = [h for p in files for h in scan_file(p)]
    for command, text in messages:
        hits += scan_text(f"terminal: {command}", text)
    assert not hits, "\n".join(f"{h.where}: {h.kind}: {h.text!r}" for h in hits[:40])


def test_the_scanner_catches_what_the_issue_reported() -> None:
    for bad in ("kelengkapan 0.0%", "dalam 1.7 detik", "Nilai 100.0", "150.0", "NIP 1.97805122003121e+17",
                "dicatat 2026-11-30T21:37:09"):
        assert scan_text("contoh", bad), bad
    for good in ("kelengkapan 0,0 %", "dalam 1,7 detik", "Nilai 100", "Versi Skema 1.0", "ND-1182/PB.1/2023",
                 "16 Maret 2026", "bukti 2023-03-10_pembinaan.pdf", "NIP 197805122003121001"):
        assert not scan_text("contoh", good), good
