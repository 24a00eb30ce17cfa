"""Documents: preflight, leftover placeholders, register, dates, terbilang, NIP, integrity message.

Seeds: 000 (Nota Dinas ND-1182/PB.1/2023 layout; "pesan menjaga integritas, anti korupsi
dan anti gratifikasi pada setiap paragraph akhir naskah dinas"), 004 (Surat 700/40/ITDAKAB/2024,
whose Lampiran went out with ``${tanggal_naskah}`` unfilled).
"""

from __future__ import annotations

import datetime as dt
import multiprocessing as mp
import re
import zipfile
from pathlib import Path

import docx
import pytest
from num2words import num2words

from tests._documents_data import lampiran1_row, small_nota_dinas, surat_seed004
from tests.support.office import set_sample_formats
from toolkit import indonesian as idn
from toolkit.documents import (
    NumberRegister,
    docx_text,
    find_leftovers,
    load_template,
    render_batch,
    render_document,
)
from toolkit.documents.engine import make_environment
from toolkit.documents.kinds import DEFAULT_PESAN_INTEGRITAS, prepare_context
from toolkit.documents.preflight import check_context, docxtpl_variables, preflight
from toolkit.documents.register import format_number, validate_format
from toolkit.errors import TemplateError, UsageError

# --- preflight: missing and unknown variables --------------------------------------------------


def test_template_variables_match_docxtpl_listing() -> None:
    for kind in ("nota-dinas", "surat-dinas", "laporan-monev"):
        loaded = load_template(kind)
        assert loaded.variables.names == docxtpl_variables(str(loaded.prepared.path))
    nd = load_template("nota-dinas").variables
    assert {"nomor", "yth", "dari", "sifat", "lampiran", "hal", "tanggal", "isi", "tembusan",
            "pesan_integritas", "catatan_bsre", "penandatangan", "kop"} <= nd.names
    assert {"nama", "jabatan", "nip"} <= nd.attributes["penandatangan"]
    assert nd.attributes["isi[]"] == {"teks", "sub"}


def test_missing_variable_fails_before_writing_and_names_the_field_without_template_code(tmp_path: Path) -> None:
    loaded = load_template("nota-dinas")
    ctx = prepare_context(loaded.kind, small_nota_dinas())
    del ctx["hal"]
    with pytest.raises(TemplateError) as err:
        preflight(loaded.prepared, ctx, kind="Nota Dinas", variables=loaded.variables)
    message = str(err.value)
    assert "isian belum diisi: hal (dipakai di isi naskah)" in message
    # a clerk never sees template code (issue 16: a missing kop.telepon printed "{% endfor %}…")
    assert "{{" not in message and "{%" not in message


def test_missing_attribute_in_table_rows_is_reported(tmp_path: Path) -> None:
    loaded = load_template("surat-dinas")
    row = lampiran1_row(1)
    del row["waktu"]
    ctx = prepare_context(loaded.kind, {**surat_seed004(), "lampiran1": [row]})
    problems = check_context(loaded.prepared, ctx, variables=loaded.variables)
    assert [(p.kind, p.name) for p in problems] == [("atribut-hilang", "lampiran1[…].waktu")]
    assert problems[0].detail == "isi naskah"
    out = tmp_path / "surat.docx"
    with pytest.raises(TemplateError, match=r"lampiran1\[…\]\.waktu"):
        render_document("surat-dinas", {**surat_seed004(), "lampiran1": [row]}, out)
    assert not out.exists()


def test_unknown_variable_fails_names_closest_and_takes_no_number(tmp_path: Path) -> None:
    reg = set_sample_formats(NumberRegister(tmp_path / "reg.sqlite"))
    data = small_nota_dinas(tanggal_nasksah="6 April 2023")
    del data["nomor"]
    out = tmp_path / "nd.docx"
    with pytest.raises(TemplateError) as err:
        render_document("nota-dinas", data, out, register=reg)
    assert "'tanggal_nasksah' tidak dipakai templat (mungkin maksudnya 'tanggal'?)" in str(err.value)
    assert not out.exists()
    assert reg.issued() == []  # no number burnt by a letter that was never written


def test_required_field_missing_is_a_usage_error(tmp_path: Path) -> None:
    data = small_nota_dinas()
    del data["dari"]
    with pytest.raises(UsageError, match="dari"):
        render_document("nota-dinas", data, tmp_path / "x.docx")


def test_unreadable_date_is_an_error_not_text(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="tanggal"):
        render_document("nota-dinas", small_nota_dinas(tanggal="${tanggal_naskah}"), tmp_path / "x.docx")


# --- leftover placeholders in the produced file -------------------------------------------------


def _template_with(tmp_path: Path, text: str) -> Path:
    """A copy of the Nota Dinas template with ``text`` typed into it (a field someone forgot)."""
    src = Path(__file__).resolve().parent.parent / "templates" / "docx" / "nota-dinas.docx"
    dst = tmp_path / "nota-dinas-lupa.docx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/document.xml":
                cut = data.rindex(b"<w:sectPr")
                data = data[:cut] + f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>".encode() + data[cut:]
            zout.writestr(info, data)
    return dst


def test_leftover_placeholder_in_template_is_refused_and_number_cancelled(tmp_path: Path) -> None:
    reg = set_sample_formats(NumberRegister(tmp_path / "reg.sqlite"))
    data = small_nota_dinas()
    del data["nomor"]
    out = tmp_path / "nd.docx"
    with pytest.raises(TemplateError) as err:
        render_document("nota-dinas", data, out, register=reg,
                        template=_template_with(tmp_path, "Tanggal : ${tanggal_naskah}"))
    assert "${tanggal_naskah}" in str(err.value)
    assert "word/document.xml" in str(err.value)
    assert not out.exists() and not list(tmp_path.glob(".nd.*"))
    [issued] = reg.issued()
    assert issued.status == "batal" and "tanggal_naskah" in issued.keterangan
    # the next letter gets the next number: a cancelled number is never reused
    ok = small_nota_dinas()
    del ok["nomor"]
    assert render_document("nota-dinas", ok, out, register=reg).nomor == "ND-2/PB.1/2023"


def test_placeholder_looking_text_in_data_is_text(tmp_path: Path) -> None:
    """Issue 19: a unit's ``${anggaran}``, ``[daring]``, ``«utama»`` or a vertical tab is text, not a leftover."""
    data = small_nota_dinas(lampiran="1 berkas, Biaya ${anggaran} Rapat [daring] «utama»\x0bbaris baru")
    out = tmp_path / "nd.docx"
    render_document("nota-dinas", data, out)
    text = docx_text(out)
    assert "${anggaran}" in text and "[daring]" in text and "«utama»" in text and "\x0b" not in text


def test_find_leftovers_in_body_tables_headers_and_split_runs(tmp_path: Path) -> None:
    d = docx.Document()
    p = d.add_paragraph("Tanggal : ")
    for piece in ("${tanggal", "_nas", "kah}"):  # Word splits a field over runs
        p.add_run(piece)
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 1).text = "Nama: [nama pejabat]"
    d.sections[0].header.paragraphs[0].text = "Nomor {{ nomor }}"
    d.sections[0].footer.paragraphs[0].text = "}{ttd}"
    d.add_paragraph("Pasal 6 ayat [1] dan daftar (a) tetap boleh.")
    path = tmp_path / "bocor.docx"
    d.save(str(path))
    found = {(lo.part.split("/")[-1], lo.match) for lo in find_leftovers(path)}
    assert ("document.xml", "${tanggal_naskah}") in found
    assert ("document.xml", "[nama pejabat]") in found
    assert ("header1.xml", "{{ nomor }}") in found
    assert ("footer1.xml", "{ttd}") in found
    assert not any("[1]" in m for _p, m in found)


def test_rendered_seed_letters_have_no_leftovers(tmp_path: Path) -> None:
    issued = render_document("nota-dinas", small_nota_dinas(), tmp_path / "nd.docx")
    assert find_leftovers(issued.path) == []
    text = docx_text(issued.path)
    assert "NOMOR ND-1182/PB.1/2023" in text and "6 April 2023" in text


# --- numbering register -----------------------------------------------------------------------


def _allocate_many(path: str, n: int, queue: mp.Queue) -> None:  # runs in a separate process
    reg = NumberRegister(path)
    got = [reg.allocate("surat-dinas", hal="uji", tujuan="KPK", tanggal=dt.date(2024, 4, 30)) for _ in range(n)]
    reg.close()
    queue.put(got)


def test_register_two_processes_get_200_distinct_consecutive_numbers(tmp_path: Path) -> None:
    path = str(tmp_path / "kantor.sqlite")
    set_sample_formats(NumberRegister(path)).close()
    ctx = mp.get_context("spawn")
    queue: mp.Queue = ctx.Queue()
    procs = [ctx.Process(target=_allocate_many, args=(path, 100, queue)) for _ in range(2)]
    for p in procs:
        p.start()
    results = [queue.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0
    numbers = results[0] + results[1]
    assert len(numbers) == 200 and len(set(numbers)) == 200
    seq = sorted(int(re.fullmatch(r"700/(\d+)/ITDAKAB/2024", n).group(1)) for n in numbers)  # type: ignore[union-attr]
    assert seq == list(range(1, 201))
    with NumberRegister(path) as reg:
        rows = reg.issued()
        assert [r.urut for r in rows] == list(range(1, 201))
        assert {r.tujuan for r in rows} == {"KPK"}
        assert reg.store.read(lambda c: c.exec_driver_sql("PRAGMA journal_mode").scalar()) == "wal"


def test_register_formats_counter_and_records_output(tmp_path: Path) -> None:
    with set_sample_formats(NumberRegister(tmp_path / "reg.sqlite")) as reg:
        reg.set_counter("surat-dinas", 2024, 39)  # continuing a paper register
        data = surat_seed004()
        del data["nomor"]
        issued = render_document("surat-dinas", data, tmp_path / "surat.docx", register=reg)
        assert issued.nomor == "700/40/ITDAKAB/2024"  # seed 004's own number
        [row] = reg.issued(letter_type="surat-dinas")
        assert (row.status, row.tanggal, row.hal) == ("terbit", "2024-04-30", data["hal"])
        assert row.tujuan.startswith("Deputi Bidang Koordinasi dan Supervisi")
        assert row.file.endswith("surat.docx") and row.sha256 == issued.sha256
        import hashlib

        assert hashlib.sha256(issued.path.read_bytes()).hexdigest() == row.sha256
        reg.set_format("undangan", "UND-{urut:03d}/{bulan_romawi}/{tahun}")
        assert reg.allocate("undangan", tanggal=dt.date(2024, 11, 2)) == "UND-001/XI/2024"
        assert reg.allocate("undangan", tanggal=dt.date(2025, 1, 2)) == "UND-001/I/2025"  # yearly restart
        with pytest.raises(UsageError):
            reg.set_counter("surat-dinas", 2024, 10)  # never backwards over issued numbers
    with pytest.raises(UsageError, match="urut"):
        validate_format("ND/PB.1/{tahun}")
    with pytest.raises(UsageError, match="tidak dikenal"):
        validate_format("ND-{urut}/{unit}")
    assert format_number("ND-{urut}/PB.1/{tahun}", urut=1182, date=dt.date(2023, 4, 6)) == "ND-1182/PB.1/2023"


# --- Indonesian dates, terbilang, NIP -------------------------------------------------------------

MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
          "Oktober", "November", "Desember")


def test_indonesian_dates_for_every_month_in_rendered_letters(tmp_path: Path) -> None:
    rows = [small_nota_dinas(tanggal=dt.date(2023, m, 6), nomor=f"ND-{m}/PB.1/2023") for m in range(1, 13)]
    issued = render_batch("nota-dinas", rows, tmp_path)
    for month, doc in zip(MONTHS, issued, strict=True):
        text = docx_text(doc.path)
        assert f"6 {month} 2023" in text
        assert not re.search(r"\b(January|February|March|May|June|July|August|October|December)\b", text)
    env = make_environment()
    assert env.from_string("{{ d|tanggal }}").render(d=dt.date(2024, 4, 30)) == "30 April 2024"
    assert env.from_string("{{ d|tanggal }}").render(d="2023-04-06") == "6 April 2023"


@pytest.mark.parametrize(("amount", "words"), [
    (0, "nol"),
    (1_000, "seribu"),
    (1_001_000, "satu juta seribu"),
    (21_001, "dua puluh satu ribu satu"),
    (1_000_000_000, "satu miliar"),
    (11_000, "sebelas ribu"),
    (101_000, "seratus satu ribu"),
    (2_001_001, "dua juta seribu satu"),
    (1_000_001_000, "satu miliar seribu"),
])
def test_terbilang_edge_cases(amount: int, words: str) -> None:
    assert idn.terbilang(amount) == words
    assert make_environment().from_string("{{ n|terbilang }}").render(n=amount) == words


def test_num2words_mistake_that_terbilang_repairs() -> None:
    assert num2words(1_001_000, lang="id") != "satu juta seribu"  # why we do not use it whole
    assert idn.terbilang(1_001_000) == "satu juta seribu"
    assert make_environment().from_string("{{ n|rupiah }}").render(n=1_001_000) == "Rp1.001.000"


def test_nip_and_signatory_of_seed_004(tmp_path: Path) -> None:
    issued = render_document("surat-dinas", surat_seed004(), tmp_path / "s.docx")
    text = docx_text(issued.path)
    for line in ("a.n. Bupati Bangka Tengah", "Sekretaris Daerah,", "Drs. Sugianto, M.Si",
                 "Pembina Utama Madya (IV/d)", "NIP 19640911 198903 1 009", "Koba, 30 April 2024"):
        assert line in text
    with pytest.raises(UsageError, match="NIP"):
        bad = surat_seed004()
        bad["penandatangan"]["nip"] = "1964091119890310"
        render_document("surat-dinas", bad, tmp_path / "bad.docx")


# --- the integrity closing message (seed 000) -------------------------------------------------------


def test_integrity_message_on_by_default_configurable_and_can_be_turned_off(tmp_path: Path) -> None:
    base = small_nota_dinas()
    default = docx_text(render_document("nota-dinas", base, tmp_path / "a.docx").path)
    assert DEFAULT_PESAN_INTEGRITAS in default
    # it is the last paragraph of the letter body, right after the closing sentence
    assert default.index(base["penutup"]) < default.index(DEFAULT_PESAN_INTEGRITAS) < default.index("Tembusan")
    custom = "Kami tidak menerima gratifikasi dalam bentuk apa pun."
    text = docx_text(render_document("nota-dinas", {**base, "pesan_integritas": custom}, tmp_path / "b.docx").path)
    assert custom in text and DEFAULT_PESAN_INTEGRITAS not in text
    off = docx_text(render_document("nota-dinas", {**base, "pesan_integritas": False}, tmp_path / "c.docx").path)
    assert DEFAULT_PESAN_INTEGRITAS not in off


def test_bsre_note_follows_option(tmp_path: Path) -> None:
    on = render_document("nota-dinas", small_nota_dinas(catatan_bsre=True), tmp_path / "on.docx")
    off = render_document("nota-dinas", small_nota_dinas(catatan_bsre=False), tmp_path / "off.docx")
    with zipfile.ZipFile(on.path) as z:
        footers = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("word/footer"))
    assert "UU ITE No 11 Tahun 2008" in footers and "BSrE" in footers
    assert "UU ITE" not in docx_text(off.path)


def test_xml_special_characters_in_data_stay_text(tmp_path: Path) -> None:
    data = small_nota_dinas(hal="Rapat <Tim> & Koordinasi \"ZI\"")
    issued = render_document("nota-dinas", data, tmp_path / "x.docx")
    assert 'Rapat <Tim> & Koordinasi "ZI"' in docx_text(issued.path)
    docx.Document(str(issued.path))  # python-docx opens it: the XML is well formed


def test_surat_without_lampiran_has_no_blank_landscape_page(tmp_path: Path) -> None:
    issued = render_document("surat-dinas", surat_seed004(), tmp_path / "s.docx")
    d = docx.Document(str(issued.path))
    assert len(d.sections) == 1
    assert d.sections[0].page_width < d.sections[0].page_height
    assert "Lampiran I" not in docx_text(issued.path)
