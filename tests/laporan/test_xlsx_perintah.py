"""XLSX (one sheet per table, real numbers), the ``lkjip`` command, and the narrative markup."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from laporan.narasi import ke_html, ke_teks_polos
from laporan.render_xlsx import render_xlsx
from laporan.selectors import susun


def test_xlsx_has_one_sheet_per_table_with_numbers(gowa):
    pd, laporan = gowa
    d = susun(pd, 2024, laporan).data
    wb = load_workbook(io.BytesIO(render_xlsx(d)))
    assert wb.sheetnames == ["Ringkasan"] + [f"Tabel {t.bab}.{t.nomor}" for t in sorted(
        d.tabel.values(), key=lambda t: (t.bab, t.nomor))]
    ws = wb["Tabel 3.1"]
    assert ws["A1"].value == "Tabel 3.1 Target dan Realisasi Kinerja Tahun 2024"
    nilai = [c.value for row in ws.iter_rows() for c in row if c.value is not None]
    assert Decimal("112.59") in [Decimal(str(v)) for v in nilai if isinstance(v, int | float)]
    assert any(str(v).startswith("Sumber:") for v in nilai)
    ws = wb["Tabel 3.8"]
    total = [row for row in ws.iter_rows(values_only=True) if row[0] == "Jumlah"][0]
    assert total[3:6] == (5319338072, 4996397274, 93.93)
    assert "Peringatan" not in wb.sheetnames


@pytest.mark.parametrize("fmt", ["html", "json", "xlsx"])
def test_command_writes_each_format(gowa, tmp_path, fmt):
    out = tmp_path / f"lkjip.{fmt}"
    call_command("lkjip", "--pd", "dinsos-gowa", "--tahun", "2024", "--format", fmt, "-o",
                 str(out))
    isi = out.read_bytes()
    assert isi[:2] == b"PK" if fmt == "xlsx" else b"112,59" in isi or b"112.59" in isi


def test_command_refuses_unknown_office_and_year(gowa, tmp_path):
    with pytest.raises(CommandError, match="tidak ditemukan") as e:
        call_command("lkjip", pd="tidak-ada", tahun=2024, format="json",
                     output=str(tmp_path / "x"))
    assert e.value.returncode == 1
    with pytest.raises(CommandError, match="belum memiliki Renstra yang mencakup tahun 2031"):
        call_command("lkjip", pd="dinsos-gowa", tahun=2031, format="json",
                     output=str(tmp_path / "x"))


def test_narrative_markup_is_escaped_and_structured():
    html = str(ke_html("Paragraf **tebal** <b>x</b>\nlanjut.\n\n- satu\n- dua\n\na. alfa\nb. beta"))
    assert "<p>Paragraf <strong>tebal</strong> &lt;b&gt;x&lt;/b&gt; lanjut.</p>" in html
    assert "<ul><li>satu</li><li>dua</li></ul>" in html
    assert '<ol type="a" class="huruf"><li>alfa</li><li>beta</li></ol>' in html
    assert ke_teks_polos("- **a**\n- b") == "- a\n- b"
