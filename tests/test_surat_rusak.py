"""A corpus of broken letter data files a clerk might write (issue 16, "Input a clerk can manage").

Each file in tests/fixtures/surat-rusak/ starts with "# rusak: <what is wrong>"; harapan.json gives the
line the message must name (null: any line). Every one must give exactly one Indonesian line on stderr
naming the file and a line, exit 2 or 3, write nothing and number nothing.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli import main

CORPUS = Path(__file__).parent / "fixtures" / "surat-rusak"
EXPECTED: dict[str, int | None] = json.loads((CORPUS / "harapan.json").read_text(encoding="utf-8"))
ENGLISH = re.compile(r"mapping values|expected|found|could not|Traceback|UNIQUE|Error|while scanning|"
                     r"not allowed|\{%|\{\{", re.IGNORECASE)


def test_corpus_is_large_enough() -> None:
    files = sorted(p.name for p in CORPUS.iterdir() if p.name != "harapan.json")
    assert files == sorted(EXPECTED)
    assert len(files) >= 25


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_letter_data_gives_one_indonesian_line(name: str, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # nothing may appear in the working folder either
    out = tmp_path / "surat.docx"
    register = tmp_path / "register.sqlite"
    result = CliRunner().invoke(main, ["surat", "nota-dinas", "-d", str(CORPUS / name), "-o", str(out),
                                       "--register", str(register)], catch_exceptions=False)
    assert result.exit_code in (2, 3), result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    line = lines[0]
    assert line.startswith(f"Galat: file {CORPUS / name}: baris "), line
    expected = EXPECTED[name]
    if expected is not None:
        assert re.search(rf": baris {expected}\b", line), (expected, line)
    assert not ENGLISH.search(line.split(": baris ", 1)[1]), line
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [], "nothing written, no register created"
