"""The OpenAPI 3.1 document of the PortalRB API as this agency serves it (served at /openapi.json)."""

from __future__ import annotations

from typing import Any

UNIT_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$"
ERROR_CODES = {
    "400": ("BAD_REQUEST", "Permintaan tidak dapat diurai."),
    "401": ("UNAUTHORIZED", "Token tidak ada atau tidak sah."),
    "403": ("FORBIDDEN", "Token sah, tetapi data ini tidak boleh diakses (unit tidak diusulkan)."),
    "404": ("DATA_NOT_FOUND", "Data atau alamat tidak ditemukan."),
    "405": ("METHOD_NOT_ALLOWED", "Hanya GET yang dilayani."),
    "422": ("INVALID_REQUEST", "Permintaan tidak sah (mis. format id unit)."),
    "429": ("RATE_LIMITED", "Terlalu banyak permintaan; ulangi setelah Retry-After detik."),
    "500": ("INTERNAL_ERROR", "Galat di sisi instansi."),
}


def _error_response(status: str) -> dict[str, Any]:
    code, text = ERROR_CODES[status]
    return {"description": text, "content": {"application/json": {
        "schema": {"$ref": "#/components/schemas/Error"},
        "example": {"error": True, "code": code, "message": text}}}}


def document(base_path: str = "", year: int = 2026) -> dict[str, Any]:
    secured: list[dict[str, list[str]]] = [{"bearer": []}]
    common_errors = {s: _error_response(s) for s in ("401", "405", "429", "500")}
    unit_list = {"200": {"description": "Daftar unit yang diusulkan (hanya yang telah dikonfirmasi).",
                         "content": {"application/json": {"schema": {"$ref": "#/components/schemas/UnitList"}}}},
                 "422": _error_response("422"), **common_errors}
    return {
        "openapi": "3.1.0",
        "info": {"title": "API Integrasi ZI (PortalRB) — Integritas toolkit", "version": "1.0.0",
                 "description": "Usulan unit WBK/WBBM dan jawaban LKE ZI unit untuk ditarik PortalRB "
                                f"(tahun evaluasi {year}). Semua jawaban di luar 2xx berbentuk Error."},
        "servers": [{"url": base_path or "/"}],
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Error": {"type": "object", "additionalProperties": False,
                          "required": ["error", "code", "message"],
                          "properties": {"error": {"const": True}, "code": {"type": "string"},
                                         "message": {"type": "string"}}},
                "Unit": {"type": "object", "additionalProperties": False, "required": ["id", "nama"],
                         "properties": {"id": {"type": "string", "pattern": UNIT_ID_PATTERN},
                                        "nama": {"type": "string"},
                                        "kategori": {"type": "string", "enum": ["WBK", "WBK-AFIRMASI", "WBBM"]},
                                        "afirmasi": {"type": "boolean"}}},
                "UnitList": {"type": "object", "additionalProperties": False, "required": ["tahun", "units"],
                             "properties": {"tahun": {"type": "integer"},
                                            "units": {"type": "array", "items": {"$ref": "#/components/schemas/Unit"}}}},
                "Answer": {"type": "object", "additionalProperties": False, "required": ["soal_id", "jawaban_unit"],
                           "properties": {"soal_id": {"type": "integer"},
                                          "jawaban_unit": {"type": ["string", "null"]},
                                          "jawaban_tpi": {"type": ["string", "null"]},
                                          "catatan_unit": {"type": ["string", "null"]},
                                          "bukti_dukung_unit": {"type": ["string", "null"]},
                                          "catatan_tpi": {"type": ["string", "null"]}}},
                "UnitAnswers": {"type": "object", "additionalProperties": False,
                                "required": ["unit_id", "nama_unit", "tahun", "answers"],
                                "properties": {"unit_id": {"type": "string"}, "nama_unit": {"type": "string"},
                                               "tahun": {"type": "integer"},
                                               "answers": {"type": "array",
                                                           "items": {"$ref": "#/components/schemas/Answer"}}}},
                "Health": {"type": "object", "required": ["status"],
                           "properties": {"status": {"type": "string"}, "tahun": {"type": "integer"},
                                          "basisdata": {"type": "string"}}},
            },
        },
        "paths": {
            "/pengusulan/unit-wbk": {"get": {"operationId": "unitWbk", "summary": "Unit yang diusulkan WBK",
                                             "security": secured, "responses": unit_list}},
            "/pengusulan/unit-wbbm": {"get": {"operationId": "unitWbbm", "summary": "Unit yang diusulkan WBBM",
                                              "security": secured, "responses": unit_list}},
            "/lke/jawaban-unit/{unit_id}": {"get": {
                "operationId": "jawabanUnit", "summary": "Jawaban LKE ZI satu unit yang diusulkan",
                "security": secured,
                "parameters": [{"name": "unit_id", "in": "path", "required": True,
                                "schema": {"type": "string", "pattern": UNIT_ID_PATTERN}}],
                "responses": {"200": {"description": "Jawaban unit dan TPI per soal_id daftar PortalRB.",
                                      "content": {"application/json": {
                                          "schema": {"$ref": "#/components/schemas/UnitAnswers"}}}},
                              **{s: _error_response(s) for s in ("403", "404", "422")}, **common_errors}}},
            "/kesehatan": {"get": {"operationId": "kesehatan", "summary": "Pemantauan: layanan dan basis data hidup",
                                   "responses": {"200": {"description": "Sehat", "content": {"application/json": {
                                       "schema": {"$ref": "#/components/schemas/Health"}}}},
                                                 "429": _error_response("429"), "500": _error_response("500")}}},
        },
    }
