"""Run ``integritas layanan jalan`` in a subprocess (real uvicorn, real TLS on loopback)."""

from __future__ import annotations

import os
import socket
import ssl
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    base: str
    port: int
    log: Path
    cert: Path | None

    def ssl_context(self) -> ssl.SSLContext | bool:
        if self.cert is None:
            return False
        ctx = ssl.create_default_context(cafile=str(self.cert))
        return ctx

    def client(self, token: str | None = None, headers: dict[str, str] | None = None) -> httpx.Client:
        merged = {**({"Authorization": f"Bearer {token}"} if token else {}), **(headers or {})}
        return httpx.Client(base_url=self.base, verify=self.ssl_context(), headers=merged, timeout=30)

    def rss_kib(self) -> int:
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        return 0

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)


def start(store_url: str, workdir: Path, *, cert: Path | None = None, key: Path | None = None,
          extra: tuple[str, ...] = (), env: dict[str, str] | None = None) -> Server:
    port = free_port()
    log = workdir / f"layanan-{port}.log"
    args = [sys.executable, "-m", "toolkit", "--basisdata", store_url, "layanan", "jalan", "--port", str(port), *extra]
    if cert and key:
        args += ["--sertifikat", str(cert), "--kunci", str(key)]
    full_env = {**os.environ, **(env or {})}
    with open(log, "wb") as out:
        proc = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, env=full_env)
    scheme = "https" if cert else "http"
    server = Server(proc, f"{scheme}://127.0.0.1:{port}", port, log, cert)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server berhenti: {log.read_text(errors='replace')[-2000:]}")
        try:
            with server.client() as c:
                if c.get("/kesehatan").status_code == 200:
                    return server
        except httpx.TransportError:
            time.sleep(0.2)
    server.stop()
    raise RuntimeError("server tidak siap dalam 60 detik")
