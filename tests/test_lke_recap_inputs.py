"""The LKE recap names what it did not read (issue 19): a link in the submissions folder is not followed."""

from __future__ import annotations

import shutil
from pathlib import Path

from toolkit.lke.recap import collect

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "lke" / "lke-zi-permenpanrb-90-2021.xlsx"


def test_a_link_in_the_folder_is_named_not_followed(tmp_path: Path) -> None:
    folder = tmp_path / "kiriman"
    folder.mkdir()
    real = Path(shutil.copy(SAMPLE, folder / "unit-a.xlsx"))
    (folder / "tautan.xlsx").symlink_to(real)
    recap = collect([folder], processes=1)
    assert [Path(o.path).name for o in recap.ranked] == ["unit-a.xlsx"]  # counted once, from the real file
    problems = {Path(o.path).name: o.problem or "" for o in recap.problems}
    assert list(problems) == ["tautan.xlsx"] and "tautan simbolik" in problems["tautan.xlsx"]
    assert any(line.startswith("tautan.xlsx: dilewati") for line in recap.lines())
