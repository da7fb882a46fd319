"""The LKE pages: the worksheet side by side, answers and their refusals, stale saves, the
kerangka logis next to the criterion, suggestions taken only on click, evidence, hand-in, closing
refused while a rule is broken, who reads what, and the worksheet's fixed number of queries."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lke import services
from lke.models import Evaluasi, Jawaban, Kriteria
from sakip.models import JejakAudit, Role
from sakip.versi import PESAN
from tests.factories import PerangkatDaerahFactory, UserFactory
from tests.lke.conftest import jawab_semua, kriteria, xlsx_template

pytestmark = pytest.mark.django_db
TAHUN = 2024
SALAH_IMPL = "SALAH — nilai implementasi melebihi rata-rata pemenuhan"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _ev(pd) -> Evaluasi:
    return Evaluasi.objects.get(perangkat_daerah=pd, tahun=TAHUN)


def _k(pd, kode: str) -> Kriteria:
    return kriteria(_ev(pd).template, kode)


def _url(name: str, pd, tahun: int = TAHUN, **kw) -> str:
    return reverse(f"lke:{name}", kwargs={"slug": pd.slug, "tahun": tahun, **kw})


def _user(username: str):
    return get_user_model().objects.get(username=username)


def _versi(pd, kode: str) -> int:
    j = Jawaban.objects.filter(evaluasi=_ev(pd), kriteria=_k(pd, kode)).first()
    return j.row_version if j else 0


def _jawab(client, pd, kode: str, jawaban: str, *, pihak="evaluasi", versi=None, catatan=""):
    k = _k(pd, kode)
    return client.post(_url("jawab", pd, kriteria=k.pk), {
        "pihak": pihak, "jawaban": jawaban, "catatan": catatan,
        "row_version": _versi(pd, kode) if versi is None else versi})


# --- the worksheet -------------------------------------------------------------------------------

def test_evaluator_sees_office_answer_beside_own_form_and_scores(demo, client_as):
    r = client_as("inspektorat").get(_url("lembar", demo))
    html = r.content.decode()
    assert r.status_code == 200
    k = _k(demo, "A.1.1")
    blok = html[html.index(f'id="k-{k.pk}"'):html.index(f'id="k-{_k(demo, "A.1.2").pk}"')]
    assert "Perangkat daerah (usulan)" in blok and "Evaluator (evaluasi)" in blok
    assert "Renstra 2022–2026 ditetapkan dengan Peraturan Kepala Dinas" in blok  # office note
    assert f'action="{_url("jawab", demo, kriteria=k.pk)}"' in blok
    assert "Nilai evaluasi" in html and "Tutup evaluasi" in html
    # Scores formatted by sakip.lib.angka: two decimals, comma, with the predikat.
    assert re.search(r'id="total-usulan">\d{2},\d{2} \((BB|B|A|CC)', html)


def test_office_sees_only_its_side_before_closing(demo, client_as):
    for user in ("perencana", "staf.rehsos", "kepala"):
        html = client_as(user).get(_url("lembar", demo)).content.decode()
        assert "Perangkat daerah (usulan)" in html
        assert "Evaluator (evaluasi)" not in html and "Nilai evaluasi</th>" not in html
        assert "ditampilkan setelah evaluasi ditutup" in html
        # Handed in: the office's answers are fixed, no forms are drawn.
        assert "Simpan usulan" not in html and "Tutup evaluasi" not in html


def test_komponen_tabs_show_one_komponen(demo, client_as):
    html = client_as("inspektorat").get(_url("lembar", demo) + "?komponen=D").content.decode()
    assert f'id="k-{_k(demo, "D.1.1").pk}"' in html
    assert f'id="k-{_k(demo, "A.1.1").pk}"' not in html


def test_no_evaluation_yet_offers_start_to_inspektorat_only(demo, client_as):
    assert "Mulai evaluasi 2023" in client_as("inspektorat").get(
        _url("lembar", demo, 2023)).content.decode()
    assert "Mulai evaluasi" not in client_as("perencana").get(
        _url("lembar", demo, 2023)).content.decode()


def test_start_evaluation_with_template_in_force_and_ketua(demo, client_as):
    c = client_as("inspektorat")
    form = c.get(_url("mulai", demo, 2023)).context["form"]
    tpl = form.initial["template"]
    assert tpl == _ev(demo).template
    r = c.post(_url("mulai", demo, 2023), {"template": tpl.pk, "ketua_tim": ""})
    assert r.status_code == 302
    ev = Evaluasi.objects.get(perangkat_daerah=demo, tahun=2023)
    assert ev.status == Evaluasi.Status.MANDIRI and ev.ketua_tim is None


# --- answering -----------------------------------------------------------------------------------

def test_evaluator_answer_is_saved_audited_and_redirects_to_criterion(demo, client_as):
    r = _jawab(client_as("inspektorat"), demo, "A.1.2", "Y", catatan="Renja ada.")
    k = _k(demo, "A.1.2")
    assert r.status_code == 302 and r["Location"].endswith(f"?komponen=A#k-{k.pk}")
    j = Jawaban.objects.get(evaluasi=_ev(demo), kriteria=k)
    assert (j.jawaban_evaluasi, str(j.nilai_evaluasi), j.catatan_evaluasi) == ("Y", "1.0000",
                                                                               "Renja ada.")
    assert JejakAudit.objects.filter(model="lke.jawaban", object_id=str(j.pk),
                                     field="jawaban_evaluasi").exists()


def test_invalid_answer_is_refused_on_the_criterion(demo, client_as):
    r = _jawab(client_as("inspektorat"), demo, "A.2.1", "Y")  # A–E criterion
    assert r.status_code == 400
    assert "Jawaban A.2.1 tidak disimpan" in r.content.decode()
    assert not Jawaban.objects.filter(evaluasi=_ev(demo), kriteria=_k(demo, "A.2.1"),
                                      jawaban_evaluasi="Y").exists()


def test_stale_save_is_refused_with_the_standard_message(demo, client_as):
    c = client_as("inspektorat")
    lama = _versi(demo, "A.1.3")
    assert _jawab(c, demo, "A.1.3", "Y", versi=lama).status_code == 302
    r = _jawab(c, demo, "A.1.3", "T", versi=lama)
    assert r.status_code == 400
    assert PESAN.split("{nama}")[0] in r.content.decode()
    assert Jawaban.objects.get(evaluasi=_ev(demo), kriteria=_k(demo, "A.1.3")
                               ).jawaban_evaluasi == "Y"


def test_sides_are_refused_to_the_wrong_people(demo, client_as):
    # The office's answers are fixed once handed in; the Inspektorat never writes them.
    assert _jawab(client_as("perencana"), demo, "A.1.1", "T", pihak="usulan").status_code == 403
    assert _jawab(client_as("inspektorat"), demo, "A.1.1", "T",
                  pihak="usulan").status_code == 403
    assert _jawab(client_as("perencana"), demo, "A.1.1", "T").status_code == 403
    assert _jawab(client_as("kepala"), demo, "A.1.1", "T").status_code == 403
    assert Jawaban.objects.get(evaluasi=_ev(demo), kriteria=_k(demo, "A.1.1")
                               ).jawaban_usulan == "Y"


def test_office_fills_its_self_assessment_while_mandiri(demo, client_as):
    services.evaluasi_create(demo, 2023, _user("inspektorat"), template=_ev(demo).template)
    k = kriteria(_ev(demo).template, "A.1.1")
    url = _url("jawab", demo, 2023, kriteria=k.pk)
    html = client_as("perencana").get(_url("lembar", demo, 2023)).content.decode()
    assert "Simpan usulan" in html and "Evaluator (evaluasi)" not in html
    data = {"pihak": "usulan", "jawaban": "Y", "catatan": "SK Renstra.", "row_version": 0}
    assert client_as("kepala").post(url, data).status_code == 403
    assert client_as("perencana").post(url, data).status_code == 302
    j = Jawaban.objects.get(evaluasi__tahun=2023, evaluasi__perangkat_daerah=demo, kriteria=k)
    assert (j.jawaban_usulan, j.catatan_usulan, j.jawaban_evaluasi) == ("Y", "SK Renstra.", "")


def test_kerangka_logis_violation_is_shown_next_to_the_criterion(demo, client_as):
    c = client_as("inspektorat")
    _jawab(c, demo, "A.1.1", "T")
    r = _jawab(c, demo, "A.3.1", "A")  # Implementasi A while Pemenuhan's average is 0
    assert r.status_code == 302
    html = c.get(_url("lembar", demo)).content.decode()
    k = _k(demo, "A.3.1")
    blok = html[html.index(f'id="k-{k.pk}"'):]
    blok = blok[:blok.index("</article>")]
    assert f"Evaluasi: {SALAH_IMPL}" in blok
    assert 'class="kriteria salah"' in html[html.index(f'id="k-{k.pk}"') - 40:
                                            html.index(f'id="k-{k.pk}"')]
    tutup = c.get(_url("tutup", demo)).content.decode()
    assert f"A.3.1: {SALAH_IMPL}" in tutup and "Evaluasi belum dapat ditutup" in tutup


# --- suggestions ---------------------------------------------------------------------------------

def test_suggestion_shown_with_data_and_applied_only_on_click(demo, client_as):
    c = client_as("inspektorat")
    k = _k(demo, "A.1.4")  # saran pk_ditetapkan_tepat_waktu
    assert k.saran == "pk_ditetapkan_tepat_waktu"
    html = c.get(_url("lembar", demo)).content.decode()
    assert "PK 2024 ditetapkan" in html and "PermenPAN-RB 53/2014" in html
    assert "Pakai saran: Y" in html
    j = Jawaban.objects.get(evaluasi=_ev(demo), kriteria=k)
    assert j.jawaban_evaluasi == "" and not j.saran_diterima  # shown, never applied silently
    r = c.post(_url("saran", demo, kriteria=k.pk), {"row_version": j.row_version})
    assert r.status_code == 302
    j.refresh_from_db()
    assert (j.jawaban_evaluasi, j.saran_diterima) == ("Y", True)
    jejak = JejakAudit.objects.get(model="lke.jawaban", object_id=str(j.pk),
                                   field="jawaban_evaluasi")
    assert jejak.alasan.startswith("Menerima saran dari data: PK 2024 ditetapkan")


def test_suggestion_refused_to_the_office(demo, client_as):
    k = _k(demo, "A.1.4")
    assert client_as("perencana").post(_url("saran", demo, kriteria=k.pk)).status_code == 403


# --- evidence ------------------------------------------------------------------------------------

def test_evidence_upload_checked_like_realisasi_evidence_and_served(demo, client_as):
    c = client_as("inspektorat")
    k = _k(demo, "A.1.1")
    palsu = SimpleUploadedFile("sk.pdf", b"<html>bukan pdf</html>")
    r = c.post(_url("bukti-tambah", demo, kriteria=k.pk), {"berkas": palsu}, follow=True)
    assert "bukan PDF yang sah" in r.content.decode()
    r = c.post(_url("bukti-tambah", demo, kriteria=k.pk),
               {"berkas": SimpleUploadedFile("sk-renstra.pdf", PDF)})
    assert r.status_code == 302
    b = Jawaban.objects.get(evaluasi=_ev(demo), kriteria=k).bukti_set.get()
    unduh = client_as("staf.rehsos").get(_url("bukti-unduh", demo, pk=b.pk))
    assert unduh.status_code == 200 and unduh["X-Content-Type-Options"] == "nosniff"
    assert b"".join(unduh.streaming_content) == PDF
    lain = Client()
    lain.force_login(UserFactory(peran=Role.PERENCANA))  # an office of another pemda
    assert lain.get(_url("bukti-unduh", demo, pk=b.pk)).status_code == 404


def test_evidence_can_cite_a_document_in_the_system(demo, client_as):
    c = client_as("inspektorat")
    k = _k(demo, "A.1.1")
    html = c.get(_url("lembar", demo)).content.decode()
    renstra = re.search(r'<option value="(renstra:\d+)">Renstra 2022–2026', html).group(1)
    c.post(_url("bukti-tambah", demo, kriteria=k.pk), {"dokumen": renstra})
    b = Jawaban.objects.get(evaluasi=_ev(demo), kriteria=k).bukti_set.get()
    assert b.jenis == "renstra" and b.renstra.tahun_awal == 2022
    assert client_as("inspektorat").post(_url("bukti-hapus", demo, pk=b.pk)).status_code == 400
    assert c.post(_url("bukti-hapus", demo, pk=b.pk), {"konfirmasi": "1"}).status_code == 302
    assert not Jawaban.objects.get(evaluasi=_ev(demo), kriteria=k).bukti_set.exists()


# --- hand-in, closing, LHE access ----------------------------------------------------------------

def test_hand_in_confirmation_says_what_becomes_fixed(demo, client_as):
    ev = services.evaluasi_create(demo, 2023, _user("inspektorat"), template=_ev(demo).template)
    c = client_as("perencana")
    html = c.get(_url("ajukan", demo, 2023)).content.decode()
    assert "menjadi tetap" in html and "kriteria belum dijawab" in html
    r = c.post(_url("ajukan", demo, 2023), {"row_version": ev.row_version})
    assert r.status_code == 400 and "Penilaian mandiri belum lengkap" in r.content.decode()
    jawab_semua(ev, _user("perencana"), "usulan")
    r = c.post(_url("ajukan", demo, 2023), {"row_version": ev.row_version})
    assert r.status_code == 302
    ev.refresh_from_db()
    assert ev.status == Evaluasi.Status.EVALUASI
    assert client_as("perencana").get(_url("ajukan", demo, 2023)).status_code == 403


def test_closing_only_by_the_ketua_tim(demo, client_as):
    lain = UserFactory(username="auditor.lain", peran=Role.INSPEKTORAT,
                       peran__perangkat_daerah=None, peran__pemda=demo.pemda)
    c = Client()
    c.force_login(lain)
    assert c.get(_url("tutup", demo)).status_code == 403
    assert c.get(_url("lembar", demo)).status_code == 200  # still evaluates
    assert "Tutup evaluasi" not in c.get(_url("lembar", demo)).content.decode()


def test_closing_refused_lists_unanswered(demo, client_as):
    r = client_as("inspektorat").post(_url("tutup", demo), {
        "nomor": "700/1/LHE", "tanggal": "2025-03-31", "rekomendasi-TOTAL_FORMS": "0",
        "rekomendasi-INITIAL_FORMS": "0", "row_version": _ev(demo).row_version})
    assert r.status_code == 400
    assert "kriteria belum memiliki nilai evaluasi" in r.content.decode()
    assert _ev(demo).status == Evaluasi.Status.EVALUASI


def test_lhe_hidden_until_closed(demo, client_as):
    for user in ("perencana", "inspektorat"):
        assert client_as(user).get(_url("lhe", demo)).status_code == 404


# --- a fixed number of queries -------------------------------------------------------------------

def _lembar_queries(n: int) -> int:
    tpl, _ = services.template_load(xlsx_template(n=n, kriteria=None), f"uji/{n}")
    for kode in ("A.1.1", "B.1.1"):
        k = kriteria(tpl, kode)
        k.saran = "renstra_ada" if kode == "A.1.1" else "realisasi_triwulanan"
        k.save(update_fields=["saran"])
    pd = PerangkatDaerahFactory()
    auditor = UserFactory(peran=Role.INSPEKTORAT, peran__perangkat_daerah=None,
                          peran__pemda=pd.pemda)
    perencana = UserFactory(peran=Role.PERENCANA, peran__perangkat_daerah=pd)
    ev = services.evaluasi_create(pd, TAHUN, auditor, template=tpl)
    jawab_semua(ev, perencana, "usulan")
    k = kriteria(tpl, "A.1.1")
    j = Jawaban.objects.get(evaluasi=ev, kriteria=k)
    services.bukti_lke_add(j, perencana, jenis="lkjip", tahun_lkjip=TAHUN)
    c = Client()
    c.force_login(auditor)
    c.get(_url("lembar", pd))  # warm caches (session, content types)
    with CaptureQueriesContext(connection) as q:
        r = c.get(_url("lembar", pd) + "?komponen=A")
    assert r.status_code == 200 and r.content.decode().count('class="kriteria') == 2 * n
    return len(q)


def test_worksheet_in_a_fixed_number_of_queries(db):
    assert _lembar_queries(2) == _lembar_queries(12)
