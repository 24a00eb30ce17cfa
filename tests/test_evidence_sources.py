"""The evidence catalogue labels every requirement with its true source (issue 13, item 7).

Column P of the reference LKE ZI workbook is one unit's own notes (it names "PNS OPD Kota
Tangerang Selatan"), not PermenPAN-RB 90/2021; seed 002's data dukung is quoted verbatim where
the seed has it; everything else is the toolkit's own judgement. A requirement labelled "seed"
must have its words in the seed.
"""

from __future__ import annotations

from pathlib import Path

from toolkit.evidence.catalogue import load_catalogue
from toolkit.evidence.text import tokens

REPO = Path(__file__).resolve().parent.parent
SEED_002 = (REPO / "samples" / "seeds" / "002_c6caca31fe692d13.txt").read_text(encoding="utf-8")
UNIT = "catatan unit Kota Tangerang Selatan"
OWN = "penilaian toolkit"


def _items():
    cat = load_catalogue()
    for ind in cat.indicators:
        for ev in ind.evidence:
            yield ind, ev


def test_every_requirement_names_one_true_source() -> None:
    for _ind, ev in _items():
        assert ev.source.startswith(("seed 002 ", UNIT, OWN)), (ev.id, ev.source)
        assert "PermenPAN" not in ev.source, ev.id
    sources = " ".join(load_catalogue().sources)
    assert "BUKAN teks PermenPAN-RB 90/2021" in sources


def test_requirements_labelled_seed_are_in_the_seed() -> None:
    seeded = [(ind, ev) for ind, ev in _items() if ev.source.startswith("seed")]
    assert len(seeded) >= 40
    for _ind, ev in seeded:
        assert ev.quote and ev.quote in SEED_002, (ev.id, ev.quote)
        assert set(tokens(ev.name)) <= set(tokens(ev.quote)), (ev.id, ev.name)  # the name is the seed's words


def test_column_p_is_the_units_note_with_its_row() -> None:
    unit = [(ind, ev) for ind, ev in _items() if ev.source.startswith(UNIT)]
    assert len(unit) >= 100
    for ind, ev in unit:
        assert f"kolom P baris {ind.lke_row}" in ev.source


def test_what_the_seed_does_not_have_is_the_toolkits_own() -> None:
    for ind, ev in _items():
        if ind.id.startswith(("R.", "H.", "P.6.iii.", "P.6.v.")):
            assert ev.source.startswith(OWN), (ev.id, ev.source)


def test_seed_text_is_used_where_the_seed_has_it() -> None:
    cat = load_catalogue()

    def names(ident: str) -> list[str]:
        ind = cat.indicator(ident)
        assert ind is not None
        return [f"{ev.name} {ev.detail}".casefold() for ev in ind.evidence]

    lakin = names("P.4.ii.e")
    assert any("januari" in n for n in lakin) and not any("maret" in n for n in lakin)
    assert any("cctv" in n for n in names("P.5.i.b"))
    team = " ".join(names("P.1.i.a"))
    assert all(w in team for w in ("undangan", "telaah", "biodata", "rekomendasi"))
    assert any("nota dinas" in n for n in names("P.5.iii.c"))
    assert names("P.1.iv.a") == [
        "dokumentasi kegiatan kerjasama, kegiatan sinergitas, pelayanan dan pengabdian kepada masyarakat, "
        "press release yang dilakukan oleh pimpinan ", "absensi kepala dan pejabat struktural ",
        "foto/dokumentasi pimpinan sebagai pembina upacara "]
