"""Eight processes × 100 numbers on one office register (SQLite and PostgreSQL): no duplicate, no gap, no error
— also with hand-typed numbers mixed in, and with eight processes typing the same number (one wins, the other
seven are told which letter has it). Issue 16, "Done means"."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import textwrap
from pathlib import Path

from toolkit.documents.office_register import open_office_register

WORKERS = 8
PER_WORKER = 100
TYPED_PER_WORKER = 10
FORMAT = "ND-{urut}/ITDA/{tahun}"

WORKER = textwrap.dedent("""
    import datetime as dt, json, sys
    from toolkit.documents.office_register import NumberClashError, open_office_register
    url, worker, per, typed, mode = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), json.loads(sys.argv[4]), sys.argv[5]
    day = dt.date(2026, 3, 16)
    out = {"issued": [], "clash": []}
    with open_office_register(url) as reg:
        if mode == "same":
            try:
                out["issued"].append(reg.claim("ND-7/ITDA/2026", "nota-dinas", hal=f"proses {worker}",
                                               tanggal=day).nomor)
            except NumberClashError as exc:
                out["clash"].append(exc.message)
        else:
            typed_iter = iter(typed)
            for i in range(per):
                if typed and i % (per // len(typed)) == 0:
                    out["issued"].append(reg.claim(next(typed_iter), "nota-dinas", hal=f"diketik {worker}-{i}",
                                                   tanggal=day).nomor)
                else:
                    out["issued"].append(reg.allocate("nota-dinas", hal=f"proses {worker}-{i}", tanggal=day))
    print(json.dumps(out))
""")


def _prepare(url: str) -> None:
    with open_office_register(url, create=True) as reg:
        reg.bind_office("ITDA", "Inspektorat Daerah Provinsi Nusa Tenggara Timur", formats={"nota-dinas": FORMAT})


def _run_workers(url: str, typed: list[list[str]] | None, mode: str = "numbers") -> list[dict[str, list[str]]]:
    procs = [subprocess.Popen([sys.executable, "-c", WORKER, url, str(w), str(PER_WORKER),
                               json.dumps(typed[w] if typed else []), mode],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for w in range(WORKERS)]
    results = []
    for p in procs:
        out, err = p.communicate(timeout=600)
        assert p.returncode == 0, err[-3000:]
        assert err.strip() == "", err[-3000:]
        results.append(json.loads(out))
    return results


def _check_register(url: str, expected: int) -> None:
    with open_office_register(url) as reg:
        rows = reg.rows(letter_type="nota-dinas", year=2026)
    numbers = [r.nomor for r in rows]
    assert len(numbers) == len(set(numbers)) == expected
    assert sorted(r.urut for r in rows) == list(range(1, expected + 1))  # no gap
    assert numbers == [FORMAT.format(urut=r.urut, tahun=2026) for r in rows]


def test_eight_processes_hundred_numbers_each(store_url: str) -> None:
    _prepare(store_url)
    results = _run_workers(store_url, None)
    issued = [n for r in results for n in r["issued"]]
    assert len(issued) == len(set(issued)) == WORKERS * PER_WORKER
    _check_register(store_url, WORKERS * PER_WORKER)


def test_hand_typed_numbers_mixed_in(store_url: str) -> None:
    """80 numbers reserved in advance (as a secretary does for letters typed outside the toolkit), then typed
    by hand while the other 720 are allocated: 1…800, each once."""
    _prepare(store_url)
    with open_office_register(store_url) as reg:
        reserved = reg.reserve("nota-dinas", WORKERS * TYPED_PER_WORKER, note="buku agenda")
    typed = [reserved[w * TYPED_PER_WORKER:(w + 1) * TYPED_PER_WORKER] for w in range(WORKERS)]
    results = _run_workers(store_url, typed)
    issued = [n for r in results for n in r["issued"]]
    assert len(issued) == len(set(issued)) == WORKERS * PER_WORKER
    assert set(reserved) <= set(issued)
    _check_register(store_url, WORKERS * PER_WORKER)
    with open_office_register(store_url) as reg:
        asal = {r.nomor: r.asal for r in reg.rows()}
    assert sorted(n for n, a in asal.items() if a == "cadangan") == sorted(reserved)


def test_eight_processes_typing_the_same_number(store_url: str) -> None:
    _prepare(store_url)
    results = _run_workers(store_url, None, mode="same")
    winners = [r["issued"] for r in results if r["issued"]]
    clashes = [m for r in results for m in r["clash"]]
    assert winners == [["ND-7/ITDA/2026"]]
    assert len(clashes) == WORKERS - 1
    assert all("sudah terpakai" in m and "proses" in m and "UNIQUE" not in m for m in clashes)
    with open_office_register(store_url) as reg:
        rows = reg.rows()
    assert [(r.nomor, r.urut, r.asal) for r in rows] == [("ND-7/ITDA/2026", 7, "manual")]
    # the counter skips the typed running number
    with open_office_register(store_url) as reg:
        allocated = [reg.allocate("nota-dinas", tanggal=dt.date(2026, 3, 16)) for _ in range(8)]
    assert "ND-7/ITDA/2026" not in allocated and len(allocated) == 8


def test_reprint_refuses_a_damaged_archive_copy(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'reg.sqlite'}"
    _prepare(url)
    with open_office_register(url) as reg:
        nomor = reg.allocate("nota-dinas", hal="Uji arsip")
        reg.record_output(nomor, tmp_path / "x.docx", content=b"isi naskah asli")
        row = reg.get(nomor)
        assert reg.archived(row.sha256) == b"isi naskah asli"
        from sqlalchemy import update

        from toolkit.store.schema import arsip

        reg.store.transact(lambda c: c.execute(update(arsip).values(isi=b"isi yang diubah")))
        try:
            reg.archived(row.sha256)
        except Exception as exc:  # noqa: BLE001
            assert "rusak" in str(exc)
        else:
            raise AssertionError("a damaged archive copy was returned")
