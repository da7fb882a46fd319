"""Nothing unpublished reaches a public page.

Every kind of row the public must never see is seeded with a unique marker — a draft PK (a new
year and a draft revision of a published one), a draft LKjIP, an unverified realisasi, a review
note and the LKjIP review notes, evidence files, and the names of users who are not signatories
— and every public URL is fetched anonymously: no marker may appear. Each marker would show if
its row leaked (the draft PK's target and nomor, the realisasi's value, the note's text, the
file's name, the user's name are all things a page would print)."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from dasbor import services as dasbor_services
from kinerja.models import BuktiDukung, PerjanjianKinerja, PKIndikator, Realisasi
from kinerja.pk import services as pk_services
from laporan.models import LaporanKinerja
from publik import selectors
from renstra.models import Indikator
from tests.publik.conftest import ANTRI, PEMDA, tetapkan_lkjip

PK_DRAF = "PENANDA/PK-DRAF/2025"
PK_REVISI = "PENANDA/PK-REVISI-DRAF/2024"
TARGET_DRAF = Decimal("4321987")  # printed as 4.321.987 if the draft PK leaked
REALISASI_BELUM = Decimal("98765")  # printed as 98.765 if the unverified value leaked
NARASI_DRAF = "PENANDA narasi LKjIP draf 2025"
CATATAN_REALISASI = "PENANDA catatan realisasi belum diverifikasi"
CATATAN_REVIU = "PENANDA catatan reviu Inspektorat"
LHR = "PENANDA catatan Laporan Hasil Reviu"
ORANG = {"perencana": "PENANDA Nama Perencana", "staf.rehsos": "PENANDA Nama Staf",
         "inspektorat": "PENANDA Nama Inspektur", "kepala": "PENANDA Akun Kepala",
         "admin": "PENANDA Nama Admin"}


def _tanam(pd, users) -> list[str]:
    """Seed every kind of unpublished row; returns the markers that must never show."""
    perencana = users["perencana"]
    iku = Indikator.objects.get(renstra__perangkat_daerah=pd, is_iku=True)
    # A draft PK of 2025 with a line, and a draft revision of the published PK 2024.
    draf = pk_services.pk_create(perangkat_daerah=pd, tahun=2025, jenjang="jpt_pratama",
                                 user=perencana, nomor=PK_DRAF,
                                 pihak_pertama_nama="PENANDA Pihak Draf")
    PKIndikator.objects.create(perjanjian=draf, indikator=iku, target_tahunan=TARGET_DRAF)
    berlaku = PerjanjianKinerja.objects.get(perangkat_daerah=pd, tahun=2024, versi=2)
    revisi = pk_services.pk_revise(pk=berlaku, alasan="perubahan_prioritas", nomor=PK_REVISI,
                                   alasan_uraian="PENANDA alasan revisi draf",
                                   tanggal=datetime.date(2024, 9, 1), user=perencana)
    PKIndikator.objects.filter(perjanjian=revisi).update(target_tahunan=TARGET_DRAF)
    # A draft LKjIP of 2025.
    LaporanKinerja.objects.create(perangkat_daerah=pd, tahun=2025,
                                  narasi={"kata_pengantar": NARASI_DRAF})
    # An unverified realisasi on the published PK's IKU (the last quarter counts: LAST).
    Realisasi.objects.filter(indikator=iku, tahun=2024, triwulan=4).update(
        status=Realisasi.Status.DIAJUKAN, nilai=REALISASI_BELUM, catatan=CATATAN_REALISASI)
    # A review note of the Inspektorat.
    dasbor_services.catatan_create(target=iku, tahun=2024, isi=CATATAN_REVIU,
                                   user=users["inspektorat"])
    # People who are not signatories.
    for username, nama in ORANG.items():
        u = users[username]
        u.first_name, u.last_name = nama, ""
        u.save(update_fields=["first_name", "last_name"])
    bukti = [Path(b.file.name).name for b in BuktiDukung.objects.filter(
        realisasi__indikator__renstra__perangkat_daerah=pd)]
    bukti += list(BuktiDukung.objects.filter(
        realisasi__indikator__renstra__perangkat_daerah=pd).values_list("nama_asli", flat=True))
    assert bukti, "the demo has evidence files"
    return [PK_DRAF, PK_REVISI, "4.321.987", "4321987", "98.765", "98765", NARASI_DRAF,
            CATATAN_REALISASI, CATATAN_REVIU, LHR, "PENANDA", *ORANG.values(), *bukti]


def _halaman_publik(pd) -> list[str]:
    """Every public URL of the pemda and the office, with every published year."""
    kantor = {"pemda": PEMDA, "slug": pd.slug}
    urls = [reverse("publik:indeks"), reverse("publik:pemda", kwargs={"pemda": PEMDA}),
            reverse("publik:kantor", kwargs=kantor)]
    urls += [reverse("publik:kantor-tahun", kwargs={**kantor, "tahun": t})
             for t in selectors.tahun_terbit(pd)]
    return urls


def _periksa(pd, penanda: list[str]) -> int:
    anon = Client()
    urls = _halaman_publik(pd)
    for url in urls:
        r = anon.get(url)
        assert r.status_code == 200, url
        isi = r.content.decode()
        bocor = [p for p in penanda if p in isi]
        assert not bocor, f"{url} memuat data yang tidak dipublikasikan: {bocor}"
    # The unpublished year has no page at all, and no PDF exists for it.
    for url in (reverse("publik:kantor-tahun", kwargs={"pemda": PEMDA, "slug": pd.slug,
                                                       "tahun": 2025}),
                reverse("publik:lkjip-pdf", kwargs={"pemda": PEMDA, "slug": pd.slug,
                                                    "tahun": 2025})):
        assert anon.get(url).status_code == 404, url
    return len(urls)


def test_nothing_unpublished_leaks_before_the_lkjip_is_set(gowa, users):
    penanda = _tanam(gowa, users)
    assert _periksa(gowa, penanda) == 4  # indeks, pemda, office, 2024 (its PK is ditetapkan)
    # The published PK is still version 2, not the draft revision.
    assert [pk.versi for pk in selectors.pk_terbit(pd=gowa, tahun=2024)] == [2]


@pytest.mark.parametrize("urutan", ["tanam_dulu", "tetapkan_dulu"])
def test_nothing_unpublished_leaks_after_the_lkjip_is_set(gowa, users, urutan):
    """Either way round: rows made unverified after the signature, or before it."""
    with override_settings(TASKS=ANTRI):
        if urutan == "tanam_dulu":
            penanda = _tanam(gowa, users)
            tetapkan_lkjip(gowa, users, catatan=LHR)
        else:
            tetapkan_lkjip(gowa, users, catatan=LHR)
            penanda = _tanam(gowa, users)
    assert _periksa(gowa, penanda) == 4
    halaman = Client().get(reverse("publik:kantor-tahun", kwargs={
        "pemda": PEMDA, "slug": gowa.slug, "tahun": 2024})).content.decode()
    assert "LKjIP 2024" in halaman and "Ditetapkan 10 Februari 2025" in halaman
