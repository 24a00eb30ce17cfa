"""The PortalRB API (``Panduan Teknis API Integrasi ZI`` 1.0.0) as an ASGI app, served from the store.

Endpoints (relative to the base URL the agency registers with PortalRB):

* ``GET /pengusulan/unit-wbk`` and ``GET /pengusulan/unit-wbbm`` — the confirmed proposal list;
* ``GET /lke/jawaban-unit/{unit_id}`` — a proposed unit's answers, unit and TPI, by ``soal_id``;
* ``GET /openapi.json`` (this API's document) and ``GET /kesehatan`` (monitoring), without token.

Every call to the three endpoints needs ``Authorization: Bearer <token>`` (tokens made with
``integritas layanan token buat``; the store keeps only their SHA-256). Every non-2xx answer is
``{"error": true, "code": ..., "message": ...}``: 401 no/invalid token, 403 a unit that is not
(confirmed as) proposed, 404 unknown unit or path, 405 not GET, 422 a malformed unit id, 429
over the rate limit (with Retry-After), 500 anything unexpected (details only in the log).
Each request is logged as one JSON line (logger ``integritas.layanan``) without the token.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
import uuid
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from toolkit.server.openapi import ERROR_CODES, UNIT_ID_PATTERN, document
from toolkit.store import Store
from toolkit.store import lke as lke_store

log = logging.getLogger("integritas.layanan")
UNIT_ID_RE = re.compile(UNIT_ID_PATTERN)
Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
NO_STORE = {"Cache-Control": "no-store"}


@dataclass
class Settings:
    period: str = "2026"
    rate: float = 200.0  # requests per second per client (token or address)
    burst: int = 400
    token_ttl: float = 2.0  # seconds a read of the active tokens is trusted (revocation takes effect within)


class ApiError(Exception):
    def __init__(self, status: int, message: str, code: str | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code or ERROR_CODES[str(status)][0]
        self.message = message
        self.headers = headers or {}


def error_response(status: int, message: str, code: str | None = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": True, "code": code or ERROR_CODES[str(status)][0], "message": message},
                        status_code=status, headers={**NO_STORE, **(headers or {})})


class _Tokens:
    """The active token hashes, re-read from the store at most every ``ttl`` seconds."""

    def __init__(self, store: Store, ttl: float) -> None:
        self.store, self.ttl = store, ttl
        self._hashes: set[str] = set()
        self._read_at = -1e9
        self._lock = threading.Lock()

    def valid(self, token: str) -> str | None:
        """The token's hash when it is active, else None."""
        h = lke_store.token_hash(token)
        now = time.monotonic()
        if now - self._read_at > self.ttl:
            with self._lock:
                if now - self._read_at > self.ttl:
                    self._hashes = lke_store.active_token_hashes(self.store)
                    self._read_at = now
        return h if h in self._hashes else None


class _RateLimiter:
    """A token bucket per client key."""

    def __init__(self, rate: float, burst: int) -> None:
        self.rate, self.burst = rate, burst
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, key: str) -> float:
        """0 when allowed, else the seconds to wait."""
        now = time.monotonic()
        with self._lock:
            tokens, last = self._buckets.get(key, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - last) * self.rate)
            if tokens >= 1:
                self._buckets[key] = (tokens - 1, now)
                return 0.0
            self._buckets[key] = (tokens, now)
            return (1 - tokens) / self.rate


class Guard:
    """ASGI middleware: request id, rate limit, bearer auth, JSON errors for anything raised, access log."""

    def __init__(self, app: Any, store: Store, settings: Settings) -> None:
        self.app = app
        self.tokens = _Tokens(store, settings.token_ttl)
        self.limiter = _RateLimiter(settings.rate, settings.burst)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        request_id = uuid.uuid4().hex[:16]
        status = {"code": 500, "started": False}
        token_key: str | None = None
        scope.setdefault("state", {})["request_id"] = request_id

        async def send_logged(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                status["code"], status["started"] = message["status"], True
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-request-id", request_id.encode())]
            await send(message)

        try:
            path = scope.get("path", "")
            public = path in ("/openapi.json", "/kesehatan")
            client = (scope.get("client") or ("-", 0))[0]
            token = _bearer(scope)
            if token is not None:
                token_key = self.tokens.valid(token) if token else None
            wait = self.limiter.take(token_key or f"ip:{client}")
            if wait > 0:
                raise ApiError(429, "terlalu banyak permintaan; ulangi sebentar lagi.",
                               headers={"Retry-After": str(max(1, int(wait + 0.999)))})
            if not public and scope.get("method") == "GET":
                if token is None:
                    raise ApiError(401, "header Authorization: Bearer <token> tidak ada.")
                if token_key is None:
                    raise ApiError(401, "token tidak sah atau telah dicabut.")
            scope.setdefault("state", {})["token"] = token_key
            await self.app(scope, receive, send_logged)
        except ApiError as err:
            await error_response(err.status, err.message, err.code, err.headers)(scope, receive, send_logged)
        except Exception:
            log.exception("galat internal pada %s (id %s)", scope.get("path"), request_id)
            if not status["started"]:  # else Starlette's handler below has already answered
                await error_response(500, f"galat di sisi instansi (id permintaan {request_id}).")(
                    scope, receive, send_logged)
        finally:
            log.info(json.dumps({
                "id": request_id, "metode": scope.get("method"), "jalur": scope.get("path"),
                "status": status["code"], "durasi_ms": round((time.perf_counter() - started) * 1000, 2),
                "klien": (scope.get("client") or ("-", 0))[0],
                "token": token_key[:12] if token_key else None,  # a prefix of the hash, never the token
            }, ensure_ascii=False))


def _bearer(scope: Scope) -> str | None:
    """The bearer token ("" when the header is there but not a bearer token), None when absent."""
    for name, value in scope.get("headers", ()):
        if name == b"authorization":
            text = value.decode("latin-1").strip()
            scheme, _, rest = text.partition(" ")
            return rest.strip() if scheme.lower() == "bearer" and rest.strip() else ""
    return None


class _Snapshot:
    """What the API serves, kept in memory: the confirmed proposals and each unit's answers as ready JSON.

    The store is asked at most every ``ttl`` seconds whether the period's data changed (one cheap
    query); when it did, everything is read again. Between imports every call gives the same bytes.
    """

    def __init__(self, store: Store, period: str, year: Any, ttl: float = 2.0, max_units: int = 5000) -> None:
        self.store, self.period, self.year, self.ttl, self.max_units = store, period, year, ttl, max_units
        self._version: tuple[Any, ...] | None = None
        self._checked = -1e9
        self._lock = threading.Lock()
        self.proposals: dict[str, lke_store.Proposal] = {}
        self.lists: dict[str, bytes] = {}
        self.answers: dict[str, bytes | None] = {}

    def fresh(self) -> _Snapshot:
        now = time.monotonic()
        if now - self._checked > self.ttl:
            with self._lock:
                if now - self._checked > self.ttl:
                    version = lke_store.data_version(self.store, self.period)
                    if version != self._version:
                        self._load()
                        self._version = version
                    self._checked = now
        return self

    def _load(self) -> None:
        proposals = {p.unit_id: p for p in lke_store.proposals(self.store, self.period)}
        lists = {}
        for category in lke_store.CATEGORIES:
            units = [{"id": p.unit_id, "nama": p.name,
                      "kategori": "WBK-AFIRMASI" if category == "WBK" and p.affirmation else category,
                      "afirmasi": p.affirmation} for p in proposals.values() if p.category == category]
            lists[category] = _json({"tahun": self.year, "units": units})
        self.proposals, self.lists, self.answers = proposals, lists, {}

    def unit_answers(self, unit_id: str) -> bytes | None:
        cached = self.answers.get(unit_id)
        if cached is not None:
            return cached
        record = lke_store.unit(self.store, self.period, unit_id)
        if record is None:
            return None
        rows = lke_store.answers(self.store, self.period, unit_id)
        answers = [{"soal_id": int(r["soal_id"]), "jawaban_unit": r["jawaban_unit"], "jawaban_tpi": r["jawaban_tpi"],
                    "catatan_unit": r["catatan_unit"], "bukti_dukung_unit": r["bukti_unit"],
                    "catatan_tpi": r["catatan_tpi"]} for r in rows]
        body = _json({"unit_id": unit_id, "nama_unit": record["nama"] or self.proposals[unit_id].name,
                      "tahun": self.year, "answers": answers})
        if len(self.answers) < self.max_units:
            self.answers[unit_id] = body
        return body


def _json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _json_response(body: bytes) -> Response:
    return Response(body, media_type="application/json", headers=NO_STORE)


def create_app(store: Store, settings: Settings | None = None, *, base_path: str = "") -> Any:
    """The ASGI app for one store and one evaluation period (``settings.period``)."""
    cfg = settings or Settings()
    year = int(cfg.period) if str(cfg.period).isdigit() else cfg.period
    openapi = document(base_path, year if isinstance(year, int) else 0)

    snapshot = _Snapshot(store, cfg.period, year, ttl=cfg.token_ttl)

    def unit_list(category: str) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            _no_query(request)
            snap = await run_in_threadpool(snapshot.fresh)
            return _json_response(snap.lists[category])
        return endpoint

    async def unit_answers(request: Request) -> Response:
        _no_query(request)
        unit_id = request.path_params["unit_id"]
        if not UNIT_ID_RE.match(unit_id):
            raise ApiError(422, "id unit tidak sah: huruf, angka, titik, garis bawah atau tanda hubung, "
                                "paling banyak 100 karakter.")
        snap = await run_in_threadpool(snapshot.fresh)
        if unit_id not in snap.proposals:
            if await run_in_threadpool(lke_store.unit, store, cfg.period, unit_id) is None:
                raise ApiError(404, f"unit '{unit_id}' tidak ditemukan pada periode {cfg.period}.")
            raise ApiError(403, f"unit '{unit_id}' tidak termasuk usulan yang dikonfirmasi.")
        body = snap.answers.get(unit_id) or await run_in_threadpool(snap.unit_answers, unit_id)
        if body is None:
            raise ApiError(404, f"jawaban LKE unit '{unit_id}' belum tersimpan.")
        return _json_response(body)

    def health(request: Request) -> Response:
        lke_store.periods(store)  # the store answers
        return JSONResponse({"status": "ok", "tahun": year, "basisdata": store.backend}, headers=NO_STORE)

    def openapi_json(request: Request) -> Response:
        return JSONResponse(openapi)

    async def api_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        return error_response(exc.status, exc.message, exc.code, exc.headers)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        status = exc.status_code if str(exc.status_code) in ERROR_CODES else 404
        message = {404: "alamat tidak ditemukan.", 405: "metode tidak dilayani; pakai GET."}.get(
            status, "permintaan tidak dapat dilayani.")
        return error_response(status, message, headers={"Allow": "GET"} if status == 405 else None)

    async def internal_error(request: Request, exc: Exception) -> Response:
        request_id = request.scope.get("state", {}).get("request_id", "-")
        return error_response(500, f"galat di sisi instansi (id permintaan {request_id}).")

    routes = [
        Route("/pengusulan/unit-wbk", unit_list("WBK"), methods=["GET"]),
        Route("/pengusulan/unit-wbbm", unit_list("WBBM"), methods=["GET"]),
        Route("/lke/jawaban-unit/{unit_id}", unit_answers, methods=["GET"]),
        Route("/kesehatan", health, methods=["GET"]),
        Route("/openapi.json", openapi_json, methods=["GET"]),
    ]
    inner = Starlette(routes=routes, exception_handlers={ApiError: api_error, HTTPException: http_error,
                                                               Exception: internal_error})
    return Guard(inner, store, cfg)


def _no_query(request: Request) -> None:
    if request.url.query:
        raise ApiError(422, "parameter query tidak dikenal; endpoint ini tidak menerima parameter.")
