"""Self-assessment and evaluation: answers validated and audited, scores per sub komponen /
komponen / total, kerangka logis of both kinds blocking the close, and the LHE it creates."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from lke import services
from lke.models import Evaluasi, HasilEvaluasi, Jawaban, Rekomendasi
from lke.selectors import evaluasi_tree
from renstra.models import Renstra
from sakip.audit import riwayat
from sakip.versi import DataKedaluwarsa, SudahAda
from tests.lke.conftest import PESAN_IMPL, TANGGAL, jawab_semua, kriteria, xlsx_template


def test_skor_rata_rata_kali_bobot_dan_jumlah(evaluasi_uji, perencana, template_uji):
    jawab_semua(evaluasi_uji, perencana, "usulan",
                {"A.1.1": "Y", "A.1.2": "T", "A.2.1": "C", "A.2.2": "D",
                 "B.1.1": "Y", "B.1.2": "Y", "B.2.1": "A", "B.2.2": "B"})
    p = evaluasi_tree(evaluasi_uji)
    a, b = p.komponen
    assert [s.nilai_usulan for s in a.subkomponen] == [D(10), D(15)]  # 0,5 × 20; 0,375 × 40
    assert [s.nilai_usulan for s in b.subkomponen] == [D(10), D("26.25")]
    assert (a.nilai_usulan, b.nilai_usulan, p.nilai_usulan) == (D(25), D("36.25"), D("61.25"))
    assert p.predikat_usulan.kode == "B"
    assert p.nilai_evaluasi is None and p.predikat_evaluasi is None


def test_jawaban_tidak_sah_ditolak_per_kolom(evaluasi_uji, perencana, template_uji):
    with pytest.raises(ValidationError) as e:
        services.jawaban_set(evaluasi_uji, kriteria(template_uji, "A.1.1"), perencana,
                             pihak="usulan", jawaban="B")
    assert e.value.message_dict == {"jawaban": ["A.1.1: Jawaban 'B' tidak sah; pilih salah "
                                                "satu: Y/T"]}
    assert not Jawaban.objects.filter(evaluasi=evaluasi_uji).exists()


def test_setiap_perubahan_jawaban_diaudit(evaluasi_uji, perencana, template_uji):
    k = kriteria(template_uji, "A.2.1")
    j = services.jawaban_set(evaluasi_uji, k, perencana, pihak="usulan", jawaban="b",
                             catatan="Renaksi ada")
    assert (j.jawaban_usulan, j.nilai_usulan) == ("B", D("0.75"))
    j = services.jawaban_set(evaluasi_uji, k, perencana, pihak="usulan", jawaban="C",
                             catatan="Renaksi ada", base_version=j.row_version)
    rows = {(r.field, r.nilai_lama, r.nilai_baru) for r in riwayat(j)}
    assert ("jawaban_usulan", "B", "C") in rows and ("nilai_usulan", "0.75", "0.5") in rows
    assert ("catatan_usulan", None, "Renaksi ada") in rows


def test_versi_basi_ditolak(evaluasi_uji, perencana, auditor, template_uji):
    k = kriteria(template_uji, "A.2.1")
    j = services.jawaban_set(evaluasi_uji, k, perencana, pihak="usulan", jawaban="B")
    dasar = j.row_version
    services.jawaban_set(evaluasi_uji, k, auditor, pihak="evaluasi", jawaban="C")
    with pytest.raises(DataKedaluwarsa):
        services.jawaban_set(evaluasi_uji, k, perencana, pihak="usulan", jawaban="A",
                             base_version=dasar)


def test_usulan_terkunci_setelah_diajukan(evaluasi_uji, perencana, template_uji):
    with pytest.raises(ValidationError, match="belum lengkap: 8 kriteria"):
        services.evaluasi_submit(evaluasi_uji, perencana)
    jawab_semua(evaluasi_uji, perencana, "usulan")
    ev = services.evaluasi_submit(evaluasi_uji, perencana)
    assert ev.status == Evaluasi.Status.EVALUASI
    with pytest.raises(SudahAda):
        services.evaluasi_submit(ev, perencana)
    k = kriteria(template_uji, "A.1.1")
    services.jawaban_set(ev, k, perencana, pihak="usulan", jawaban="Y")  # unchanged: accepted
    with pytest.raises(ValidationError, match="sudah diajukan"):
        services.jawaban_set(ev, k, perencana, pihak="usulan", jawaban="T")


def _siap_evaluasi(ev, perencana, auditor, jawaban):
    jawab_semua(ev, perencana, "usulan")
    services.evaluasi_submit(ev, perencana)
    jawab_semua(ev, auditor, "evaluasi", jawaban)


def test_kerangka_logis_rata_rata_menghalangi_penutupan(evaluasi_uji, perencana, auditor,
                                                         template_uji):
    # A.1 = Y, T → mean 0,5; A.2.1 = B (0,75) exceeds it.
    _siap_evaluasi(evaluasi_uji, perencana, auditor, {"A.1.2": "T", "A.2.1": "B", "A.2.2": "C"})
    p = evaluasi_tree(evaluasi_uji)
    assert [(x.kriteria_kode, x.pihak) for x in p.pelanggaran_evaluasi] == [("A.2.1", "evaluasi")]
    assert p.pelanggaran_usulan == []
    with pytest.raises(ValidationError) as e:
        services.evaluasi_close(evaluasi_uji, auditor, nomor="700/1/LHE", tanggal=TANGGAL)
    assert e.value.messages == [f"A.2.1: SALAH — {PESAN_IMPL}"]
    assert not HasilEvaluasi.objects.filter(evaluasi=evaluasi_uji).exists()
    services.jawaban_set(evaluasi_uji, kriteria(template_uji, "A.2.1"), auditor,
                         pihak="evaluasi", jawaban="C", alasan="Diperbaiki")
    hasil = services.evaluasi_close(evaluasi_uji, auditor, nomor="700/1/LHE", tanggal=TANGGAL)
    assert hasil.nilai == D("70") and hasil.predikat == "B"  # 10 + 20 + 10 + 30


def test_kerangka_logis_antar_kriteria(evaluasi_uji, perencana, auditor, template_uji):
    _siap_evaluasi(evaluasi_uji, perencana, auditor, {"B.1.1": "T", "B.2.1": "C"})
    p = evaluasi_tree(evaluasi_uji)
    assert [x.teks for x in p.pelanggaran_evaluasi] == ["B.2.1: SALAH — Laporan Kinerja tidak ada"]
    kp = p.komponen[1].subkomponen[1].kriteria[0]
    assert kp.pelanggaran_evaluasi and not kp.pelanggaran_usulan


def test_penutupan_memerlukan_semua_nilai_evaluasi(evaluasi_uji, perencana, auditor,
                                                    template_uji):
    jawab_semua(evaluasi_uji, perencana, "usulan")
    with pytest.raises(ValidationError, match="belum diajukan"):
        services.evaluasi_close(evaluasi_uji, auditor, nomor="1", tanggal=TANGGAL)
    services.evaluasi_submit(evaluasi_uji, perencana)
    services.jawaban_set(evaluasi_uji, kriteria(template_uji, "A.1.1"), auditor,
                         pihak="evaluasi", jawaban="Y")
    with pytest.raises(ValidationError) as e:
        services.evaluasi_close(evaluasi_uji, auditor, nomor="1", tanggal=TANGGAL)
    assert e.value.messages == ["7 kriteria belum memiliki nilai evaluasi: A.1.2, A.2.1, A.2.2, "
                                "B.1.1, B.1.2, B.2.1, B.2.2."]


def test_penutupan_membuat_lhe_dan_membekukan(evaluasi_uji, perencana, auditor, template_uji):
    _siap_evaluasi(evaluasi_uji, perencana, auditor, {"B.2.2": "B"})
    hasil = services.evaluasi_close(
        evaluasi_uji, auditor, nomor="700/12/LHE/2025", tanggal=TANGGAL, simpulan="Baik",
        rekomendasi=[{"temuan": "Renaksi", "uraian": "Pantau renaksi tiap triwulan",
                      "batas_waktu": TANGGAL},
                     {"uraian": "Publikasikan LKjIP"}])
    assert hasil.nilai == D("96.25") and hasil.predikat == "AA"
    assert hasil.versi_template == "uji/kecil rev. 1"
    assert [(k.kode, k.nilai) for k in hasil.komponen_set.all()] == [("A", D(60)),
                                                                      ("B", D("36.25"))]
    assert list(hasil.rekomendasi_set.values_list("nomor", "status")) == [
        (1, Rekomendasi.Status.TERBUKA), (2, Rekomendasi.Status.TERBUKA)]
    ev = Evaluasi.objects.get(pk=evaluasi_uji.pk)
    assert ev.status == Evaluasi.Status.DITUTUP and ev.ditutup_oleh == auditor
    with pytest.raises(ValidationError, match="sudah ditutup"):
        services.jawaban_set(ev, kriteria(template_uji, "A.1.1"), auditor, pihak="evaluasi",
                             jawaban="T")
    with pytest.raises(SudahAda):
        services.evaluasi_close(ev, auditor, nomor="x", tanggal=TANGGAL)


def test_evaluasi_ganda_sudah_ada(evaluasi_uji, pd_uji, perencana):
    with pytest.raises(SudahAda) as e:
        services.evaluasi_create(pd_uji, 2024, perencana)
    assert e.value.objek == evaluasi_uji


def _ev_penuh(pd, user, n):
    tpl, _ = services.template_load(xlsx_template(n=n), f"uji/kueri-{n}")
    ev = services.evaluasi_create(pd, 2000 + n, user, template=tpl)
    jawab_semua(ev, user, "usulan")
    return Evaluasi.objects.select_related("template", "perangkat_daerah").get(pk=ev.pk)


def test_pohon_jumlah_kueri_tetap(pd_uji, perencana, django_assert_num_queries):
    kecil, besar = _ev_penuh(pd_uji, perencana, 1), _ev_penuh(pd_uji, perencana, 12)
    with django_assert_num_queries(6):
        p1 = evaluasi_tree(kecil)
    with django_assert_num_queries(6):
        p2 = evaluasi_tree(besar)
    assert len(p1.semua_kriteria()) == 4 and len(p2.semua_kriteria()) == 48


def test_bukti_dokumen_sistem_dan_berkas(evaluasi_uji, perencana, template_uji, demo):
    j = services.jawaban_set(evaluasi_uji, kriteria(template_uji, "A.1.1"), perencana,
                             pihak="usulan", jawaban="Y")
    lain = Renstra.objects.filter(perangkat_daerah=demo).first()
    with pytest.raises(ValidationError, match="bukan milik perangkat daerah"):
        services.bukti_lke_add(j, perencana, jenis="renstra", renstra=lain)
    b = services.bukti_lke_add(j, perencana, jenis="lkjip", tahun_lkjip=2024)
    f = services.bukti_lke_add(j, perencana, jenis="berkas", berkas=SimpleUploadedFile(
        "renstra.pdf", b"%PDF-1.4\n%bukti lke\n", "application/pdf"))
    assert f.sha256 and f.berkas.name.startswith("lke/")
    with pytest.raises(SudahAda) as lagi:  # the same content again (a second click): no row
        services.bukti_lke_add(j, perencana, jenis="berkas", berkas=SimpleUploadedFile(
            "renstra-lagi.pdf", b"%PDF-1.4\n%bukti lke\n", "application/pdf"))
    assert lagi.value.objek == f
    with pytest.raises(ValidationError):
        services.bukti_lke_add(j, perencana, jenis="berkas", berkas=SimpleUploadedFile(
            "x.pdf", b"<script>", "application/pdf"))
    assert [r.field for r in riwayat(j)].count("bukti") == 2
    services.bukti_lke_delete(b, perencana)
    assert list(j.bukti_set.all()) == [f]
