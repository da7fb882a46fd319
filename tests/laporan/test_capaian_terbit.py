"""Earlier years as published: an office enters the capaian printed in an earlier LKjIP; Tabel
3.2 prints it with a footnote when the data gives another, and never invents a capaian for a
year before the indicator existed."""

import pytest

from laporan import services
from laporan.models import CapaianTerbit
from laporan.selectors import susun
from renstra.models import Indikator, PenetapanIKU
from sakip.models import JejakAudit

pytestmark = pytest.mark.slow


def _iku(d):
    return d.sasaran[0].indikator[0]


def _capaian_2023(d):
    t = d.tabel["T3_2_multiyear"]
    assert d.tahun_analisis[-2:] == [2023, 2024]
    return t, t.baris[0].sel[-2]  # capaian columns close the row: …, 2023, 2024


def test_no_capaian_before_the_iku_existed(gowa):
    pd, laporan = gowa
    d = susun(pd, 2024, laporan).data
    il = _iku(d)
    assert il.tahun_mulai == 2024  # Keputusan 400.9/38/DINSOS, 1 April 2024
    t, sel = _capaian_2023(d)
    # target = realisasi = 563 would give 100,00 %: not a capaian the office ever had
    assert sel.nilai is None and sel.teks == "\u2014\u00b9"
    assert (f"1) Indikator \u201c{il.uraian}\u201d ditetapkan sebagai IKU mulai tahun 2024; "
            "capaian sebelum tahun 2024 tidak dihitung.") in t.catatan
    assert "capaian 100,00 %" not in " ".join(d.sasaran[0].kalimat["tahunan"])


def test_published_capaian_entered_on_its_page_is_printed_with_a_footnote(gowa, client_as):
    pd, laporan = gowa
    d = susun(pd, 2024, laporan).data
    il = _iku(d)
    c = client_as("perencana")
    url = f"/laporan/{pd.slug}/2024/capaian-terbit/"
    r = c.get(url)
    assert r.status_code == 200, r.content.decode()[:300]
    assert il.uraian in r.content.decode()
    r = c.post(url, {"indikator": il.id, "tahun": 2023, "capaian": "115", "sumber": ""})
    assert r.status_code == 400 and "Sumber wajib diisi" in r.content.decode()
    r = c.post(url, {"indikator": il.id, "tahun": 2023, "capaian": "115,00",
                     "target": "490", "realisasi": "563",
                     "sumber": "LKjIP Dinas Sosial Tahun 2023 Tabel 3.1",
                     "catatan": "Dihitung atas target IKU lama"})
    assert r.status_code == 302
    obj = CapaianTerbit.objects.get(indikator_id=il.id, tahun=2023)
    assert str(obj.capaian) == "115.00" and JejakAudit.objects.filter(
        model="laporan.capaianterbit", object_id=str(obj.pk), aksi="buat").exists()

    d = susun(pd, 2024, laporan).data
    t, sel = _capaian_2023(d)
    # 2022 keeps its "not yet an IKU" note (1), the published 2023 value gets its own (2)
    assert t.baris[0].sel[-3].teks == "\u2014\u00b9"
    assert sel.teks == "115,00\u00b2" and str(sel.nilai) == "115.00"
    assert (f"2) Capaian 2023 indikator \u201c{il.uraian}\u201d sebagaimana diterbitkan "
            "dalam LKjIP Dinas Sosial Tahun 2023 Tabel 3.1; dihitung dari data realisasi: "
            "100,00 %. Dihitung atas target IKU lama.") in t.catatan
    assert "capaian 115,00 % sebagaimana diterbitkan" in d.sasaran[0].kalimat["tahunan"][0]


def test_a_published_value_equal_to_the_data_has_no_footnote(gowa, users):
    pd, laporan = gowa
    d = susun(pd, 2024, laporan).data
    ind = Indikator.objects.select_related("renstra__perangkat_daerah").get(pk=_iku(d).id)
    PenetapanIKU.indikator_set.through.objects.filter(indikator_id=ind.pk).delete()
    services.capaian_terbit_save(indikator=ind, tahun=2023, capaian="100.00",
                                 sumber="LKjIP 2023", user=users["perencana"])
    d = susun(pd, 2024, laporan).data
    t, sel = _capaian_2023(d)
    assert sel.teks == "100,00" and len(t.catatan) == 1
