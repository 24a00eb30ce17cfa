"""Option parsing shared by several commands."""

from __future__ import annotations

import datetime as dt

import click

from toolkit.indonesian import parse_tanggal


def date_option(_ctx: click.Context | None, _param: click.Parameter | None, value: str | None) -> dt.date | None:
    """click callback for a date option: "2026-06-30", "30/6/2026" or "30 Juni 2026"; usage error otherwise."""
    if value is None:
        return None
    parsed = parse_tanggal(value)
    if parsed is None:
        raise click.BadParameter(f"'{value}' bukan tanggal (contoh: 2026-06-30 atau \"30 Juni 2026\").")
    return parsed
