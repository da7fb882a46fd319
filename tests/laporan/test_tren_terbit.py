"""The trend chart of analysis 2 follows the rule of Tabel 3.2: an earlier year's published
figures when the office entered them, and no bar (nor target point) for a year the indicator
did not exist — never a value made up from figures it never had (the demo IKU was set in 2024;
its 2023 "563 of 563" would read as a 100 % year)."""

import re
from decimal import Decimal

from laporan import grafik
from laporan.models import CapaianTerbit
from laporan.selectors import susun


def _batang(svg: str) -> list[str]:
    """The value labels of the drawn bars, left to right (the legend's swatch is no bar)."""
    pola = (r'<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="[\d.]+" fill="#[0-9a-f]+"/>'
            r'<text[^>]*>([^<]+)</text>')
    return [t for t in re.findall(pola, svg) if re.search(r"\d", t)]


def test_no_bar_and_no_target_for_a_year_before_the_iku_existed(gowa):
    pd, laporan = gowa
    d = susun(pd, 2024, laporan).data
    il = d.indikator_utama[0]
    assert il.tahun_mulai == 2024
    n2023 = il.nilai_tahun(2023)
    assert (n2023.target, n2023.realisasi, n2023.ada) == (Decimal("563"), Decimal("563"), False)
    assert il.nilai_tren(2023, 2024) == (None, None)
    assert il.nilai_tren(2024, 2024) == (Decimal("653"), Decimal("580"))
    assert il.nilai_tren(2025, 2024) == (None, Decimal("600"))  # the Renstra target ahead
    g = next(g for g in d.gambar if g.kode == f"tren-{il.id}")
    assert _batang(g.svg) == ["653"]
    assert "563" not in g.svg


def test_published_figures_of_an_earlier_year_are_drawn(gowa):
    pd, laporan = gowa
    il_id = susun(pd, 2024, laporan).data.indikator_utama[0].id
    CapaianTerbit.objects.create(indikator_id=il_id, tahun=2023, capaian=Decimal("115"),
                                 target=Decimal("490"), realisasi=Decimal("563.5"),
                                 sumber="LKjIP Dinas Sosial Tahun 2023 Tabel 3.1")
    d = susun(pd, 2024, laporan).data
    il = d.indikator_utama[0]
    assert il.nilai_tren(2023, 2024) == (Decimal("563.5"), Decimal("490"))
    svg = grafik.grafik_tren(il, d.tahun_list, d.tahun)
    assert _batang(svg) == ["564", "653"]  # an IKU of whole people: no decimals
    # Tabel 3.2 prints the same published year (its footnote says where it comes from).
    t = d.tabel["T3_2_multiyear"]
    assert any("LKjIP Dinas Sosial Tahun 2023 Tabel 3.1" in c for c in t.catatan)
