"""Past LHE results entered without answers (Bekasi, domain.md §4.3), the LHE reads, and the
follow-up lifecycle of recommendations."""

import datetime
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from lke import services
from lke.models import Rekomendasi, TindakLanjut
from lke.selectors import hasil_lhe, hasil_riwayat, rekomendasi_terbuka
from sakip.audit import riwayat
from sakip.versi import SudahAda

KOMPONEN_2024 = [
    {"kode": "A", "nama": "Perencanaan Kinerja", "bobot": 30, "nilai": "22.94"},
    {"kode": "B", "nama": "Pengukuran Kinerja", "bobot": 30, "nilai": "23.11"},
    {"kode": "C", "nama": "Pelaporan Kinerja", "bobot": 15, "nilai": "11.23"},
    {"kode": "D", "nama": "Evaluasi Akuntabilitas Kinerja Internal", "bobot": 25,
     "nilai": "20.01"},
]
KOMPONEN_2023 = [dict(k, nilai=v) for k, v in zip(KOMPONEN_2024,
                                                 ["22.25", "22.12", "12.42", "20.47"],
                                                 strict=True)]


def test_lhe_bekasi_2023_dan_2024(pd_uji, auditor):
    h23 = services.hasil_set(pd_uji, 2023, auditor, nomor="700/LHE/2023", nilai="77.26",
                             komponen=KOMPONEN_2023)
    h24 = services.hasil_set(pd_uji, 2024, auditor, nomor="700/LHE/2024",
                             tanggal=datetime.date(2025, 2, 20), nilai="77.29", predikat="bb",
                             komponen=KOMPONEN_2024)
    assert (h23.predikat, h24.predikat) == ("BB", "BB")
    assert h24.evaluasi is None
    lhe = hasil_lhe(pd_uji, 2024)
    assert [k.nilai for k in lhe.komponen_set.all()] == [D("22.94"), D("23.11"), D("11.23"),
                                                         D("20.01")]
    assert [h.tahun for h in hasil_riwayat(pd_uji, 2024)] == [2023, 2024]
    assert [h.tahun for h in hasil_riwayat(pd_uji, 2023, n=1)] == [2023]
    assert hasil_lhe(pd_uji, 2022) is None
    assert any(r.field == "nilai" for r in riwayat(h24))


def test_total_harus_sama_dengan_jumlah_komponen(pd_uji, auditor):
    with pytest.raises(ValidationError) as e:
        services.hasil_set(pd_uji, 2024, auditor, nilai="77.30", komponen=KOMPONEN_2024)
    assert e.value.message_dict["nilai"] == [
        "Nilai 77.3 tidak sama dengan jumlah nilai komponen 77.29."]


def test_predikat_yang_diketik_berbeda_ditolak(pd_uji, auditor):
    with pytest.raises(ValidationError) as e:
        services.hasil_set(pd_uji, 2024, auditor, nilai="77.29", predikat="A",
                           komponen=KOMPONEN_2024)
    assert e.value.message_dict["predikat"] == [
        "Predikat A tidak sesuai dengan nilai 77.29; predikatnya BB."]


def test_koreksi_lhe_lama_diaudit(pd_uji, auditor):
    h = services.hasil_set(pd_uji, 2024, auditor, nilai="77.29", komponen=KOMPONEN_2024)
    h2 = services.hasil_set(pd_uji, 2024, auditor, nilai="90", komponen=[],
                            base_version=h.row_version)
    assert (h2.pk, h2.predikat, h2.komponen_set.count()) == (h.pk, "A", 0)
    assert ("nilai", "77.29", "90") in {(r.field, r.nilai_lama, r.nilai_baru)
                                        for r in riwayat(h2)}


@pytest.fixture
def rekom(pd_uji, auditor):
    h = services.hasil_set(pd_uji, 2024, auditor, nilai="77.29", komponen=KOMPONEN_2024)
    return Rekomendasi.objects.create(hasil=h, nomor=1, uraian="Lengkapi manual IKU",
                                      batas_waktu=datetime.date(2025, 6, 30))


def _pdf():
    return SimpleUploadedFile("tl.pdf", b"%PDF-1.4\n%uji tindak lanjut\n", "application/pdf")


def test_siklus_tindak_lanjut(rekom, perencana, auditor):
    tl = services.tindak_lanjut_submit(rekom, perencana, "Manual IKU disusun", berkas=_pdf())
    rekom.refresh_from_db()
    assert rekom.status == Rekomendasi.Status.DIJAWAB and tl.sha256 and tl.berkas
    with pytest.raises(SudahAda):
        services.tindak_lanjut_submit(rekom, perencana, "lagi")
    with pytest.raises(ValidationError):
        services.tindak_lanjut_reopen(tl, auditor, "")
    services.tindak_lanjut_reopen(tl, auditor, "Manual belum ditandatangani")
    rekom.refresh_from_db()
    assert rekom.status == Rekomendasi.Status.TERBUKA
    assert list(rekomendasi_terbuka([rekom.hasil.perangkat_daerah_id])) == [rekom]
    tl2 = services.tindak_lanjut_submit(rekom, perencana, "Manual IKU ditandatangani")
    services.tindak_lanjut_approve(tl2, auditor, "Cukup")
    rekom.refresh_from_db()
    assert rekom.status == Rekomendasi.Status.SELESAI and rekom.selesai_pada
    with pytest.raises(SudahAda):
        services.tindak_lanjut_approve(tl2, auditor)
    assert list(rekomendasi_terbuka([rekom.hasil.perangkat_daerah_id])) == []
    assert [t.keputusan for t in TindakLanjut.objects.filter(rekomendasi=rekom)] == [
        "dibuka", "diterima"]
    assert [r.nilai_baru for r in riwayat(rekom) if r.field == "status"] == [
        "selesai", "dijawab", "terbuka", "dijawab"]


def test_berkas_tindak_lanjut_diperiksa_isinya(rekom, perencana):
    palsu = SimpleUploadedFile("tl.pdf", b"<html>bukan pdf</html>", "application/pdf")
    with pytest.raises(ValidationError):
        services.tindak_lanjut_submit(rekom, perencana, "Ada", berkas=palsu)
    rekom.refresh_from_db()
    assert rekom.status == Rekomendasi.Status.TERBUKA


def test_rekomendasi_terbuka_urut_batas_waktu(pd_uji, auditor, rekom):
    Rekomendasi.objects.create(hasil=rekom.hasil, nomor=2, uraian="Tanpa batas")
    Rekomendasi.objects.create(hasil=rekom.hasil, nomor=3, uraian="Lebih awal",
                               batas_waktu=datetime.date(2025, 3, 1))
    qs = rekomendasi_terbuka([pd_uji.pk])
    assert [r.nomor for r in qs] == [3, 1, 2]
    assert qs[0].hasil.perangkat_daerah == pd_uji
