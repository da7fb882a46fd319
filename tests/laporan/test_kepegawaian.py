"""The staffing table of BAB I: counts by golongan and pendidikan entered per year on their page
(all or nothing, audited, stale saves refused), printed as Tabel 1.1 with totals; a year
without them is a "perlu dilengkapi" placeholder that blocks penetapan."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.utils.html import strip_tags

from laporan import services
from laporan.models import KepegawaianTahun
from laporan.render_html import render_html
from laporan.render_json import ke_dict
from laporan.selectors import susun
from sakip.models import JejakAudit
from sakip.versi import DataKedaluwarsa
from tests.factories import PEGAWAI_DEMO, lengkapi_kepegawaian, pegawai_post


def _teks(html: str) -> str:
    return " ".join(strip_tags(re.sub(r"<style>.*?</style>", " ", html, flags=re.S)).split())


def _baris(*rows):
    return [{"kelompok": k, "kategori": c, "jumlah": j} for k, c, j in rows]


def test_missing_staffing_is_a_placeholder_with_where_it_is_filled(gowa):
    pd, laporan = gowa
    d = susun(pd, 2024, laporan).data
    k = d.kurang["kepegawaian"]
    assert k.apa == "jumlah pegawai tahun 2024 menurut golongan dan pendidikan"
    assert (k.tempat, k.url) == ("halaman Kepegawaian LKjIP", f"/laporan/{pd.slug}/2024/"
                                                              "kepegawaian/")
    assert "T1_1_kepegawaian" not in d.tabel
    teks = _teks(render_html(d, peringatan=False))
    bab1 = teks.split("Sumber Daya Manusia", 1)[1].split("Isu Strategis", 1)[0]
    # after the demo's own SDM paragraph, in place of the table
    assert bab1.strip().endswith("perlu dilengkapi: jumlah pegawai tahun 2024 menurut golongan "
                                 "dan pendidikan C.")


def test_the_table_prints_both_blocks_with_totals(gowa, users):
    pd, laporan = gowa
    lengkapi_kepegawaian(pd, 2024, users["perencana"])
    d = susun(pd, 2024, laporan).data
    assert "kepegawaian" not in d.kurang
    t = d.tabel["T1_1_kepegawaian"]
    assert (t.label, t.judul) == ("Tabel 1.1", "Jumlah Pegawai Dinas Sosial Kabupaten Gowa "
                                               "menurut Golongan dan Pendidikan Tahun 2024")
    assert [[c.teks for c in b.sel] for b in t.baris] == [
        ["Menurut golongan"], ["1", "IV", "4"], ["2", "III", "17"], ["3", "II", "6"],
        ["4", "I", "1"], ["Jumlah", "28"],
        ["Menurut pendidikan"], ["1", "S2", "5"], ["2", "S1/D4", "15"], ["3", "D3", "2"],
        ["4", "SMA/SMK", "6"], ["Jumlah", "28"]]
    teks = _teks(render_html(d, peringatan=False))
    assert "Tabel 1.1 Jumlah Pegawai Dinas Sosial Kabupaten Gowa menurut Golongan dan " \
           "Pendidikan Tahun 2024" in teks
    # The JSON carries it as any other table (an added entry; the contract's keys unchanged).
    js = ke_dict(d)
    assert js["tabel"][0]["nomor"] == "1.1" and js["tabel"][0]["kode"] == "T1_1_kepegawaian"
    assert js["tabel"][1]["nomor"] == "2.1"


def test_one_block_missing_still_asks_for_it(gowa, users):
    pd, laporan = gowa
    services.kepegawaian_save(perangkat_daerah=pd, tahun=2024, user=users["perencana"],
                              baris=_baris(("golongan", "III", 20)))
    d = susun(pd, 2024, laporan).data
    assert d.kurang["kepegawaian"].apa == "jumlah pegawai tahun 2024 menurut pendidikan"
    assert "T1_1_kepegawaian" not in d.tabel


def test_save_is_all_or_nothing_and_audited(gowa, users):
    pd, laporan = gowa
    u = users["perencana"]
    with pytest.raises(ValidationError) as e:
        services.kepegawaian_save(perangkat_daerah=pd, tahun=2024, user=u, baris=_baris(
            ("golongan", "III", 20), ("golongan", "iii", 2), ("pendidikan", "", 3),
            ("pendidikan", "S1", -1)))
    assert e.value.messages == [
        "Baris 2: kategori \u201ciii\u201d (golongan) tercantum dua kali.",
        "Baris 3: isi kategori (paling banyak 40 karakter).",
        "Baris 4: jumlah pegawai harus bilangan bulat 0 atau lebih."]
    assert not KepegawaianTahun.objects.filter(perangkat_daerah=pd).exists()

    lengkapi_kepegawaian(pd, 2024, u)
    assert KepegawaianTahun.objects.filter(perangkat_daerah=pd, tahun=2024).count() == len(
        PEGAWAI_DEMO)
    assert JejakAudit.objects.filter(model="laporan.kepegawaiantahun", aksi="buat").count() == 8
    # A correction: one count changed, one category dropped, one added.
    baru = [r for r in PEGAWAI_DEMO if r[1] != "D3"] + [("pendidikan", "D4", 2)]
    baru[1] = ("golongan", "III", 18)
    services.kepegawaian_save(perangkat_daerah=pd, tahun=2024, user=u, baris=_baris(*baru))
    rows = {(r.kelompok, r.kategori): r for r in KepegawaianTahun.objects.filter(
        perangkat_daerah=pd, tahun=2024)}
    assert rows[("golongan", "III")].jumlah == 18 and rows[("golongan", "III")].row_version == 2
    assert ("pendidikan", "D3") not in rows and rows[("pendidikan", "D4")].jumlah == 2
    jejak = JejakAudit.objects.filter(model="laporan.kepegawaiantahun")
    assert jejak.filter(aksi="hapus").count() == 1
    assert jejak.filter(aksi="ubah", field="jumlah").get().nilai_baru == "18"


def test_a_stale_page_is_refused_and_a_double_submit_is_harmless(gowa, users, client_as):
    pd, _ = gowa
    c = client_as("perencana")
    url = f"/laporan/{pd.slug}/2024/kepegawaian/"
    halaman = c.get(url)
    assert halaman.status_code == 200
    isi = halaman.content.decode()
    assert 'value="S1/D4"' in isi and 'value="IV"' in isi  # the usual categories offered
    data = pegawai_post(halaman)
    assert c.post(url, data).status_code == 302
    assert c.post(url, data).status_code == 302  # the same form twice: nothing to lose
    assert KepegawaianTahun.objects.filter(perangkat_daerah=pd, tahun=2024).count() == 8
    # Someone changes the table meanwhile; a page showing the old state is refused.
    lama = pegawai_post(halaman)
    lama[next(k for k, v in lama.items() if v == 17)] = 16
    services.kepegawaian_save(perangkat_daerah=pd, tahun=2024, user=users["admin"],
                              baris=_baris(("golongan", "III", 30), ("pendidikan", "S1", 30)))
    r = c.post(url, lama)
    assert r.status_code == 400 and "sudah diubah" in r.content.decode()
    assert KepegawaianTahun.objects.get(perangkat_daerah=pd, kategori="III").jumlah == 30
    with pytest.raises(DataKedaluwarsa):
        services.kepegawaian_save(perangkat_daerah=pd, tahun=2024, user=users["perencana"],
                                  baris=_baris(("golongan", "III", 1)), versi_dasar="0" * 16)


def test_a_count_without_category_is_a_form_error(gowa, client_as):
    pd, _ = gowa
    c = client_as("perencana")
    url = f"/laporan/{pd.slug}/2024/kepegawaian/"
    halaman = c.get(url)
    data = pegawai_post(halaman)
    n = int(data["pegawai-TOTAL_FORMS"]) - 1  # an extra (blank) row
    data.update({f"pegawai-{n}-kelompok": "jabatan", f"pegawai-{n}-kategori": "",
                 f"pegawai-{n}-jumlah": "3"})
    r = c.post(url, data)
    assert r.status_code == 400 and "Isi kategorinya" in r.content.decode()
    assert not KepegawaianTahun.objects.filter(perangkat_daerah=pd).exists()
