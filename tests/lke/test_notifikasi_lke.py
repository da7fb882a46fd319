"""The follow-up of LHE recommendations notifies each side once: the Inspektorat when the office
answers, the office when the Inspektorat decides; a past LHE cannot be typed over a running
worksheet of the same year."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from lke import services
from lke.models import Evaluasi
from notifikasi.models import JenisNotifikasi, Notifikasi

pytestmark = pytest.mark.django_db
User = get_user_model()


def _jenis(username: str) -> list[str]:
    return list(Notifikasi.objects.filter(penerima__username=username)
                .order_by("id").values_list("jenis", flat=True))


def test_jawaban_dan_keputusan_tindak_lanjut_diberitahukan(demo):
    perencana = User.objects.get(username="perencana")
    insp = User.objects.get(username="inspektorat")
    hasil = services.hasil_set(demo, 2022, insp, nomor="700/LHE/2022", nilai="77.26")
    rek = hasil.rekomendasi_set.create(nomor=1, uraian="Susun manual IKU.")
    sebelum_insp, sebelum_pr = len(_jenis("inspektorat")), len(_jenis("perencana"))

    tl = services.tindak_lanjut_submit(rek, perencana, "Manual IKU disusun.")
    baru = _jenis("inspektorat")[sebelum_insp:]
    assert baru == [JenisNotifikasi.TINDAK_LANJUT_DIAJUKAN]
    n = Notifikasi.objects.filter(penerima=insp).latest("id")
    assert n.url.endswith(f"/tindak-lanjut/{rek.pk}/") and "Susun manual IKU" in n.pesan

    services.tindak_lanjut_reopen(tl, insp, "Manual belum ditetapkan.")
    baru = _jenis("perencana")[sebelum_pr:]
    assert baru == [JenisNotifikasi.TINDAK_LANJUT_DIBUKA]
    assert "Manual belum ditetapkan." in Notifikasi.objects.filter(
        penerima=perencana).latest("id").pesan
    # The one who acted is not told about his own act.
    assert _jenis("inspektorat")[sebelum_insp:] == [JenisNotifikasi.TINDAK_LANJUT_DIAJUKAN]


def test_hasil_kertas_ditolak_selama_lembar_kerja_tahun_itu_berjalan(demo):
    ev = Evaluasi.objects.get(perangkat_daerah=demo, tahun=2024)
    assert ev.status != Evaluasi.Status.DITUTUP
    with pytest.raises(ValidationError, match="sedang berjalan"):
        services.hasil_set(demo, 2024, None, nomor="X", nilai="70")
