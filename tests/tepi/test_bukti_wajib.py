"""The office setting "bukti dukung wajib": enforced on submit and on verification, shown in the
form, edited on the office profile; the demo's verified IKU values all carry evidence."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kinerja.models import BuktiDukung, Realisasi
from kinerja.realisasi import services as rs
from sakip.models import BuktiWajib, PerangkatDaerah

from .conftest import SLUG

PESAN_IKU = "Bukti dukung wajib untuk indikator IKU: unggah minimal satu berkas sebelum mengajukan."


def _draf(pd, ind, tw=2, tahun=2025):
    rs.periode_set(perangkat_daerah=pd, tahun=tahun, triwulan=tw, dibuka=True)
    # Faktor penghambat and upaya: a low capaian needs them before submit (another rule).
    entri = [rs.Entri(ind, tw, {"nilai": D("50"), "faktor_penghambat": "Data terlambat.",
                                "upaya": "Percepat pendataan."})]
    r = rs.realisasi_save(pd=pd, tahun=tahun, entri=entri).check().objek[(ind.pk, tw)]
    r.indikator = ind
    return r


def _atur(pd, nilai):
    PerangkatDaerah.objects.filter(pk=pd.pk).update(bukti_wajib=nilai)
    pd.refresh_from_db()


def test_default_requires_evidence_for_iku_only(demo, iku, program_persen):
    assert demo.bukti_wajib == BuktiWajib.IKU
    r = _draf(demo, iku)
    ok, ditolak = rs.realisasi_submit(pd=demo, realisasi=[r], user=None)
    assert ok == [] and ditolak[0][1] == f"{iku.uraian} TW II: {PESAN_IKU}"
    lain = _draf(demo, program_persen)
    ok, ditolak = rs.realisasi_submit(pd=demo, realisasi=[lain], user=None)
    assert [x.pk for x in ok] == [lain.pk] and ditolak == []


def test_semua_and_tidak(demo, iku, program_persen):
    _atur(demo, BuktiWajib.SEMUA)
    lain = _draf(demo, program_persen)
    ok, ditolak = rs.realisasi_submit(pd=demo, realisasi=[lain], user=None)
    assert ok == [] and ditolak[0][1].endswith(
        "Bukti dukung wajib: unggah minimal satu berkas sebelum mengajukan.")
    _atur(demo, BuktiWajib.TIDAK)
    r = _draf(demo, iku)
    ok, ditolak = rs.realisasi_submit(pd=demo, realisasi=[r], user=None)
    assert [x.pk for x in ok] == [r.pk], ditolak


def test_verification_refused_without_evidence(demo, iku, users):
    _atur(demo, BuktiWajib.TIDAK)
    r = _draf(demo, iku)
    ok, ditolak = rs.realisasi_submit(pd=demo, realisasi=[r], user=None)
    assert ok, ditolak
    _atur(demo, BuktiWajib.IKU)
    with pytest.raises(ValidationError, match="tidak dapat diverifikasi"):
        rs.realisasi_verify(realisasi=r, user=users["perencana"], setuju=True)
    assert Realisasi.objects.get(pk=r.pk).status == Realisasi.Status.DIAJUKAN
    # Returning it to the staff stays possible.
    rs.realisasi_verify(realisasi=r, user=users["perencana"], setuju=False,
                        komentar="Lengkapi bukti dukung.")
    assert Realisasi.objects.get(pk=r.pk).status == Realisasi.Status.DIKEMBALIKAN


def test_form_says_it_before_submit(demo, iku, client_as):
    rs.periode_set(perangkat_daerah=demo, tahun=2025, triwulan=1, dibuka=True)
    url = reverse("kinerja:realisasi-edit", args=[SLUG, iku.pk, 2025, 1])
    html = client_as("perencana").get(url).content.decode()
    assert PESAN_IKU in html


def test_profile_page_edits_the_setting(demo, client_as):
    c = client_as("admin")
    url = reverse("kantor:profil", args=[SLUG])
    assert 'name="bukti_wajib"' in c.get(url).content.decode()
    r = c.post(url, {"nama": demo.nama, "singkatan": demo.singkatan, "kode": demo.kode,
                     "alamat": demo.alamat, "tempat": demo.tempat, "bukti_wajib": "semua",
                     "versi": demo.row_version})
    assert r.status_code == 302
    demo.refresh_from_db()
    assert demo.bukti_wajib == BuktiWajib.SEMUA


def test_demo_verified_iku_values_have_evidence(demo, iku):
    verified = Realisasi.objects.filter(indikator=iku, status=Realisasi.Status.DIVERIFIKASI)
    assert verified.filter(tahun=2024).count() == 4
    tanpa = [(r.tahun, r.triwulan) for r in verified if not r.bukti_set.exists()]
    assert tanpa == []
    assert BuktiDukung.objects.filter(
        realisasi__indikator=iku, realisasi__tahun=2024, realisasi__triwulan=4,
        nama_asli="rekap-penurunan-ppks-tw4-2024.pdf").count() == 1
