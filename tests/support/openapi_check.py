"""Check a response against the OpenAPI document the server serves (the subset of JSON Schema it uses)."""

from __future__ import annotations

import re
from typing import Any


def _resolve(doc: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        node: Any = doc
        for part in schema["$ref"].lstrip("#/").split("/"):
            node = node[part]
        schema = node
    return schema


def problems(doc: dict[str, Any], schema: dict[str, Any], value: Any, where: str = "$") -> list[str]:
    s = _resolve(doc, schema)
    out: list[str] = []
    if "const" in s and value != s["const"]:
        out.append(f"{where}: {value!r} ≠ {s['const']!r}")
    if "enum" in s and value not in s["enum"]:
        out.append(f"{where}: {value!r} bukan salah satu {s['enum']}")
    types = s.get("type")
    if types is not None:
        allowed = types if isinstance(types, list) else [types]
        ok = any({"string": isinstance(value, str), "integer": isinstance(value, int) and not isinstance(value, bool),
                  "number": isinstance(value, (int, float)) and not isinstance(value, bool),
                  "boolean": isinstance(value, bool), "null": value is None, "array": isinstance(value, list),
                  "object": isinstance(value, dict)}[t] for t in allowed)
        if not ok:
            return [f"{where}: {type(value).__name__} bukan {allowed}"]
    if isinstance(value, str) and "pattern" in s and not re.search(s["pattern"], value):
        out.append(f"{where}: {value!r} tidak cocok pola {s['pattern']}")
    if isinstance(value, dict):
        props = s.get("properties", {})
        for key in s.get("required", ()):
            if key not in value:
                out.append(f"{where}: '{key}' wajib ada")
        for key, v in value.items():
            if key in props:
                out.extend(problems(doc, props[key], v, f"{where}.{key}"))
            elif s.get("additionalProperties") is False:
                out.append(f"{where}: '{key}' tidak terdokumentasi")
    if isinstance(value, list) and "items" in s:
        for i, v in enumerate(value):
            out.extend(problems(doc, s["items"], v, f"{where}[{i}]"))
    return out


def response_problems(doc: dict[str, Any], template: str, status: int, body: Any) -> list[str]:
    """Is (status, body) a documented response of the path template? [] when it is."""
    op = doc["paths"].get(template, {}).get("get")
    if op is None:
        return [] if status in (404, 405) and problems(doc, {"$ref": "#/components/schemas/Error"}, body) == [] \
            else [f"{template}: {status} tidak terdokumentasi"]
    responses = op["responses"]
    spec = responses.get(str(status))
    if spec is None:
        if status == 404:  # an unknown path under a known prefix
            return problems(doc, {"$ref": "#/components/schemas/Error"}, body)
        return [f"{template}: status {status} tidak terdokumentasi"]
    return problems(doc, spec["content"]["application/json"]["schema"], body)
