"""Overdue input periods are flagged by one rule; one status message per outcome."""

import datetime
from decimal import Decimal as D

from django.urls import reverse

from kinerja.models import PeriodeInput
from kinerja.realisasi import services as rs
from kinerja.realisasi.selectors import keadaan_periode

from .conftest import SLUG

HARI = datetime.date(2026, 11, 30)


def _p(dibuka, batas=None):
    return PeriodeInput(tahun=2025, triwulan=2, dibuka=dibuka, batas_waktu=batas)


def test_state_of_a_period():
    assert keadaan_periode(None, HARI).kode == "belum"
    assert keadaan_periode(_p(False, datetime.date(2025, 7, 15)), HARI).kode == "ditutup"
    k = keadaan_periode(_p(True, datetime.date(2025, 7, 15)), HARI)
    assert (k.kode, k.hari_lewat, k.terbuka) == ("terlambat", 503, True)
    assert k.teks == "Terlambat — batas 15 Juli 2025 (503 hari lalu)"
    k = keadaan_periode(_p(True, datetime.date(2026, 11, 30)), HARI)
    assert (k.kode, k.teks) == ("dibuka", "Dibuka sampai 30 November 2026")
    assert keadaan_periode(_p(True), HARI).kode == "dibuka"


def test_pages_flag_an_overdue_period(demo, client_as):
    rs.periode_set(perangkat_daerah=demo, tahun=2025, triwulan=2, dibuka=True,
                   batas_waktu=datetime.date(2025, 7, 15))
    c = client_as("perencana")
    periode = c.get(reverse("kinerja:periode", args=[SLUG])).content.decode()
    assert "Terlambat" in periode and "batas 15 Juli 2025" in periode
    staf = c.get(reverse("kinerja:staf", args=[SLUG]) + "?tahun=2025&tw=2").content.decode()
    assert "terlambat</strong> — batas 15 Juli 2025" in staf
    assert "dibuka</strong> sampai" not in staf


def test_one_message_when_saved_and_submitted(demo, program_persen, users):
    rs.periode_set(perangkat_daerah=demo, tahun=2025, triwulan=2, dibuka=True)
    hasil = rs.realisasi_isi_save(pd=demo, indikator=program_persen, tahun=2025, triwulan=2,
                                  data={"nilai": D("50")}, user=users["perencana"],
                                  kunci_diajukan=False, ajukan=True)
    assert hasil.diajukan
    assert hasil.pesan == [("success", "Realisasi disimpan dan diajukan untuk diverifikasi.")]


def test_one_message_when_saved_but_not_submitted(demo, iku, users):
    rs.periode_set(perangkat_daerah=demo, tahun=2025, triwulan=2, dibuka=True)
    hasil = rs.realisasi_isi_save(pd=demo, indikator=iku, tahun=2025, triwulan=2,
                                  data={"nilai": D("50")}, user=users["perencana"],
                                  kunci_diajukan=False, ajukan=True)
    assert not hasil.diajukan
    (pesan,) = hasil.pesan
    assert pesan[0] == "warning"
    assert pesan[1].startswith("Realisasi disimpan sebagai draf, tetapi belum diajukan — ")
    assert "Bukti dukung wajib" in pesan[1]


def test_draft_save_message(demo, iku, users):
    rs.periode_set(perangkat_daerah=demo, tahun=2025, triwulan=2, dibuka=True)
    kw = {"pd": demo, "indikator": iku, "tahun": 2025, "triwulan": 2,
          "data": {"nilai": D("50")}, "user": users["perencana"], "kunci_diajukan": False}
    assert rs.realisasi_isi_save(**kw).pesan == [("success", "Realisasi disimpan sebagai draf.")]
    assert rs.realisasi_isi_save(**kw).pesan == [("info", "Tidak ada perubahan.")]
