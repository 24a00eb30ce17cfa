"""A throw-away PostgreSQL cluster for the tests: initdb in a temp dir, loopback only, a free port.

``start_cluster()`` finds the server binaries (``/usr/lib/postgresql/*/bin``, else
``pg_config --bindir``), runs ``initdb`` and ``pg_ctl start`` — as the user ``nobody`` through
``runuser`` when the tests run as root (PostgreSQL refuses to run as root) — and returns a
``PostgresCluster`` with ``url(dbname)``, ``create_database()``, ``stop(mode)`` and ``start()``.
The cluster lives in a ``tempfile.mkdtemp`` folder (readable by that user) and is removed by
``destroy()``. Raises ``PostgresUnavailable(reason)`` when it cannot start; the fixtures turn
that into a loud skip, or a failure when ``CI=true``.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

SUPERUSER = "integritas"


class PostgresUnavailable(RuntimeError):
    pass


def find_bindir() -> Path | None:
    forced = os.environ.get("INTEGRITAS_UJI_PG_BIN")  # tests of this module: pretend another (or no) server
    if forced is not None:
        return Path(forced) if (Path(forced) / "initdb").exists() else None
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                        key=lambda p: int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0)
    if candidates:
        return Path(candidates[-1]).parent
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    pg_config = shutil.which("pg_config")
    if pg_config:
        out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True)
        if out.returncode == 0 and (Path(out.stdout.strip()) / "initdb").exists():
            return Path(out.stdout.strip())
    return None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class PostgresCluster:
    bindir: Path
    root: Path  # the temp folder (data dir and log inside)
    port: int
    run_as: str | None  # "nobody" when we are root
    fsync: bool = False
    _dbs: itertools.count = field(default_factory=lambda: itertools.count(1))

    @property
    def datadir(self) -> Path:
        return self.root / "data"

    @property
    def logfile(self) -> Path:
        return self.root / "postgres.log"

    def _cmd(self, *args: str) -> list[str]:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        return ["runuser", "-u", self.run_as, "--", *cmd] if self.run_as else cmd

    def _run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        return subprocess.run(self._cmd(*args), capture_output=True, text=True, timeout=timeout,
                              cwd=str(self.root))

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{dbname}"

    def initdb(self) -> None:
        run = self._run("initdb", "-D", str(self.datadir), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8",
                        "--locale=C.UTF-8", "--no-instructions")
        if run.returncode != 0:
            run = self._run("initdb", "-D", str(self.datadir), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8",
                            "--locale=C")
        if run.returncode != 0:
            raise PostgresUnavailable(f"initdb gagal: {(run.stderr or run.stdout).strip()[-500:]}")

    def start(self) -> None:
        opts = (f"-c listen_addresses=127.0.0.1 -c port={self.port} -c unix_socket_directories={self.root} "
                f"-c max_connections=60 -c shared_buffers=16MB -c fsync={'on' if self.fsync else 'off'} "
                "-c full_page_writes=off -c max_locks_per_transaction=128")
        run = self._run("pg_ctl", "-D", str(self.datadir), "-l", str(self.logfile), "-o", opts, "-w", "-t", "60",
                        "start")
        if run.returncode != 0:
            log = self.logfile.read_text(errors="replace")[-800:] if self.logfile.exists() else ""
            raise PostgresUnavailable(f"pg_ctl start gagal: {(run.stderr or run.stdout).strip()[-300:]} {log}")

    def stop(self, mode: str = "fast") -> None:
        """``mode="immediate"`` is a crash: no checkpoint, every client cut off at once."""
        self._run("pg_ctl", "-D", str(self.datadir), "-m", mode, "-w", "-t", "60", "stop")

    def is_running(self) -> bool:
        return self._run("pg_ctl", "-D", str(self.datadir), "status").returncode == 0

    def execute(self, sql: str, dbname: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(self.url(dbname), autocommit=True, connect_timeout=10) as conn:
            conn.execute(sql)  # type: ignore[arg-type]

    def create_database(self, prefix: str = "uji") -> str:
        """A new empty database; returns its URL."""
        name = f"{prefix}_{os.getpid()}_{next(self._dbs)}"
        self.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def destroy(self) -> None:
        try:
            self.stop("immediate")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


def start_cluster(*, fsync: bool = False) -> PostgresCluster:
    bindir = find_bindir()
    if bindir is None:
        raise PostgresUnavailable("server PostgreSQL (initdb) tidak ditemukan; scripts/setup-env.sh memasangnya "
                                  "dari paket Debian")
    try:
        import psycopg  # noqa: F401
    except ImportError as exc:
        raise PostgresUnavailable(f"psycopg tidak terpasang ({exc})") from exc
    run_as = None
    root = Path(tempfile.mkdtemp(prefix="integritas-pg-"))
    if os.geteuid() == 0:
        if not shutil.which("runuser"):
            raise PostgresUnavailable("berjalan sebagai root tanpa runuser; PostgreSQL menolak berjalan sebagai root")
        run_as = "nobody"
        os.chmod(root, 0o700)
        shutil.chown(root, user=run_as)
    cluster = PostgresCluster(bindir, root, free_port(), run_as, fsync=fsync)
    try:
        cluster.initdb()
        for attempt in range(3):
            try:
                cluster.start()
                break
            except PostgresUnavailable:
                if attempt == 2:
                    raise
                cluster.port = free_port()  # someone took the port meanwhile
                time.sleep(0.5)
    except BaseException:
        shutil.rmtree(root, ignore_errors=True)
        raise
    return cluster
