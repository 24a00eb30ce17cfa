"""``integritas``: the command line. It parses, calls the library and maps errors to exit codes.

Exit codes: 0 clean, 1 findings, 2 usage, 3 unreadable input or internal failure.
Each capability keeps its commands in ``toolkit/commands/<name>.py``; they are
registered here in ``_COMMANDS`` and imported only when called (or listed by ``--help``),
so ``integritas validasi`` does not pay for the letters, the store or the server.
"""

from __future__ import annotations

import os
import sys
import traceback
from importlib import import_module
from typing import Any

import click

from toolkit import __version__, cli_i18n
from toolkit.config import cli_store_url
from toolkit.errors import EXIT_UNREADABLE, ToolkitError

cli_i18n.install()  # before any command is declared: click's own texts in Indonesian

EXIT_BROKEN_PIPE = 141

# command name -> "module:attribute" of its click command
_COMMANDS = {name: f"toolkit.commands.{name}:{name}" for name in (
    "templat", "surat", "kantor", "nilai", "validasi", "rekap", "inspektorat", "checklist", "excel", "aturan",
    "contoh", "basisdata", "layanan", "usulan")}


class ToolkitGroup(click.Group):
    """Turns library errors into one Indonesian line on stderr and the right exit code.

    Commands are loaded on first use from ``_COMMANDS``.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(self.commands) | set(_COMMANDS))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in _COMMANDS:
            module_name, attr = _COMMANDS[cmd_name].split(":")
            self.add_command(getattr(import_module(module_name), attr), cmd_name)
        return super().get_command(ctx, cmd_name)

    def resolve_command(self, ctx: click.Context, args: list[str]) -> tuple[str | None, click.Command | None,
                                                                             list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except click.exceptions.NoSuchCommand as exc:  # "Mungkin maksudnya …" from every command, loaded or not
            raise click.exceptions.NoSuchCommand(exc.command_name, possibilities=self.list_commands(ctx),
                                                 ctx=ctx) from None

    def invoke(self, ctx: click.Context) -> Any:
        token = cli_store_url.set(ctx.params.get("basisdata"))
        try:
            return super().invoke(ctx)
        except ToolkitError as exc:
            click.echo(f"Galat: {exc.describe()}", err=True)
            ctx.exit(exc.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort, KeyboardInterrupt):
            raise
        except BrokenPipeError:
            # the reader stopped (`integritas … | head`): not an error of ours; end quietly like
            # other Unix tools do on SIGPIPE (128 + 13), without a second error on flush
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            ctx.exit(EXIT_BROKEN_PIPE)
        except Exception as exc:  # an internal failure is never reported as "findings" (1)
            if os.environ.get("INTEGRITAS_DEBUG"):
                traceback.print_exc()
            click.echo(f"Galat internal: {type(exc).__name__}: {exc}. Jalankan ulang dengan "
                       "INTEGRITAS_DEBUG=1 untuk rincian, dan laporkan ke tim toolkit.", err=True)
            ctx.exit(EXIT_UNREADABLE)
        finally:
            cli_store_url.reset(token)


@click.group(cls=ToolkitGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--versi", "--version", prog_name="integritas",
                      message="%(prog)s %(version)s")
@click.option("--basisdata", metavar="URL", help="Basis data register, riwayat rekap dan LKE: sqlite:///FILE "
              "atau postgresql://PENGGUNA@HOST/NAMA (bawaan: $INTEGRITAS_BASISDATA, basisdata: di kantor.yaml, "
              "lalu integritas.sqlite di folder data pengguna).")
def main(basisdata: str | None) -> None:
    """Perangkat kerja Zona Integritas, tindak lanjut SPI dan kegiatan penguatan integritas.

    Kode keluar: 0 bersih, 1 ada temuan, 2 salah pemakaian, 3 file tidak terbaca atau galat internal.
    """


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
