"""``integritas layanan``: the PortalRB API (HTTPS) and its tokens."""

from __future__ import annotations

from pathlib import Path

import click

from toolkit.errors import UsageError


@click.group("layanan", help="Layanan API PortalRB (HTTPS): jalankan server dan kelola token Bearer.")
def layanan() -> None:
    pass


@layanan.command("jalan", help="Jalankan API PortalRB dari basis data (usulan terkonfirmasi dan jawaban LKE).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Alamat yang didengarkan.")
@click.option("--port", default=8443, show_default=True, type=int, help="Port.")
@click.option("--sertifikat", type=click.Path(dir_okay=False, path_type=Path), help="Sertifikat TLS (PEM).")
@click.option("--kunci", type=click.Path(dir_okay=False, path_type=Path), help="Kunci privat TLS (PEM).")
@click.option("--di-belakang-proxy", "behind_proxy", is_flag=True,
              help="HTTP biasa di belakang reverse proxy yang memegang TLS (header X-Forwarded-* dipercaya).")
@click.option("--proxy-dipercaya", default="127.0.0.1", show_default=True,
              help="Alamat proxy yang header X-Forwarded-*-nya dipercaya (pisahkan dengan koma).")
@click.option("--periode", default="2026", show_default=True, help="Tahun evaluasi yang dilayani.")
@click.option("--prefiks", default="", help="Awalan jalur bila API dipasang di bawah sebuah jalur, mis. /api/zi.")
@click.option("--batas-per-detik", "rate", default=200.0, show_default=True, type=float,
              help="Batas permintaan per detik per token (lebih dari itu dijawab 429).")
def jalan(host: str, port: int, sertifikat: Path | None, kunci: Path | None, behind_proxy: bool,
          proxy_dipercaya: str, periode: str, prefiks: str, rate: float) -> None:
    from toolkit.server.run import serve
    from toolkit.store import open_store

    store = open_store()
    scheme = "http" if behind_proxy else "https"
    click.echo(f"API PortalRB periode {periode} di {scheme}://{host}:{port}{prefiks} (basis data {store.display()})",
               err=True)
    serve(store, host=host, port=port, certfile=sertifikat, keyfile=kunci, behind_proxy=behind_proxy,
          forwarded_allow_ips=proxy_dipercaya, period=periode, base_path=prefiks, rate=rate,
          burst=max(1, int(rate * 2)))


@layanan.group("token", help="Token Bearer untuk PortalRB (hanya hash SHA-256 yang disimpan).")
def token() -> None:
    pass


@token.command("buat", help="Buat token baru untuk NAMA (mis. PortalRB); token dicetak sekali ini saja.")
@click.argument("nama")
def buat(nama: str) -> None:
    from toolkit.store import lke as lke_store
    from toolkit.store import open_store

    token_id, value = lke_store.create_token(open_store(), nama)
    click.echo(f"Token {token_id} untuk {nama} (simpan sekarang; tidak dapat ditampilkan lagi):", err=True)
    click.echo(value)


@token.command("cabut", help="Cabut token nomor ID (PortalRB tidak dapat memakainya lagi).")
@click.argument("token_id", type=int, metavar="ID")
def cabut(token_id: int) -> None:
    from toolkit.store import lke as lke_store
    from toolkit.store import open_store

    if not lke_store.revoke_token(open_store(), token_id):
        raise UsageError(f"token {token_id} tidak ada atau sudah dicabut.")
    click.echo(f"Token {token_id} dicabut.")


@token.command("daftar", help="Daftar token (nomor, nama, dibuat, dicabut); nilai token tidak pernah ditampilkan.")
def daftar() -> None:
    from toolkit.store import lke as lke_store
    from toolkit.store import open_store

    for t in lke_store.tokens(open_store()):
        state = f"dicabut {t['dicabut_pada']}" if t["dicabut_pada"] else "aktif"
        click.echo(f"{t['id']}\t{t['nama']}\tdibuat {t['dibuat_pada']}\t{state}")
