"""SIGKILL streams for issue 19: commands killed at random moments, then every file under a final name checked.

A :class:`Stream` owns one folder (its own copies of the inputs, its own outputs) and runs the
commands of :func:`commands` round-robin (nilai every other round) in subprocesses, each killed
(SIGKILL to its process group) at a moment drawn uniformly over that command's measured duration
— start-up, work and writing alike — or, for every fourth kill of a command, 0-4 ms after its
temporary output file appeared ("aimed": writing takes 5-40 ms of a 1-3 s run, 0.5 s in rekap,
so uniform kills rarely land in it; aimed ones do however loaded the machine is). After every
run it checks the folder: every non-hidden file whole (:func:`intact`), and after ``surat`` the
office register (:func:`register_problems`). A run that was not killed is a rerun after kills
and must end with exit 0 or 1 (it cleaned the killed runs' leftovers).
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tests.support import hostile as H
from toolkit.workbook.atomic import _OWNER_RE
from toolkit.workbook.verify import verify_workbook

SOURCE = H.SAMPLES / "rencana-aksi-zi" / "komdigi-2026-invalid.xlsx"
KIRIMAN = H.SAMPLES / "rekap" / "kiriman-tw2"
OFFICE = H.SAMPLES / "surat" / "kantor-djpb.yaml"  # numbers ND-{urut}/PB.1/{tahun}
LETTER = H.SAMPLES / "surat" / "nota-dinas-nd-1182-pb1-2023.yaml"
LETTER_NUMBER = re.compile(r"ND-(\d+)/PB\.1/(\d{4})")
ISSUE_COMMANDS = ("validasi", "checklist", "rekap", "surat")  # issue 19's "Done means"; nilai rides along


def evidence(d: Path) -> Path:
    b = d / "bukti" / "1. Manajemen Perubahan"
    b.mkdir(parents=True)
    for i in range(20):
        (b / f"dokumen-{i}.pdf").write_bytes(b"%PDF-1.4\n" + os.urandom(2000) + b"\n%%EOF\n")
    return d / "bukti"


def intact(path: Path) -> str:
    """'' when the file under a final name is whole, else why not."""
    try:
        if path.suffix in (".xlsx", ".xlsm"):
            verify_workbook(path)
        elif path.suffix == ".docx":
            with zipfile.ZipFile(path) as z:
                bad = z.testzip()
                if bad:
                    return f"{path.name}: {bad} rusak"
            import docx

            docx.Document(str(path))
        elif path.suffix == ".json":
            json.loads(path.read_text(encoding="utf-8"))
        elif path.suffix == ".csv":
            text = path.read_text(encoding="utf-8")
            if not text.startswith("path,size,sha256,mtime") or not text.endswith("\n"):
                return f"{path.name}: CSV terpotong"
        if path.stat().st_size == 0:
            return f"{path.name}: 0 byte"
    except Exception as exc:
        return f"{path.name}: {type(exc).__name__}: {exc}"
    return ""


def is_temp(name: str) -> bool:
    return name.startswith(".") and ".tmp" in name


def temp_owner(name: str) -> int | None:
    m = _OWNER_RE.search(name)
    return int(m.group("pid")) if m else None


def commands(folder: Path) -> dict[str, list[str]]:
    """The cheapest arguments that still write real output, every output in ``folder`` (reruns replace them)."""
    src = Path(shutil.copy(SOURCE, folder / "unit.xlsx"))
    bukti = evidence(folder)
    kiriman = Path(shutil.copytree(KIRIMAN, folder / "kiriman"))
    return {
        "validasi": ["validasi", "--tulis-hasil", "--timpa", str(src)],
        "checklist": ["checklist", str(src), "--bukti", str(bukti), "-o", str(folder / "unit.checklist.xlsx"),
                      "--timpa"],
        "rekap": ["rekap", str(kiriman), "-o", str(folder / "REKAP.xlsx"), "--timpa", "--tanpa-riwayat",
                  "--tanpa-progres"],
        # a numbered letter: the number comes from the office register (nomor emptied), same name each run
        "surat": ["surat", "nota-dinas", "--data", str(LETTER), "--set", "nomor=", "-o", str(folder / "nd.docx"),
                  "--timpa"],
        "nilai": ["nilai", str(H.LKE_REFERENCE), "--tulis-hasil", "--timpa", "-o", str(folder / "lke.hasil.xlsx")],
    }


def start(argv: Sequence[str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "toolkit", *argv], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, start_new_session=True)


def register_problems(db: Path, letters: Sequence[Path]) -> tuple[list[str], Counter[str]]:
    """What is wrong with the office register and the letters under final names; and its rows by status.

    The register's own semantics (toolkit/documents/render.py, office_register.py): a number is
    taken in one transaction (counter and row together), so running numbers are 1..N without a gap
    or a repeat and the counter is N; a letter is recorded *terbit* with its sha256 and archived copy
    before it is moved to its final name. So every letter under a final name carries exactly one
    number, recorded *terbit* with that letter's sha256; every *terbit* number has a whole archived
    copy (reprintable, even when a kill came between the record and the move); a killed run may leave
    its number *dicadangkan* ("sedang dibuat") or *batal*, without a letter, never given again.
    """
    problems: list[str] = []
    con = sqlite3.connect(db, timeout=60, isolation_level=None)
    try:
        check = con.execute("PRAGMA integrity_check").fetchall()
        if check != [("ok",)]:
            return [f"register rusak: {check[:3]}"], Counter()
        con.execute("BEGIN")  # one snapshot: other streams keep numbering meanwhile
        rows = con.execute("SELECT nomor, jenis, tahun, urut, status, sha256 FROM nomor_terbit").fetchall()
        counters = dict(((j, t), n) for j, t, n in con.execute("SELECT jenis, tahun, terakhir FROM penghitung"))
        archive = {s: hashlib.sha256(bytes(b)).hexdigest() == s
                   for s, b in con.execute("SELECT sha256, isi FROM arsip")}
        con.execute("COMMIT")
    finally:
        con.close()
    statuses = Counter(r[4] for r in rows)
    by_number = {r[0]: r for r in rows}
    if len(by_number) != len(rows):
        problems.append("nomor ganda di register")
    runs: dict[tuple[str, int], list[int]] = {}
    for _n, jenis, tahun, urut, status, sha in rows:
        runs.setdefault((jenis, tahun), []).append(urut)
        if status not in ("terbit", "dicadangkan", "batal"):
            problems.append(f"status tak dikenal {status}")
        if status == "terbit" and not archive.get(sha):
            problems.append(f"nomor terbit {_n} tanpa salinan arsip utuh")
    for key, uruts in runs.items():
        if sorted(uruts) != list(range(1, len(uruts) + 1)) or counters.get(key) != len(uruts):
            problems.append(f"nomor urut {key} berlubang/ganda: {sorted(uruts)}, penghitung {counters.get(key)}")
    from toolkit.documents.placeholders import docx_text

    for letter in letters:
        numbers = {m.group(0) for m in LETTER_NUMBER.finditer(docx_text(letter))}
        if len(numbers) != 1:
            problems.append(f"{letter.name}: nomor di surat {sorted(numbers)}")
            continue
        nomor = numbers.pop()
        row = by_number.get(nomor)
        if row is None or row[4] != "terbit" or row[5] != hashlib.sha256(letter.read_bytes()).hexdigest():
            problems.append(f"{letter.name}: nomor {nomor} tidak tercatat terbit untuk surat ini ({row})")
    return problems, statuses


@dataclass
class Stream:
    folder: Path
    db: Path  # the office register (shared by the streams)
    quota: int  # kills per issue command
    deadline: float
    seed: int
    argv: dict[str, list[str]] = field(default_factory=dict)
    took: dict[str, float] = field(default_factory=dict)
    runs: Counter[str] = field(default_factory=Counter)
    killed: Counter[str] = field(default_factory=Counter)
    aimed: Counter[str] = field(default_factory=Counter)
    writing: Counter[str] = field(default_factory=Counter)
    partial: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    register: list[str] = field(default_factory=list)
    _seen: dict[str, tuple[int, int, int]] = field(default_factory=dict)

    def prepare(self) -> None:
        """Inputs, then one whole run of each command: how long it takes here (and that it works)."""
        self.folder.mkdir(parents=True)
        self.argv = commands(self.folder)
        for name, argv in self.argv.items():
            begun = time.monotonic()
            proc = start(argv)
            _out, err = proc.communicate(timeout=180)
            assert proc.returncode in (0, 1), (name, err.decode(errors="replace"))
            self.took[name] = time.monotonic() - begun
            self.runs[name] += 1

    def run(self) -> None:
        rng = random.Random(self.seed)
        rounds = 0
        while time.monotonic() < self.deadline:
            todo = [n for n in ISSUE_COMMANDS if self.killed[n] < self.quota]
            if not todo:
                break
            for name in todo + (["nilai"] if rounds % 2 == 0 else []):  # nilai at half the rate
                self._one(name, rng)
            rounds += 1

    def _one(self, name: str, rng: random.Random) -> None:
        aim = self.killed[name] % 4 == 0 and self.aimed[name] <= self.killed[name] // 4
        proc = start(self.argv[name])
        self.runs[name] += 1
        if aim:  # shortly after its temporary output appeared
            mark = f"-{proc.pid}."
            limit = time.monotonic() + 3 * self.took[name] + 5
            while proc.poll() is None and time.monotonic() < limit:
                if any(is_temp(n) and mark in n for n in os.listdir(self.folder)):
                    time.sleep(rng.uniform(0, 0.004))  # a write lasts 5-500 ms here
                    break
                time.sleep(0.001)
        else:
            time.sleep(rng.uniform(0, 1) * self.took[name])
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        _out, err = proc.communicate()
        if proc.returncode == -signal.SIGKILL:  # killed only if it was still alive at the kill
            self.killed[name] += 1
            self.aimed[name] += aim
            if any(is_temp(n) and temp_owner(n) == proc.pid for n in os.listdir(self.folder)):
                self.writing[name] += 1
        elif proc.returncode not in (0, 1):  # a rerun after kills must work
            self.failed.append(f"{name}: exit {proc.returncode}: {err.decode(errors='replace')[-300:]}")
        self.check(name)

    def check(self, name: str) -> None:
        for p in sorted(self.folder.iterdir()):
            if not p.is_file() or p.name.startswith("."):
                continue
            st = p.stat()
            key = (st.st_ino, st.st_mtime_ns, st.st_size)
            if self._seen.get(p.name) == key:  # checked already and not replaced since
                continue
            problem = intact(p)
            if problem:
                self.partial.append(f"{name}: {problem}")
            else:
                self._seen[p.name] = key
        if name == "surat":
            letters = [self.folder / "nd.docx"] if (self.folder / "nd.docx").exists() else []
            problems, _statuses = register_problems(self.db, letters)
            self.register += [f"setelah {name}: {p}" for p in problems]

    def rerun(self) -> None:
        """Each command once more, not killed: it works and removes the killed runs' leftovers of its outputs."""
        for name, argv in self.argv.items():
            proc = start(argv)
            _out, err = proc.communicate(timeout=180)
            self.runs[name] += 1
            if proc.returncode not in (0, 1):
                self.failed.append(f"{name} (run ulang): exit {proc.returncode}: {err.decode(errors='replace')[-300:]}")
            self.check(name)

    def leftovers(self) -> list[str]:
        return sorted(n for n in os.listdir(self.folder) if is_temp(n))
