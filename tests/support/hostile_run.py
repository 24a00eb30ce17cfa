"""Running the hostile corpus (issue 19): one CLI command under a memory cap and a time limit, classified.

:func:`run_case` runs ``integritas <argv>`` in a subprocess under ``RLIMIT_AS`` and a wall-clock
limit and classifies it: ``clean`` (an ordinary exit with, for a refusal, one line naming the file),
``hang`` (killed at the time limit), ``signal`` (killed by a signal, e.g. an abort), ``internal``
("Galat internal" or a traceback), ``over-1GiB`` (peak resident memory), ``unnamed`` (a refusal that
does not name its file), ``warning/English`` (a Python warning or English text on stderr).
:class:`Tally` gives the figures and the table of runs. The inputs: tests/support/hostile.py.
"""

from __future__ import annotations

import contextlib
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

MEMORY_CAP = 1536 * 1024 * 1024  # RLIMIT_AS of every run
GIB = 1024 * 1024 * 1024
MiB = 1024 * 1024


@dataclass
class Case:
    name: str
    argv: list[str]  # CLI arguments after "integritas"
    names: list[str] = field(default_factory=list)  # a refusal must name one of these
    expect_exit: tuple[int, ...] = (0, 1, 3)
    timeout: float = 40.0
    check: Callable[[subprocess.CompletedProcess[str]], str | None] | None = None  # extra: "" = ok
    wrapper: list[str] = field(default_factory=list)  # e.g. without_dac_override()


def without_dac_override() -> list[str] | None:
    """A command prefix under which file permissions hold even for root, or None when there is none.

    Tests run as root, and root ignores ``chmod 000``. Dropping CAP_DAC_OVERRIDE and
    CAP_DAC_READ_SEARCH from the bounding set (``setpriv``) keeps uid 0 (the interpreter under
    /root stays reachable) but makes mode 000 deny. Not root: no prefix needed.
    """
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    probe = subprocess.run([setpriv, "--bounding-set=-dac_override,-dac_read_search",
                            "--inh-caps=-dac_override,-dac_read_search", "true"], capture_output=True)
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search",
            "--inh-caps=-dac_override,-dac_read_search"] if probe.returncode == 0 else None



# --- running ---------------------------------------------------------------------------------

@dataclass
class Outcome:
    case: str
    rc: int | None
    seconds: float
    max_rss: int  # bytes
    stderr: str
    stdout: str
    verdict: str  # clean | hang | signal | internal | over-1GiB | unnamed | unexpected-exit | <check text>


# A small launcher between the test process and the command: ru_maxrss of a process started
# by fork + exec inherits its parent's high-water mark on Linux, so the command is started by
# this small interpreter (about 10 MB), not by pytest (hundreds of MB); it writes the command's
# own peak (RUSAGE_CHILDREN) to the file named first and exits as the command did.
_LAUNCHER = """
import os, resource, signal, subprocess, sys
code = subprocess.call(sys.argv[2:])
with open(sys.argv[1], "w") as out:
    out.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
if code < 0:
    signal.signal(-code, signal.SIG_DFL)
    os.kill(os.getpid(), -code)
sys.exit(code)
"""


# What a person must never read on stderr: a Python warning (the warnings module prints
# "file.py:12: UserWarning: …") or English text from a library, parser or the interpreter.
_FOREIGN = re.compile(
    r"\b\w*Warning: |\b\w+Error: |\b\w*Exception\b|\[Errno \d+\]|No such file or directory|Permission denied|"
    r"not supported|has no attribute|codec can't|can't (?:decode|encode|open|read)|while (?:parsing|scanning)|"
    r"expected '|memory allocation of|panicked at|exceeds Excel|maximum recursion depth|"
    r"line \d+, column \d+|unclosed file|object is not|invalid literal|is not defined")


def foreign_text(stderr: str) -> str:
    """The first Python warning or English fragment in ``stderr`` ("" when there is none)."""
    found = _FOREIGN.search(stderr)
    if found is None:
        return ""
    line = stderr[stderr.rfind("\n", 0, found.start()) + 1:].split("\n", 1)[0]
    return line.strip()[:160]


def _limit_memory() -> None:  # runs in the child before exec
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))
    os.setsid()


def run_case(case: Case, cwd: Path, env: dict[str, str] | None = None) -> Outcome:
    """Run ``integritas <argv>`` under the memory cap and time limit; classify the run."""
    cmd = [*case.wrapper, sys.executable, "-m", "toolkit", *case.argv]
    fd, peak_file = tempfile.mkstemp(prefix="puncak-", suffix=".txt")
    os.close(fd)
    child_env = dict(os.environ if env is None else env)
    child_env.setdefault("PYTHONWARNINGS", "default")
    start = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-c", _LAUNCHER, peak_file, *cmd], cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, errors="replace", env=child_env,
                            preexec_fn=_limit_memory)
    killed = threading.Event()

    def kill() -> None:
        killed.set()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)

    timer = threading.Timer(case.timeout, kill)
    timer.start()
    out: list[str] = []
    err: list[str] = []
    readers = [threading.Thread(target=lambda: out.append(proc.stdout.read() if proc.stdout else "")),
               threading.Thread(target=lambda: err.append(proc.stderr.read() if proc.stderr else ""))]
    for t in readers:
        t.start()
    _pid, status, usage = os.wait4(proc.pid, 0)
    peak_kib = usage.ru_maxrss  # the launcher's tree (an upper bound) unless the launcher wrote the peak
    with contextlib.suppress(OSError, ValueError):
        peak_kib = int(Path(peak_file).read_text())
    Path(peak_file).unlink(missing_ok=True)
    timer.cancel()
    for t in readers:
        t.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.monotonic() - start
    stderr, stdout = "".join(err), "".join(out)
    rss = peak_kib * 1024
    rc = proc.returncode
    if killed.is_set():
        verdict = "hang"
    elif rc < 0:
        verdict = "signal"
    elif "Galat internal" in stderr or "Traceback" in stderr:
        verdict = "internal"
    elif foreign_text(stderr):
        verdict = "warning/English: " + foreign_text(stderr)
    elif rss > GIB:
        verdict = "over-1GiB"
    elif rc not in case.expect_exit:
        verdict = f"unexpected-exit {rc}"
    elif rc == 3 and case.names and not any(n in stderr for n in case.names):
        verdict = "unnamed"
    else:
        verdict = "clean"
        if case.check is not None:
            problem = case.check(subprocess.CompletedProcess(cmd, rc, stdout, stderr))
            if problem:
                verdict = problem
    return Outcome(case.name, rc, seconds, rss, stderr, stdout, verdict)


@dataclass
class Tally:
    outcomes: list[Outcome] = field(default_factory=list)

    def add(self, o: Outcome) -> Outcome:
        self.outcomes.append(o)
        return o

    def figures(self) -> dict[str, int]:
        o = self.outcomes
        return {
            "inputs": len({x.case.split(":")[0] for x in o}),
            "runs": len(o),
            "clean": sum(x.verdict == "clean" for x in o),
            "hangs": sum(x.verdict == "hang" for x in o),
            "signals": sum(x.verdict == "signal" for x in o),
            "internal": sum(x.verdict == "internal" for x in o),
            "over 1 GiB": sum(x.max_rss > GIB for x in o),
            "unnamed": sum(x.verdict == "unnamed" for x in o),
            "warning/English": sum(x.verdict.startswith("warning/English") for x in o),
            "other": sum(x.verdict not in ("clean", "hang", "signal", "internal", "over-1GiB", "unnamed")
                         and not x.verdict.startswith("warning/English") for x in o),
        }

    def summary(self, seconds: float | None = None) -> str:
        """One line: the figures, the largest peak and the wall time."""
        top = max((x.max_rss for x in self.outcomes), default=0)
        text = "KORPUS: " + ", ".join(f"{k} {v}" for k, v in self.figures().items()) + f", maks {top / MiB:.0f} MB"
        return text + (f", {seconds:.0f} detik" if seconds is not None else "")

    def report(self) -> str:
        lines = [f"{x.case:<40} rc={x.rc!s:<4} {x.seconds:5.1f}s {x.max_rss / MiB:7.0f} MB  {x.verdict}"
                 + ("" if x.verdict == "clean" else "  | " + (x.stderr.strip().splitlines() or [""])[-1][:160])
                 for x in self.outcomes]
        lines.append(self.summary())
        return "\n".join(lines)
