"""End to end: a synthetic agency of 300 proposed units (both LKE models) → rekap → proposal list
→ confirmation → the PortalRB API over real TLS on loopback → a PortalRB-like client.

One agency, one store and one server per module (the server is ``integritas layanan jalan``
in a subprocess: uvicorn with a self-signed certificate made by ``cryptography``).
"""

from __future__ import annotations

import json
import shutil
import socket
import sqlite3
import ssl
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

import httpx
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support import lke_server
from tests.support.lke_agency import SynthUnit, build_agency
from tests.support.openapi_check import response_problems
from tests.support.portalrb_client import FetchResult, PortalRB
from tests.support.tls import self_signed
from toolkit.lke.master import load_master

N_UNITS = 302  # 300 proposed + 2 the central office leaves out
NOT_PROPOSED = ("UNIT-301", "UNIT-302")
pytestmark = pytest.mark.slow


def _cli(store_url: str, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "toolkit", "--basisdata", store_url, *args], capture_output=True,
                          text=True, timeout=600, cwd=cwd)


class Deployed:
    def __init__(self, work: Path, units: list[SynthUnit], store_url: str, rekap: Path, usulan: Path,
                 token: str, revoked: str, server: lke_server.Server, cert: Path, key: Path,
                 afirmasi: set[str]) -> None:
        self.work, self.units, self.store_url, self.rekap, self.usulan = work, units, store_url, rekap, usulan
        self.token, self.revoked, self.server, self.cert, self.key = token, revoked, server, cert, key
        self.afirmasi = afirmasi
        self.by_id = {u.unit_id: u for u in units}
        self.shared = httpx.Client(base_url=server.base, verify=server.ssl_context(), timeout=30)  # keep-alive


@pytest.fixture(scope="module")
def deployed(tmp_path_factory: pytest.TempPathFactory):
    work = tmp_path_factory.mktemp("agency")
    units = build_agency(work / "unit", n=N_UNITS, n2021=30)
    store_url = f"sqlite:///{work / 'integritas.sqlite'}"
    rekap, usulan = work / "REKAP-LKE.xlsx", work / "REKAP-LKE-usulan.xlsx"
    r = _cli(store_url, "rekap", str(work / "unit"), "-o", str(rekap), "--proses", "2")
    assert r.returncode == 0, r.stdout + r.stderr
    # the central office edits the list: everyone proposed but two, afirmasi for those below WBK
    wb = openpyxl.load_workbook(usulan)
    ws = wb["Daftar Usulan"]
    afirmasi = set()
    for row in range(6, ws.max_row + 1):
        unit_id = ws[f"B{row}"].value
        if not unit_id:
            continue
        if unit_id in NOT_PROPOSED:
            ws[f"H{row}"] = "Tidak"
            continue
        if ws[f"H{row}"].value == "Tidak":
            ws[f"G{row}"] = "Ya"
            afirmasi.add(unit_id)
        ws[f"H{row}"] = "Ya"
    wb.save(usulan)
    r = _cli(store_url, "usulan", "konfirmasi", str(usulan), "--periode", "2026")
    assert r.returncode == 0, r.stdout + r.stderr
    token = _cli(store_url, "layanan", "token", "buat", "PortalRB").stdout.strip()
    revoked = _cli(store_url, "layanan", "token", "buat", "Token lama").stdout.strip()
    r = _cli(store_url, "layanan", "token", "cabut", "2")
    assert r.returncode == 0, r.stderr
    cert, key = self_signed(work / "tls")
    server = lke_server.start(store_url, work, cert=cert, key=key, extra=("--batas-per-detik", "20000"))
    d = Deployed(work, units, store_url, rekap, usulan, token, revoked, server, cert, key, afirmasi)
    yield d
    d.shared.close()
    server.stop()


def test_recap_ranks_by_tpi_and_keeps_everything_in_the_store(deployed):
    ws = openpyxl.load_workbook(deployed.rekap, read_only=True)["Peringkat LKE"]
    rows = [r for r in ws.iter_rows(min_row=5, values_only=True) if r[0] is not None]
    assert len(rows) == N_UNITS
    tpi = [r[5] for r in rows]
    assert tpi == sorted(tpi, reverse=True)
    assert {r[3] for r in rows} == {"2026", "2021"}
    assert all((r[8] == "Ya") or r[11].startswith("belum WBK: ") for r in rows)
    con = sqlite3.connect(deployed.store_url.removeprefix("sqlite:///"))
    try:
        assert con.execute("SELECT COUNT(*) FROM lke_unit WHERE periode='2026'").fetchone()[0] == N_UNITS
        assert con.execute("SELECT COUNT(*) FROM lke_jawaban").fetchone()[0] == N_UNITS * 127
        assert con.execute("SELECT COUNT(*) FROM lke_usulan WHERE dikonfirmasi_pada IS NOT NULL").fetchone()[0] == 300
        hashes = [h for (h,) in con.execute("SELECT hash FROM layanan_token")]
    finally:
        con.close()
    assert deployed.token not in hashes and all(len(h) == 64 for h in hashes)


def test_portalrb_fetches_exactly_each_workbooks_answers(deployed):
    with deployed.server.client(deployed.token) as c:
        result = PortalRB(c, delays=(0, 0.2, 0.4)).fetch()
    assert not result.failed
    listed = {u["id"]: u for u in [*result.wbk, *result.wbbm]}
    assert set(listed) == set(deployed.by_id) - set(NOT_PROPOSED)
    assert {u["kategori"] for u in result.wbbm} <= {"WBBM"}
    for u in result.wbk:
        assert u["kategori"] == ("WBK-AFIRMASI" if u["id"] in deployed.afirmasi else "WBK")
        assert u["afirmasi"] is (u["id"] in deployed.afirmasi)
    soal_ids = list(load_master().soals)
    assert len(result.units) == 300
    for unit_id, body in result.units.items():
        unit = deployed.by_id[unit_id]
        assert body["unit_id"] == unit_id and body["nama_unit"] == unit.name and body["tahun"] == 2026
        assert [a["soal_id"] for a in body["answers"]] == sorted(soal_ids)
        assert body["answers"] == unit.expected(), unit_id


def test_answers_are_stable_between_calls(deployed):
    with deployed.server.client(deployed.token) as c:
        first = c.get("/lke/jawaban-unit/UNIT-006")
        second = c.get("/lke/jawaban-unit/UNIT-006")
    assert first.status_code == 200 and first.content == second.content
    assert first.headers["cache-control"] == "no-store"


@pytest.mark.parametrize("path,token,status,code", [
    ("/pengusulan/unit-wbk", None, 401, "UNAUTHORIZED"),
    ("/pengusulan/unit-wbk", "salah", 401, "UNAUTHORIZED"),
    ("/lke/jawaban-unit/UNIT-001", "revoked", 401, "UNAUTHORIZED"),
    ("/lke/jawaban-unit/UNIT-999", "ok", 404, "DATA_NOT_FOUND"),
    ("/lke/jawaban-unit/UNIT-301", "ok", 403, "FORBIDDEN"),
    ("/lke/jawaban-unit/UNIT%20001", "ok", 422, "INVALID_REQUEST"),
    ("/lke/jawaban-unit/-awal-tanda-hubung", "ok", 422, "INVALID_REQUEST"),
    ("/lke/jawaban-unit/" + "A" * 101, "ok", 422, "INVALID_REQUEST"),
    ("/lke/jawaban-unit/..%2F..%2Fetc%2Fpasswd", "ok", 404, "DATA_NOT_FOUND"),
    ("/pengusulan/unit-wbk?unit=1", "ok", 422, "INVALID_REQUEST"),
    ("/tidak-ada", "ok", 404, "DATA_NOT_FOUND"),
])
def test_every_refusal_is_the_documented_code_and_json(deployed, path, token, status, code):
    tokens = {"ok": deployed.token, "revoked": deployed.revoked, "salah": "itk_bukan-token", None: None}
    with deployed.server.client(tokens[token]) as c:
        r = c.get(path)
    assert r.status_code == status, r.text
    body = r.json()
    assert body == {"error": True, "code": code, "message": body["message"]} and body["message"]
    _no_leak(r.text, deployed)


def _no_leak(text: str, deployed: Deployed) -> None:
    for secret in ("Traceback", "sqlite", "File \"", str(deployed.work), deployed.token, "SELECT"):
        assert secret not in text


def _raw(deployed: Deployed, request: bytes) -> tuple[int, bytes]:
    ctx = ssl.create_default_context(cafile=str(deployed.cert))
    with socket.create_connection(("127.0.0.1", deployed.server.port), timeout=10) as sock, \
            ctx.wrap_socket(sock, server_hostname="localhost") as tls:
        tls.sendall(request)
        data = b""
        while chunk := tls.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


@pytest.mark.parametrize("target", [b"/lke/jawaban-unit/../../etc/passwd", b"/lke/jawaban-unit/%2e%2e%2f%2e%2e%2fetc",
                                    b"/lke/jawaban-unit/..%5c..%5cwindows", b"/../../../etc/passwd"])
def test_path_traversal_gets_json_and_nothing_else(deployed, target):
    status, body = _raw(deployed, b"GET " + target + b" HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                        + deployed.token.encode() + b"\r\nConnection: close\r\n\r\n")
    assert status in (404, 422)
    data = json.loads(body)
    assert data["error"] is True and data["code"] in ("DATA_NOT_FOUND", "INVALID_REQUEST")
    assert b"root:" not in body
    _no_leak(body.decode(), deployed)


def test_methods_other_than_get_are_refused_as_json(deployed):
    with deployed.server.client(deployed.token) as c:
        r = c.post("/pengusulan/unit-wbk", json={})
    assert r.status_code == 405 and r.json()["code"] == "METHOD_NOT_ALLOWED"


def test_openapi_and_health_are_served(deployed):
    with deployed.server.client() as c:
        doc = c.get("/openapi.json").json()
        health = c.get("/kesehatan")
    assert set(doc["paths"]) == {"/pengusulan/unit-wbk", "/pengusulan/unit-wbbm", "/lke/jawaban-unit/{unit_id}",
                                 "/kesehatan"}
    assert health.status_code == 200 and health.json()["status"] == "ok"


PATHS = ("/pengusulan/unit-wbk", "/pengusulan/unit-wbbm", "/lke/jawaban-unit/{unit_id}", "/kesehatan")


@settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
@given(template=st.sampled_from(PATHS),
       unit_id=st.one_of(st.sampled_from(["UNIT-001", "UNIT-006", "UNIT-301", "UNIT-999"]),
                         st.text(min_size=1, max_size=120).filter(lambda s: "/" not in s and "?" not in s
                                                                   and "#" not in s)),
       auth=st.sampled_from(["ok", "none", "bad", "revoked", "basic", "empty"]),
       query=st.one_of(st.just(""), st.text(max_size=10)))
def test_property_no_500_and_only_documented_shapes(deployed, template, unit_id, auth, query):
    headers = {"ok": {"Authorization": f"Bearer {deployed.token}"}, "none": {},
               "bad": {"Authorization": "Bearer xyz"}, "revoked": {"Authorization": f"Bearer {deployed.revoked}"},
               "basic": {"Authorization": "Basic dXNlcjpwYXNz"}, "empty": {"Authorization": "Bearer"}}[auth]
    path = template.replace("{unit_id}", quote(unit_id, safe="-._~"))
    r = deployed.shared.get(path, params={"q": query} if query else None, headers=headers)
    assert r.status_code != 500, r.text
    assert r.headers["content-type"].startswith("application/json")
    doc = _openapi(deployed)
    assert response_problems(doc, template, r.status_code, r.json()) == [], (path, r.status_code, r.text)


_DOC: dict = {}


def _openapi(deployed: Deployed) -> dict:
    if not _DOC:
        with deployed.server.client() as c:
            _DOC.update(c.get("/openapi.json").json())
    return _DOC


def test_load_8_clients_all_units_twice(deployed):
    """8 concurrent PortalRB clients, each fetching every proposed unit twice: no error, memory flat."""
    with deployed.server.client(deployed.token) as c:  # warm up: every unit once (the server's answer cache)
        assert not PortalRB(c, delays=(0, 0.2, 0.4)).fetch().failed
    rss_before = deployed.server.rss_kib()
    results, errors = [], []

    def client_run() -> None:
        try:
            with deployed.server.client(deployed.token) as c:
                for _ in range(2):
                    results.append(PortalRB(c, delays=(0, 0.2, 0.4)).fetch())
        except Exception as err:  # noqa: BLE001 - collected and asserted below
            errors.append(repr(err))

    started = time.perf_counter()
    threads = [threading.Thread(target=client_run) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    rss_after = deployed.server.rss_kib()
    assert not errors
    assert [r.failed for r in results if r.failed] == []
    assert len(results) == 16 and all(not r.failed and len(r.units) == 300 for r in results)
    latencies = sorted(x for r in results for x in r.latencies)
    p99 = latencies[int(len(latencies) * 0.99) - 1]
    print(f"\nbeban: {len(latencies)} permintaan dalam {elapsed:.1f} s = {len(latencies) / elapsed:.0f} req/s, "
          f"p99 {p99 * 1000:.0f} ms; RSS server {rss_before / 1024:.0f} → {rss_after / 1024:.0f} MiB")
    assert rss_after - rss_before < 16 * 1024, (rss_before, rss_after)  # flat: no growth per request


def test_access_log_is_structured_and_never_holds_a_token(deployed):
    text = deployed.server.log.read_text(encoding="utf-8")
    lines = [json.loads(line) for line in text.splitlines() if line.startswith("{")]
    assert len(lines) > 100
    assert {"id", "metode", "jalur", "status", "durasi_ms", "klien", "token"} <= set(lines[-1])
    assert deployed.token not in text and deployed.revoked not in text
    assert "Bearer" not in text


def test_proxy_mode_rate_limit_and_a_broken_row(deployed, tmp_path):
    """A second server behind a 'proxy' (plain HTTP, X-Forwarded-For trusted from loopback), 5 req/s,
    on a copy of the store with one corrupt answer row: 429 with Retry-After, 500 as JSON (no detail),
    and the PortalRB client gives that unit up after three tries."""
    db = tmp_path / "copy.sqlite"
    shutil.copy(deployed.store_url.removeprefix("sqlite:///"), db)
    con = sqlite3.connect(db)
    con.execute("INSERT INTO lke_jawaban (periode, unit_id, soal_id) VALUES ('2026', 'UNIT-007', 'rusak')")
    con.commit()
    con.close()
    server = lke_server.start(f"sqlite:///{db}", tmp_path, extra=("--di-belakang-proxy", "--batas-per-detik", "5"))
    try:
        with server.client(deployed.token, headers={"Authorization": f"Bearer {deployed.token}",
                                                    "X-Forwarded-For": "203.0.113.9",
                                                    "X-Forwarded-Proto": "https"}) as c:
            r = c.get("/lke/jawaban-unit/UNIT-007")
            assert r.status_code == 500 and r.json()["code"] == "INTERNAL_ERROR"
            _no_leak(r.text, deployed)
            codes = [c.get("/pengusulan/unit-wbk").status_code for _ in range(15)]
            assert 429 in codes
            limited = c.get("/pengusulan/unit-wbk")
            if limited.status_code == 429:
                assert int(limited.headers["retry-after"]) >= 1 and limited.json()["code"] == "RATE_LIMITED"
            time.sleep(1.5)
            portal = PortalRB(c, delays=(0, 0.3, 0.6))
            result = FetchResult([], [])
            assert portal._get("/lke/jawaban-unit/UNIT-007", result, "UNIT-007") is None
            assert result.attempts["UNIT-007"] == 3 and result.failed["UNIT-007"] == "HTTP 500"
        log = server.log.read_text(encoding="utf-8")
        assert '"klien": "203.0.113.9"' in log
        assert "Traceback" in log  # the detail goes to the log, not to the caller
    finally:
        server.stop()
