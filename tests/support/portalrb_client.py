"""A PortalRB-like client: what the guide says PortalRB does, against the agency's API.

List WBK, list WBBM when the agency is eligible, then fetch each proposed unit's answers;
a timeout, connection failure or 5xx is retried (3 tries: at once, +60 s, +120 s — the
delays are parameters so tests can shorten them); after the third failure the unit is
marked failed.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx

RETRY_DELAYS = (0.0, 60.0, 120.0)


@dataclass
class FetchResult:
    wbk: list[dict[str, Any]]
    wbbm: list[dict[str, Any]]
    units: dict[str, dict[str, Any]] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)  # unit id → last error
    attempts: dict[str, int] = field(default_factory=dict)
    latencies: list[float] = field(default_factory=list)


class PortalRB:
    def __init__(self, client: httpx.Client, *, delays: Sequence[float] = RETRY_DELAYS) -> None:
        self.client = client
        self.delays = tuple(delays)

    def _get(self, path: str, result: FetchResult, key: str) -> httpx.Response | None:
        last = ""
        for attempt, delay in enumerate(self.delays, start=1):
            if delay:
                time.sleep(delay)
            result.attempts[key] = attempt
            started = time.perf_counter()
            try:
                response = self.client.get(path)
            except httpx.TransportError as err:  # timeout, connection failure
                last = f"{type(err).__name__}"
                continue
            finally:
                result.latencies.append(time.perf_counter() - started)
            if response.status_code >= 500:
                last = f"HTTP {response.status_code}"
                continue
            return response
        result.failed[key] = last
        return None

    def fetch(self, *, eligible_wbbm: bool = True) -> FetchResult:
        result = FetchResult([], [])
        wbk = self._get("/pengusulan/unit-wbk", result, "unit-wbk")
        if wbk is None or wbk.status_code != 200:
            raise RuntimeError(f"daftar WBK gagal: {wbk.status_code if wbk else result.failed}")
        result.wbk = wbk.json()["units"]
        if eligible_wbbm:
            wbbm = self._get("/pengusulan/unit-wbbm", result, "unit-wbbm")
            if wbbm is None or wbbm.status_code != 200:
                raise RuntimeError("daftar WBBM gagal")
            result.wbbm = wbbm.json()["units"]
        for unit in [*result.wbk, *result.wbbm]:
            response = self._get(f"/lke/jawaban-unit/{unit['id']}", result, unit["id"])
            if response is None:
                continue
            if response.status_code != 200:
                result.failed[unit["id"]] = f"HTTP {response.status_code}: {response.text[:200]}"
                continue
            result.units[unit["id"]] = response.json()
        return result
