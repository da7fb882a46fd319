"""The staff page and entering a value: Indonesian numbers, the kinds of value, the lowest-band
explanation, periods, locks, the verification loop and object access."""

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from demo.kinerja import IND_PERMAKANAN, IND_VERIFIKASI, pdf_sederhana
from kinerja.models import BuktiDukung, Realisasi
from kinerja.realisasi.services import Entri, bukti_create, periode_set, realisasi_save
from renstra.models import Indikator
from sakip.models import JejakAudit

SLUG = "dinsos-gowa"
REHAB = "Persentase PPKS yang Mendapatkan Pelayanan Rehabilitasi"
JAMSOS = "Persentase PPKS yang Memperoleh Jaminan Sosial"


def _ind(uraian):
    return Indikator.objects.get(renstra__perangkat_daerah__slug=SLUG, uraian=uraian)


def _url(ind, tw=2, tahun=2025):
    return reverse("kinerja:realisasi-edit", args=[SLUG, ind.pk, tahun, tw])


def _post(client, ind, tw=2, **data):
    data.setdefault("aksi", "simpan")
    return client.post(_url(ind, tw), data)


def _real(ind, tw=2):
    return Realisasi.objects.get(indikator=ind, tahun=2025, triwulan=tw)


def test_staff_page_shows_only_own_bidang(demo, client_as):
    r = client_as("staf.rehsos").get(reverse("kinerja:staf", args=[SLUG]))
    assert r.status_code == 200
    assert r.context["tahun"] == 2025 and r.context["tw"] == 2  # the open period
    uraian = {row.indikator.uraian for row in r.context["rows"]}
    assert IND_PERMAKANAN in uraian and REHAB in uraian
    assert JAMSOS not in uraian and IND_VERIFIKASI not in uraian
    html = r.content.decode()
    assert JAMSOS not in html
    # Earlier quarter and the progress figures come with the row.
    row = next(x for x in r.context["rows"] if x.indikator.uraian == IND_PERMAKANAN)
    assert row.tw_sebelumnya[0][1] == Decimal("310")
    assert row.progres.proyeksi == Decimal("1240")  # 310 / 1 quarter × 4 (SUM)


def test_staff_cannot_filter_another_bidang(demo, client_as):
    other = _ind(JAMSOS).bidang_id
    r = client_as("staf.rehsos").get(reverse("kinerja:staf", args=[SLUG]) + f"?bidang={other}")
    assert r.status_code == 403


def test_values_typed_the_indonesian_way(demo, client_as):
    c = client_as("staf.rehsos")
    ind = _ind(IND_PERMAKANAN)
    r = _post(c, ind, nilai="1.250", catatan="Permakanan April–Juni", sumber_data="Daftar")
    assert r.status_code == 302
    real = _real(ind)
    assert real.nilai == Decimal("1250") and real.status == "draft"
    assert real.entered_by.username == "staf.rehsos"
    rehab = _ind(REHAB)
    assert _post(c, rehab, nilai="13,75").status_code == 302
    assert _real(rehab).nilai == Decimal("13.75")
    jejak = JejakAudit.objects.get(model="kinerja.realisasi", object_id=str(real.pk),
                                   field="nilai")
    assert jejak.nilai_baru == "1250" and jejak.user.username == "staf.rehsos"


def test_malformed_number_is_refused_with_the_field_named(demo, client_as):
    ind = _ind(IND_PERMAKANAN)
    r = _post(client_as("staf.rehsos"), ind, nilai="4.8294.89.225")
    assert r.status_code == 400
    assert "titik dipakai sebagai pemisah ribuan" in r.context["form"].errors["nilai"][0]
    assert not Realisasi.objects.filter(indikator=ind, tahun=2025, triwulan=2).exists()


def test_percent_unit_rejects_a_count(demo, client_as):
    r = _post(client_as("staf.rehsos"), _ind(REHAB), nilai="15.216")
    assert r.status_code == 400
    assert "bukan jumlah orang" in str(r.context["form"].errors)


def test_ratio_indicator_needs_numerator_and_denominator(demo, client_as):
    c = client_as("staf.linjamsos")
    ind = _ind(IND_VERIFIKASI)
    r = _post(c, ind, pembilang="1.900", penyebut="")
    assert r.status_code == 400
    r = _post(c, ind, pembilang="1.900", penyebut="2.400")
    assert r.status_code == 302
    real = _real(ind)
    assert (real.pembilang, real.penyebut) == (Decimal("1900"), Decimal("2400"))
    assert real.nilai == Decimal("79.1667")  # 1.900 / 2.400 × 100, kept to 4 decimals


def test_lowest_band_needs_an_explanation_before_submitting(demo, client_as):
    c = client_as("staf.rehsos")
    rehab = _ind(REHAB)
    r = _post(c, rehab, nilai="5", aksi="ajukan")  # 5 / 14 = 35,71 % → Tidak Berhasil
    assert r.status_code == 302
    assert _real(rehab).status == "draft"  # saved, not submitted
    msgs = [str(m) for m in r.wsgi_request._messages]
    assert any("kategori terendah" in m and "faktor penghambat" in m for m in msgs)
    r = _post(c, rehab, nilai="5", faktor_penghambat="Data PPKS terlambat dari kecamatan",
              upaya="Pendataan ulang bersama TKSK", aksi="ajukan")
    assert _real(rehab).status == "diajukan"


def test_flow_indicator_is_judged_on_its_projection(demo, client_as):
    # 310 + 290 over two quarters projects 1.200 = target: not in the lowest band although
    # 600 is only half of the whole-year target.
    c = client_as("staf.rehsos")
    ind = _ind(IND_PERMAKANAN)
    _post(c, ind, nilai="290", aksi="ajukan")
    assert _real(ind).status == "diajukan"


def test_closed_period_refuses_staff_and_needs_a_reason_from_perencana(demo, client_as):
    periode_set(perangkat_daerah=demo, tahun=2025, triwulan=2, dibuka=False)
    ind = _ind(IND_PERMAKANAN)
    r = _post(client_as("staf.rehsos"), ind, nilai="100")
    assert r.status_code == 400
    assert "sudah ditutup" in str(r.context["form"].non_field_errors())
    assert not Realisasi.objects.filter(indikator=ind, tahun=2025, triwulan=2).exists()
    p = client_as("perencana")
    r = _post(p, ind, nilai="100")
    assert r.status_code == 400 and "alasan" in r.context["form"].errors
    r = _post(p, ind, nilai="100", alasan="Koreksi data setelah rapat evaluasi")
    assert r.status_code == 302
    jejak = JejakAudit.objects.get(model="kinerja.realisasi", object_id=str(_real(ind).pk),
                                   field="nilai")
    assert jejak.alasan == "Koreksi data setelah rapat evaluasi"


def test_verified_value_is_locked_for_staff(demo, client_as):
    ind = _ind(IND_PERMAKANAN)
    periode_set(perangkat_daerah=demo, tahun=2025, triwulan=1, dibuka=True)
    r = _post(client_as("staf.rehsos"), ind, tw=1, nilai="999")
    assert r.status_code == 400
    assert "terkunci" in str(r.context["form"].non_field_errors())
    assert _real(ind, 1).nilai == Decimal("310")


def test_return_fix_verify_loop_keeps_history(demo, client_as):
    staf, per = client_as("staf.rehsos"), client_as("perencana")
    ind = _ind(IND_PERMAKANAN)
    _post(staf, ind, nilai="290", aksi="ajukan")
    real = _real(ind)
    url = reverse("kinerja:verifikasi-aksi", args=[SLUG, real.pk])
    r = per.post(url, {"aksi": "kembalikan", "komentar": ""}, follow=True)
    assert _real(ind).status == "diajukan"  # a return needs a comment
    assert "Tuliskan alasan pengembalian" in r.content.decode()
    per.post(url, {"aksi": "kembalikan", "komentar": "Lampirkan daftar penerima"})
    assert _real(ind).status == "dikembalikan"
    page = staf.get(reverse("kinerja:staf", args=[SLUG])).content.decode()
    assert "Lampirkan daftar penerima" in page
    pdf = SimpleUploadedFile("daftar.pdf", pdf_sederhana(["Daftar penerima"]), "application/pdf")
    staf.post(_url(ind), {"nilai": "295", "bukti": pdf, "aksi": "ajukan"})
    real = _real(ind)
    assert real.status == "diajukan" and real.nilai == Decimal("295")
    assert BuktiDukung.objects.filter(realisasi=real).count() == 1
    per.post(url, {"aksi": "setuju", "komentar": ""})
    real = _real(ind)
    assert real.status == "diverifikasi" and real.verified_by.username == "perencana"
    hist = [(j.field, j.nilai_lama, j.nilai_baru) for j in JejakAudit.objects.filter(
        model="kinerja.realisasi", object_id=str(real.pk)).order_by("id")]
    assert ("nilai", "290", "295") in hist
    assert ("status", "diajukan", "dikembalikan") in hist
    assert ("status", "diajukan", "diverifikasi") in hist
    page = staf.get(_url(ind)).content.decode()
    assert "Lampirkan daftar penerima" in page and "Diverifikasi" in page  # history shown


def test_staff_of_another_bidang_cannot_post_with_valid_data(demo, client_as):
    ind = _ind(IND_PERMAKANAN)
    r = _post(client_as("staf.linjamsos"), ind, nilai="100")
    assert r.status_code == 403
    assert not Realisasi.objects.filter(indikator=ind, tahun=2025, triwulan=2).exists()
    real = Realisasi.objects.get(indikator=ind, tahun=2025, triwulan=1)
    assert client_as("staf.linjamsos").post(
        reverse("kinerja:realisasi-ajukan", args=[SLUG, ind.pk, 2025, 1])).status_code == 403
    assert real.status == "diverifikasi"


def test_inspektorat_and_kepala_read_but_cannot_enter(demo, client_as):
    ind = _ind(IND_PERMAKANAN)
    for user in ("inspektorat", "kepala"):
        c = client_as(user)
        assert c.get(_url(ind)).status_code == 200
        assert _post(c, ind, nilai="100").status_code == 403
    assert not Realisasi.objects.filter(indikator=ind, tahun=2025, triwulan=2).exists()


def test_submit_all_drafts_of_the_page(demo, client_as):
    c = client_as("staf.rehsos")
    _post(c, _ind(IND_PERMAKANAN), nilai="300")
    _post(c, _ind(REHAB), nilai="5")  # lowest band, no explanation yet
    r = c.post(reverse("kinerja:staf-ajukan", args=[SLUG]),
               {"tahun": 2025, "tw": 2, "semua": "1"})
    assert r.status_code == 302
    assert _real(_ind(IND_PERMAKANAN)).status == "diajukan"
    assert _real(_ind(REHAB)).status == "draft"


def test_periods_opened_and_closed_by_perencana(demo, client_as):
    url = reverse("kinerja:periode", args=[SLUG])
    assert client_as("staf.rehsos").post(url, {"tahun": 2025, "triwulan": 3,
                                                "dibuka": "1"}).status_code == 403
    r = client_as("perencana").post(url, {"tahun": 2025, "triwulan": 3, "dibuka": "1",
                                          "batas_waktu": "2025-10-15"})
    assert r.status_code == 302
    from kinerja.models import PeriodeInput

    p = PeriodeInput.objects.get(perangkat_daerah=demo, tahun=2025, triwulan=3)
    assert p.dibuka and str(p.batas_waktu) == "2025-10-15"
    assert JejakAudit.objects.filter(model="kinerja.periodeinput", object_id=str(p.pk),
                                     field="dibuka").exists()
    client_as("admin").post(url, {"tahun": 2025, "triwulan": 3, "dibuka": "0"})
    p.refresh_from_db()
    assert not p.dibuka


def _hitung_query(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as q:
        assert client.get(url).status_code == 200
    return len(q)


def test_staff_and_verification_pages_run_fixed_queries(demo, client_as):
    """The same number of queries with 3 or 43 indicators (and their pending values)."""
    from renstra import services as rs

    staf, per = client_as("staf.rehsos"), client_as("perencana")
    url_staf = reverse("kinerja:staf", args=[SLUG])
    url_verif = reverse("kinerja:verifikasi", args=[SLUG]) + "?tahun=2025"

    def tambah(n, awal):
        ind = _ind(IND_PERMAKANAN)
        entri = []
        for i in range(awal, awal + n):
            x = rs.indikator_create(renstra=ind.renstra, kegiatan=ind.kegiatan,
                                    uraian=f"Uji {i}", satuan="Orang", bidang=ind.bidang)
            entri += [Entri(x, 1, {"nilai": Decimal(i)}), Entri(x, 2, {"nilai": Decimal(i)})]
        pdf = SimpleUploadedFile("b.pdf", pdf_sederhana([str(awal)]), "application/pdf")
        assert realisasi_save(pd=demo, tahun=2025, entri=entri, abaikan_periode=True,
                              alasan="uji", status_baru="diajukan").ok
        bukti_create(realisasi=Realisasi.objects.filter(indikator__uraian=f"Uji {awal}",
                                                        triwulan=2).get(),
                     berkas=pdf, user=None, pd=demo)

    tambah(3, 0)
    kecil = (_hitung_query(staf, url_staf), _hitung_query(per, url_verif))
    tambah(40, 100)
    besar = (_hitung_query(staf, url_staf), _hitung_query(per, url_verif))
    assert kecil == besar, (kecil, besar)
    assert max(besar) <= 25, besar


def test_perencana_approves_the_ticked_values_at_once(demo, client_as):
    staf = client_as("staf.rehsos")
    for uraian, nilai in ((IND_PERMAKANAN, "300"), (REHAB, "13")):
        _post(staf, _ind(uraian), nilai=nilai, aksi="ajukan")
    ids = [_real(_ind(IND_PERMAKANAN)).pk, _real(_ind(REHAB)).pk]
    url = reverse("kinerja:verifikasi", args=[SLUG])
    assert client_as("kepala").post(
        url, {"pilih": ids}).status_code == 403
    r = client_as("perencana").post(url, {"pilih": ids, "kembali": url + "?tahun=2025"})
    assert r.status_code == 302 and r["Location"].endswith("?tahun=2025")
    assert set(Realisasi.objects.filter(pk__in=ids).values_list("status", flat=True)) == {
        "diverifikasi"}


def test_ratio_progress_is_the_ratio_so_far_never_a_sum_of_percentages(demo, client_as):
    c = client_as("staf.linjamsos")
    _post(c, _ind(IND_VERIFIKASI), pembilang="2.150", penyebut="2.400")
    r = c.get(reverse("kinerja:staf", args=[SLUG]))
    row = next(x for x in r.context["rows"] if x.indikator.uraian == IND_VERIFIKASI)
    # (1.840 + 2.150) / (2.400 + 2.400) × 100 = 83,125 % against a 90 % target.
    assert row.progres.realisasi_sd == Decimal("83.125")
    assert row.progres.proyeksi == Decimal("83.125")
    assert not row.progres.terhadap_tahunan
    assert row.progres.berisiko
