"""The public pages: what a reader sees after the Kepala sets the 2024 LKjIP, withdrawal and
re-publication through the office's page, and how the pages are served (cache, no script)."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from kinerja.models import PerjanjianKinerja
from laporan.models import LaporanKinerja
from publik import selectors, services
from publik.models import PublikasiDicabut
from renstra.models import Indikator
from sakip.models import JejakAudit
from tests.publik.conftest import PEMDA, tetapkan_lkjip


def _url(pd, tahun=None, nama="publik:kantor-tahun"):
    kw = {"pemda": PEMDA, "slug": pd.slug}
    if tahun is not None:
        kw["tahun"] = tahun
    return reverse(nama, kwargs=kw)


def _get(url) -> str:
    r = Client().get(url)
    assert r.status_code == 200, url
    return r.content.decode()


def test_lkjip_2024_set_by_the_kepala_appears_with_its_figures(gowa, lkjip_2024):
    isi = _get(_url(gowa, 2024))
    # Capaian of the IKU (= the sasaran), serapan and efisiensi, as in the signed LKjIP.
    for angka in ("112,59 %", "93,93 %", "18,11 %"):
        assert angka in isi
    assert "Sangat Berhasil" in isi and "Sesuai LKjIP 2024 yang ditetapkan" in isi
    assert "Ditetapkan 10 Februari 2025" in isi
    # The pemda page lists the office with its LKjIP.
    pemda = _get(reverse("publik:pemda", kwargs={"pemda": PEMDA}))
    assert gowa.nama in pemda and "LKjIP 2024" in pemda
    # The office page without a year opens the latest published year.
    assert "LKjIP 2024" in _get(_url(gowa, nama="publik:kantor"))


def test_figures_are_the_frozen_ones_even_when_the_data_moves_on(gowa, lkjip_2024):
    cap = selectors.capaian_terbit(gowa, 2024)
    ser = selectors.serapan_terbit(gowa, 2024)
    assert cap.sumber == selectors.SUMBER_LKJIP
    assert str(cap.indikator[0].capaian) == "112.59" and str(ser.serapan) == "93.93"
    assert str(ser.efisiensi[0]["efisiensi"]) == "18.11"
    assert ser.program and all(p["kode"] for p in ser.program)
    # The snapshot equals the LKjIP JSON of the signed version.
    assert cap.indikator[0].capaian == type(cap.indikator[0].capaian)(
        str(lkjip_2024.snapshot["sasaran"][0]["indikator"][0]["capaian"]))


def test_before_the_lkjip_capaian_is_provisional_from_verified_realisasi(gowa):
    cap = selectors.capaian_terbit(gowa, 2024)
    assert cap.sementara and cap.indikator[0].capaian is not None
    # Serapan comes only with a published LKjIP.
    assert selectors.serapan_terbit(gowa, 2024) is None
    isi = _get(_url(gowa, 2024))
    assert "Angka sementara" in isi and "belum dipublikasikan" in isi
    assert "93,93" not in isi


def test_draft_pk_and_draft_lkjip_of_2025_appear_nowhere(gowa, lkjip_2024, users):
    LaporanKinerja.objects.create(perangkat_daerah=gowa, tahun=2025)
    PerjanjianKinerja.objects.create(perangkat_daerah=gowa, tahun=2025, jenjang="jpt_pratama")
    assert 2025 not in selectors.tahun_terbit(gowa)
    assert not selectors.dokumen_terbit(pd=gowa, tahun=2025) or all(
        d.jenis == "renstra" for d in selectors.dokumen_terbit(pd=gowa, tahun=2025))
    assert Client().get(_url(gowa, 2025)).status_code == 404
    for url in (_url(gowa, nama="publik:kantor"), _url(gowa, 2024),
                reverse("publik:pemda", kwargs={"pemda": PEMDA})):
        isi = _get(url)
        for tanda in ("/2025/", "PK 2025", "LKjIP 2025", "Perjanjian Kinerja 2025"):
            assert tanda not in isi, (url, tanda)


def test_withdrawal_hides_the_lkjip_and_is_audited_both_ways(gowa, lkjip_2024, users):
    kepala = users["kepala"]
    services.publikasi_withdraw(perangkat_daerah=gowa, jenis="lkjip", objek_id=lkjip_2024.pk,
                                alasan="Salah lampiran", user=kepala)
    assert selectors.lkjip_terbit(pd=gowa) == []
    isi = _get(_url(gowa, 2024))
    assert "93,93" not in isi and "Unduh PDF" not in isi
    assert Client().get(_url(gowa, 2024, "publik:lkjip-pdf")).status_code == 404
    jejak = JejakAudit.objects.get(model="laporan.laporankinerja", object_id=str(lkjip_2024.pk),
                                   field="publikasi")
    assert (jejak.nilai_lama, jejak.nilai_baru, jejak.alasan, jejak.user_id) == (
        "terbit", "dicabut", "Salah lampiran", kepala.pk)

    services.publikasi_reopen(perangkat_daerah=gowa, jenis="lkjip", objek_id=lkjip_2024.pk,
                              user=kepala)
    assert "93,93 %" in _get(_url(gowa, 2024))
    assert JejakAudit.objects.filter(model="laporan.laporankinerja", field="publikasi",
                                     nilai_baru="terbit").exists()


def test_withdrawal_refuses_without_reason_twice_and_for_a_draft(gowa, lkjip_2024, users):
    kepala = users["kepala"]
    with pytest.raises(services.ValidationError, match="Alasan"):
        services.publikasi_withdraw(perangkat_daerah=gowa, jenis="lkjip",
                                    objek_id=lkjip_2024.pk, alasan="  ", user=kepala)
    services.publikasi_withdraw(perangkat_daerah=gowa, jenis="lkjip", objek_id=lkjip_2024.pk,
                                alasan="x", user=kepala)
    with pytest.raises(services.SudahAda):
        services.publikasi_withdraw(perangkat_daerah=gowa, jenis="lkjip",
                                    objek_id=lkjip_2024.pk, alasan="x", user=kepala)
    draf = PerjanjianKinerja.objects.create(perangkat_daerah=gowa, tahun=2025,
                                            jenjang="jpt_pratama")
    with pytest.raises(services.ValidationError, match="tidak sedang dipublikasikan"):
        services.publikasi_withdraw(perangkat_daerah=gowa, jenis="pk", objek_id=draf.pk,
                                    alasan="x", user=kepala)
    assert PublikasiDicabut.objects.count() == 1


def test_a_withdrawn_pk_is_not_replaced_by_the_version_it_superseded(gowa, users):
    v2 = PerjanjianKinerja.objects.get(perangkat_daerah=gowa, tahun=2024, versi=2)
    services.publikasi_withdraw(perangkat_daerah=gowa, jenis="pk", objek_id=v2.pk,
                                alasan="Dokumen dipindai ulang", user=users["kepala"])
    assert selectors.pk_terbit(pd=gowa) == []
    assert 2024 not in selectors.tahun_terbit(gowa)


def test_office_page_withdraws_and_republishes(gowa, lkjip_2024, client_as):
    c = client_as("kepala")
    url = reverse("publik:kelola", kwargs={"slug": gowa.slug})
    assert "LKjIP 2024" in c.get(url).content.decode()
    r = c.post(reverse("publik:cabut", kwargs={"slug": gowa.slug}),
               {"jenis": "lkjip", "objek_id": lkjip_2024.pk, "alasan": "Revisi tata letak"})
    assert r.status_code == 302 and PublikasiDicabut.objects.filter(laporan=lkjip_2024).exists()
    assert "Revisi tata letak" in c.get(url).content.decode()
    c.post(reverse("publik:terbitkan", kwargs={"slug": gowa.slug}),
           {"jenis": "lkjip", "objek_id": lkjip_2024.pk})
    assert not PublikasiDicabut.objects.exists()
    # The perencana may not withdraw (the matrix checks every role; here: nothing written).
    r = client_as("perencana").post(reverse("publik:cabut", kwargs={"slug": gowa.slug}),
                                    {"jenis": "lkjip", "objek_id": lkjip_2024.pk,
                                     "alasan": "x"})
    assert r.status_code == 403 and not PublikasiDicabut.objects.exists()


def test_renstra_and_iku_are_published_from_their_penetapan(gowa):
    renstra = selectors.renstra_terbit(pd=gowa)
    assert len(renstra) == 1 and str(renstra[0].terbit_pada) == "2024-04-01"
    iku = selectors.iku_renstra(renstra[0])
    ditetapkan = Indikator.objects.get(renstra__perangkat_daerah=gowa, is_iku=True)
    assert [i.indikator for i in iku] == [ditetapkan]
    assert iku[0].target[2024] is not None and set(iku[0].target) == set(range(2022, 2027))
    isi = _get(_url(gowa, 2024))
    assert ditetapkan.uraian in isi and "Dipublikasikan 1 April 2024" in isi


def test_public_pages_are_cacheable_read_no_session_and_have_no_inline_script(gowa,
                                                                             lkjip_2024,
                                                                             client_as):
    for url in (reverse("publik:indeks"), reverse("publik:pemda", kwargs={"pemda": PEMDA}),
                _url(gowa, 2024)):
        for c, cache in ((Client(), "public"), (client_as("perencana"), "private")):
            r = c.get(url)
            assert r["Cache-Control"] == f"{cache}, max-age=300"
            if cache == "public":
                assert not r.cookies  # nothing personal on a response a proxy may keep
            html = r.content.decode()
            # Every <script> either loads a file or carries JSON (the CSP refuses the rest).
            for tag in re.findall(r"<script[^>]*>", html):
                assert "src=" in tag or 'type="application/json"' in tag, tag
            assert not re.search(r"\son[a-z]+=", html)
    isi = client_as("perencana").get(_url(gowa, 2024)).content.decode()
    assert "Keluar" not in isi  # the same page for everyone: no user menu


def test_unknown_pemda_office_and_year_answer_404(gowa):
    c = Client()
    assert c.get(reverse("publik:pemda", kwargs={"pemda": "kota-tidak-ada"})).status_code == 404
    assert c.get(reverse("publik:kantor", kwargs={"pemda": PEMDA, "slug": "tidak-ada"})
                 ).status_code == 404
    assert c.get(_url(gowa, 2019)).status_code == 404
    # The pemda also answers by its id.
    assert c.get(reverse("publik:pemda", kwargs={"pemda": str(gowa.pemda_id)})
                 ).status_code == 200


@pytest.mark.slow  # lays out the LKjIP PDF (WeasyPrint), as the penetapan does
def test_the_signed_pdf_is_downloadable_from_the_public_page(gowa, users):
    lap = tetapkan_lkjip(gowa, users)  # immediate task backend: the PDF is rendered now
    assert lap.berkas_final.siap
    isi = _get(_url(gowa, 2024))
    pdf_url = _url(gowa, 2024, "publik:lkjip-pdf")
    assert f'href="{pdf_url}"' in isi
    r = Client().get(pdf_url)
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert b"".join(r.streaming_content) == lap.berkas_final.file.open("rb").read()
    # A restore that forgot the media folder: the reader gets a 404, the log says which file.
    lap.berkas_final.file.storage.delete(lap.berkas_final.file.name)
    assert Client().get(pdf_url).status_code == 404
