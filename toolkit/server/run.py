"""Run the PortalRB API on uvicorn: HTTPS from a certificate and key file, or plain HTTP behind a
reverse proxy that terminates TLS (then the proxy's X-Forwarded-* headers are trusted, from the
addresses given)."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from toolkit.errors import UsageError
from toolkit.server.app import Settings, create_app
from toolkit.store import Store


def access_logging(stream: object = None) -> None:
    """One JSON line per request on stderr (logger ``integritas.layanan``)."""
    logger = logging.getLogger("integritas.layanan")
    if not any(getattr(h, "_integritas", False) for h in logger.handlers):
        handler = logging.StreamHandler(stream or sys.stderr)  # type: ignore[arg-type]
        handler.setFormatter(logging.Formatter("%(message)s"))
        handler._integritas = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False


def serve(store: Store, *, host: str, port: int, certfile: Path | None, keyfile: Path | None,
          behind_proxy: bool = False, forwarded_allow_ips: str = "127.0.0.1", period: str = "2026",
          base_path: str = "", rate: float = 200.0, burst: int = 400) -> None:
    import uvicorn

    if behind_proxy:
        if certfile or keyfile:
            raise UsageError("--di-belakang-proxy melayani HTTP biasa untuk proxy; jangan beri --sertifikat/--kunci.")
    else:
        if not certfile or not keyfile:
            raise UsageError("layanan hanya HTTPS: beri --sertifikat FILE.pem dan --kunci FILE.pem "
                             "(atau --di-belakang-proxy bila proxy yang memegang TLS).")
        for p in (certfile, keyfile):
            if not p.is_file():
                raise UsageError("file sertifikat/kunci tidak ditemukan.", path=p)
    access_logging()
    app = create_app(store, Settings(period=period, rate=rate, burst=burst), base_path=base_path)
    config = uvicorn.Config(
        app, host=host, port=port, root_path=base_path, access_log=False, log_config=None, log_level="warning",
        ssl_certfile=str(certfile) if certfile else None, ssl_keyfile=str(keyfile) if keyfile else None,
        proxy_headers=behind_proxy, forwarded_allow_ips=forwarded_allow_ips if behind_proxy else None,
        server_header=False, date_header=True, timeout_keep_alive=30)
    uvicorn.Server(config).run()
