"""The CLI shell: Indonesian throughout (click's own texts too) and the exit-code contract."""

from __future__ import annotations

import subprocess
import sys

import click
import pytest


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "toolkit", *args], capture_output=True, text=True)


def test_help_is_indonesian() -> None:
    run = _run("--help")
    assert run.returncode == 0
    assert run.stdout.startswith("Pemakaian: integritas")
    assert "Tampilkan bantuan ini lalu keluar." in run.stdout
    assert "Show this message" not in run.stdout and "Usage:" not in run.stdout


@pytest.mark.parametrize("args,words", [
    (("templat",), "Argumen belum diisi 'JENIS'"),
    (("templat", "salah", "-o", "x.xlsx"), "bukan salah satu dari"),
    (("validasi", "--tidak-ada", "x.xlsx"), "Tidak ada opsi '--tidak-ada'"),
    (("rekapp",), "Tidak ada perintah 'rekapp'. Mungkin maksudnya 'rekap'?"),
    (("validasi", "tidak-ada.xlsx"), "tidak ditemukan"),
])
def test_usage_errors_are_indonesian(args: tuple[str, ...], words: str) -> None:
    run = _run(*args)
    assert run.returncode in (2, 3)
    assert words in run.stderr
    assert "Error:" not in run.stderr and "Traceback" not in run.stderr


def test_usage_exit_code_is_2_and_unreadable_is_3(tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert _run("templat").returncode == 2
    bad = tmp_path / "rusak.xlsx"
    bad.write_bytes(b"PK\x03\x04rusak")
    run = _run("validasi", str(bad))
    assert run.returncode == 3 and "rusak" in run.stdout + run.stderr


def test_version() -> None:
    run = _run("--versi")
    assert run.returncode == 0 and run.stdout.startswith("integritas ")


def test_markup_in_a_units_cell_is_printed_not_interpreted(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Review finding: "Seles[/bold]" in a cell crashed the rich table (exit 3 instead of 1)."""
    from toolkit.schemas import get_schema
    from toolkit.workbook.template import build_workbook

    path = build_workbook(get_schema("rencana-aksi-zi"), tmp_path / "markup.xlsx",
                          identitas={"nama_unit": "Unit [red]X[/red]", "tahun": 2026},
                          rows={"rencana": [{"area": "Manajemen Perubahan", "no": 1, "kegiatan": "Rapat [/x]",
                                             "output": "Laporan", "pic": "Budi [bold]", "status": "Seles[/bold]",
                                             "progres": 10}]})
    run = _run("validasi", str(path))
    assert run.returncode == 1, run.stderr  # the table printed; before the fix: MarkupError, exit 3
    assert "TIDAK LOLOS" in run.stdout
    as_json = _run("validasi", str(path), "--json")
    assert as_json.returncode == 1 and "Seles[/bold]" in as_json.stdout


def test_closed_pipe_ends_quietly(repo) -> None:  # type: ignore[no-untyped-def]
    """`integritas validasi … | head -1`: no 'Galat internal: BrokenPipeError', exit 141 like SIGPIPE."""
    sample = repo / "samples" / "kalender-integritas" / "kppn-2023-invalid.xlsx"
    proc = subprocess.Popen([sys.executable, "-m", "toolkit", "validasi", str(sample), "--semua"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()  # the reader stops, as `head -1` does
    err = proc.stderr.read().decode()
    code = proc.wait(timeout=60)
    assert first.startswith(b"kppn-2023-invalid.xlsx: galat")
    assert "Galat internal" not in err and "Traceback" not in err
    assert code in (141, 1)  # 1 only if everything fit in the pipe buffer before it closed


def test_every_command_loads_under_its_own_name() -> None:
    from toolkit.cli import _COMMANDS, main

    ctx = click.Context(main)
    for name in _COMMANDS:
        command = main.get_command(ctx, name)
        assert command is not None and command.name == name, name
    assert main.list_commands(ctx) == sorted(_COMMANDS)


def test_a_command_imports_only_what_it_needs() -> None:
    """Commands load on first use: `validasi` starts without the letters, the store or the server."""
    code = ("import sys; from toolkit.cli import main\n"
            "try:\n    main(['validasi', '--help'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('toolkit.documents', 'toolkit.store', 'toolkit.server', 'toolkit.commands.surat')"
            " if m in sys.modules))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip().splitlines()[-1] == "[]", run.stdout
