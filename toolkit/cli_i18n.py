"""Click's own texts in Bahasa Indonesia ("Pemakaian:", "Galat: …", "Opsi", …).

Click looks every message up through module-level ``gettext``/``ngettext`` names
(its gettext seam). We point those names at a small Indonesian catalogue, so the
usage line, the help headings and click's own error messages match the rest of
the toolkit. Unknown messages fall back to click's English text.
"""

from __future__ import annotations

from types import ModuleType

import click.core
import click.decorators
import click.exceptions
import click.formatting
import click.parser
import click.termui
import click.types

ID: dict[str, str] = {
    "Usage:": "Pemakaian:",
    "Options": "Opsi",
    "Commands": "Perintah",
    "Show this message and exit.": "Tampilkan bantuan ini lalu keluar.",
    "Show the version and exit.": "Tampilkan versi lalu keluar.",
    "%(prog)s, version %(version)s": "%(prog)s, versi %(version)s",
    "Error: {message}": "Galat: {message}",
    "Try '{command} {option}' for help.": "Coba '{command} {option}' untuk bantuan.",
    "Missing argument": "Argumen belum diisi",
    "Missing option": "Opsi belum diisi",
    "Missing parameter": "Parameter belum diisi",
    "Missing parameter: {param_name}": "Parameter belum diisi: {param_name}",
    "Missing {param_type}": "{param_type} belum diisi",
    "Missing command.": "Perintah belum diberikan.",
    "No such command {name!r}.": "Tidak ada perintah {name!r}.",
    "No such option {name!r}.": "Tidak ada opsi {name!r}.",
    "Invalid value for {param_hint}: {message}": "Nilai tidak sah untuk {param_hint}: {message}",
    "Invalid value: {message}": "Nilai tidak sah: {message}",
    "Got unexpected extra argument ({args})": "Ada argumen tambahan yang tidak dikenal ({args})",
    "Got unexpected extra arguments ({args})": "Ada argumen tambahan yang tidak dikenal ({args})",
    "Option {name!r} requires an argument.": "Opsi {name!r} memerlukan nilai.",
    "Option {name!r} requires {nargs} arguments.": "Opsi {name!r} memerlukan {nargs} nilai.",
    "Option {name!r} does not take a value.": "Opsi {name!r} tidak menerima nilai.",
    "Argument {name!r} takes {nargs} values.": "Argumen {name!r} memerlukan {nargs} nilai.",
    "{value!r} is not {choice}.": "{value!r} bukan {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} bukan salah satu dari {choices}.",
    "Choose from:\n\t{choices}": "Pilih salah satu:\n\t{choices}",
    "{name} {filename!r} does not exist.": "{name} {filename!r} tidak ada.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} adalah folder.",
    "{name} {filename!r} is a file.": "{name} {filename!r} adalah file.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} tidak dapat dibaca.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} tidak dapat ditulis.",
    "{name} {filename!r} is not executable.": "{name} {filename!r} tidak dapat dijalankan.",
    "file": "File",
    "directory": "Folder",
    "path": "Path",
    "{value!r} is not a valid {number_type}.": "{value!r} bukan {number_type} yang sah.",
    "{value} is not in the range {range}.": "{value} di luar rentang {range}.",
    "{value!r} does not match the format {format}.": "{value!r} tidak sesuai format {format}.",
    "{value!r} does not match the formats {formats}.": "{value!r} tidak sesuai format {formats}.",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "{value!r} bukan nilai ya/tidak yang sah. Nilai yang dikenal: {states}",
    "default: {default}": "bawaan: {default}",
    "required": "wajib",
    "env var: {var}": "variabel lingkungan: {var}",
    "Aborted!": "Dibatalkan.",
    "Did you mean {possibility}?": "Mungkin maksudnya {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Mungkin maksudnya salah satu dari: {possibilities}?)",
    "Could not open file {filename!r}: {message}": "File {filename!r} tidak dapat dibuka: {message}",
    "Do you want to continue?": "Lanjutkan?",
    "Confirm the action without prompting.": "Setujui tanpa bertanya.",
    "Error: invalid input": "Galat: isian tidak sah",
    "Error: The two entered values do not match.": "Galat: kedua isian tidak sama.",
    "Repeat for confirmation": "Ulangi untuk konfirmasi",
    "Press any key to continue...": "Tekan tombol apa saja untuk melanjutkan...",
}

_MODULES: tuple[ModuleType, ...] = (
    click.core, click.decorators, click.exceptions, click.formatting, click.parser, click.termui, click.types,
)


def gettext(message: str) -> str:
    return ID.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return gettext(singular if n == 1 else plural)


def install() -> None:
    """Point click's gettext names at the Indonesian catalogue (idempotent)."""
    for module in _MODULES:
        if hasattr(module, "_"):
            module._ = gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]


__all__ = ["ID", "gettext", "install", "ngettext"]
