"""The Buku Kerja in the browser: the page per role, the download (the same file as
``export_workbook``), upload → preview (dibuat / diubah / tetap per sheet, galat per
sheet/row/column) → confirm (one transaction, audited, exactly what the preview showed), and
the background path of a large file."""

import io
import re

import pytest
from django.test import override_settings
from django.urls import reverse
from openpyxl import load_workbook

from anggaran.models import RealisasiAnggaran
from bukukerja.workbook import ekspor_workbook, impor_workbook
from renstra.models import Renstra, TargetIndikator
from sakip import unggahan
from sakip.models import Bidang, JejakAudit, Role
from tests.bukukerja.test_kantor_baru import _workbook
from tests.factories import PerangkatDaerahFactory, UserFactory
from tests.fuzz.test_korpus import _isi_db, _korpus, _periksa

pytestmark = pytest.mark.django_db

PPKS = "Jumlah Penurunan Pemerlu Pelayanan Kesejahteraan Sosial (PPKS)"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Kept uploads and job states land in the test's own folder."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _xlsx(wb) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _ekspor(pd, tahun=2024):
    return load_workbook(io.BytesIO(_xlsx(ekspor_workbook(pd, tahun))))


def _ubah(wb, sheet: str, kunci: str, kolom: str, nilai):
    """Set ``kolom`` of the row of ``sheet`` whose first cell is ``kunci``."""
    ws = wb[sheet]
    header = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        if row[0].value == kunci:
            row[header.index(kolom)].value = nilai
            return
    raise AssertionError(f"{kunci} tidak ada di sheet {sheet}")


def _unggah(client, pd, isi: bytes, nama="buku-kerja.xlsx", **data):
    berkas = io.BytesIO(isi)
    berkas.name = nama
    return client.post(reverse("bukukerja:unggah", args=[pd.slug]), {"berkas": berkas, **data})


def _token(resp) -> str:
    assert resp.status_code == 302, resp.content[:500]
    cocok = re.search(r"/impor/([^/]+)/", resp["Location"])
    assert cocok, resp["Location"]
    return cocok[1]


def _pratinjau(client, pd, token):
    return client.get(reverse("bukukerja:pratinjau", args=[pd.slug, token]))


def _konfirmasi(client, pd, token):
    return client.post(reverse("bukukerja:konfirmasi", args=[pd.slug, token]))


def _sheet(r) -> dict:
    return {s["sheet"]: (s["dibuat"], s["diubah"], s["tetap"]) for s in r["sheet"]}


def _nilai_ra(pd, kode="1.06.01", triwulan=1):
    """The realisasi anggaran 2024 of a program (``1.06.01``) or kegiatan (``1.06.02.2.03``)."""
    pemilik = ({"program__kode": kode, "program__renstra__perangkat_daerah": pd}
               if kode.count(".") == 2 else
               {"kegiatan__kode": kode, "kegiatan__program__renstra__perangkat_daerah": pd})
    return RealisasiAnggaran.objects.get(tahun=2024, triwulan=triwulan, **pemilik).nilai


def _target_2025(pd):
    return TargetIndikator.objects.get(indikator__uraian=PPKS, tahun=2025,
                                       indikator__renstra__perangkat_daerah=pd).nilai


# --- the page and the download ---------------------------------------------------------------

def test_perencana_sees_download_and_upload(demo, client_as):
    resp = client_as("perencana").get(reverse("bukukerja:halaman", args=[demo.slug]))
    assert resp.status_code == 200
    html = resp.content.decode()
    assert 'id="bk-unduh"' in html and 'id="bk-unggah"' in html
    assert reverse("bukukerja:halaman", args=[demo.slug]) in html  # the nav link
    assert '<option value="2024"' in html and '<option value="2026"' in html


def test_kepala_downloads_only(demo, client_as):
    kepala = client_as("kepala")
    html = kepala.get(reverse("bukukerja:halaman", args=[demo.slug])).content.decode()
    assert 'id="bk-unduh"' in html and 'id="bk-unggah"' not in html
    assert _unggah(kepala, demo, _xlsx(ekspor_workbook(demo, 2024))).status_code == 403


@pytest.mark.parametrize("username", ["staf.rehsos", "inspektorat"])
def test_others_get_403_and_no_link(demo, client_as, username):
    c = client_as(username)
    assert c.get(reverse("bukukerja:halaman", args=[demo.slug])).status_code == 403
    assert c.get(reverse("bukukerja:unduh", args=[demo.slug]) + "?tahun=2024").status_code == 403
    html = c.get(reverse("beranda-pd", args=[demo.slug])).content.decode()
    assert reverse("bukukerja:halaman", args=[demo.slug]) not in html


def test_download_is_the_export(demo, client_as):
    resp = client_as("kepala").get(reverse("bukukerja:unduh", args=[demo.slug]) + "?tahun=2024")
    assert resp.status_code == 200
    assert "buku-kerja-dinsos-gowa-2024.xlsx" in resp["Content-Disposition"]
    unduhan = load_workbook(io.BytesIO(resp.content))
    ekspor = _ekspor(demo)
    assert unduhan.sheetnames == ekspor.sheetnames == ["Sasaran", "Program", "PK", "Realisasi",
                                                       "Anggaran"]
    for nama in ekspor.sheetnames:
        assert list(unduhan[nama].values) == list(ekspor[nama].values), nama


def test_download_of_a_year_outside_the_renstra_is_refused(demo, client_as):
    resp = client_as("perencana").get(reverse("bukukerja:unduh", args=[demo.slug])
                                      + "?tahun=2031")
    assert resp.status_code == 302 and resp["Location"].endswith(f"/bukukerja/{demo.slug}/")


# --- preview ---------------------------------------------------------------------------------

def test_the_demo_export_reuploaded_previews_no_change(demo, client_as):
    c = client_as("perencana")
    token = _token(_unggah(c, demo, _xlsx(ekspor_workbook(demo, 2024))))
    resp = _pratinjau(c, demo, token)
    assert resp.status_code == 200
    r = resp.context["r"]
    assert r["ok"] and r["dibuat"] == 0 and r["diubah"] == 0 and r["tetap"] > 0
    langsung = impor_workbook(_xlsx(ekspor_workbook(demo, 2024)), demo, dry_run=True)
    assert [[h.sheet, h.dibuat, h.diubah, h.tetap] for h in langsung] == r["angka"]
    html = resp.content.decode()
    assert "Tidak ada perubahan" in html and 'id="form-konfirmasi"' not in html
    assert [s["sheet"] for s in r["sheet"]] == ["Sasaran", "Program", "PK", "Realisasi",
                                                 "Anggaran"]


def test_a_broken_copy_lists_its_galat_and_saves_nothing(demo, client_as):
    wb = _ekspor(demo)
    _ubah(wb, "Realisasi", PPKS, "TW I", "seratus")
    _ubah(wb, "Anggaran", "1.06.01", "Realisasi TW I", "=1+1")
    _ubah(wb, "Anggaran", "1.06.02.2.03", "Realisasi TW II", 17)  # a valid change, refused too
    audit = JejakAudit.objects.count()
    c = client_as("perencana")
    token = _token(_unggah(c, demo, _xlsx(wb)))
    resp = _pratinjau(c, demo, token)
    assert resp.status_code == 422
    galat = resp.context["r"]["galat"]
    assert {(g["sheet"], g["kolom"]) for g in galat} >= {("Realisasi", "TW I"),
                                                         ("Anggaran", "Realisasi TW I")}
    assert all(g["baris"] >= 2 and g["pesan"] for g in galat)
    html = resp.content.decode()
    assert "Berkas ditolak" in html and 'id="form-konfirmasi"' not in html
    assert "bukan rumus" in html and "Realisasi TW I" in html
    # Confirming anyway (a crafted POST) saves nothing either.
    resp = _konfirmasi(c, demo, token)
    assert resp.status_code in (302, 422)
    assert JejakAudit.objects.count() == audit
    assert _nilai_ra(demo, "1.06.02.2.03", 2) != 17


# --- confirm ---------------------------------------------------------------------------------

def test_confirm_writes_what_the_preview_showed_and_audits(demo, client_as):
    wb = _ekspor(demo)
    _ubah(wb, "Sasaran", wb["Sasaran"]["A2"].value, "Target 2025", 610)
    _ubah(wb, "Anggaran", "1.06.01", "Realisasi TW I", 605206935)
    c = client_as("perencana")
    token = _token(_unggah(c, demo, _xlsx(wb)))
    r = _pratinjau(c, demo, token).context["r"]
    assert _sheet(r)["Sasaran"][1] == 1 and _sheet(r)["Anggaran"][1] == 1
    assert r["diubah"] == 2 and r["dibuat"] == 0
    assert _target_2025(demo) == 600  # a preview saves nothing
    audit = JejakAudit.objects.count()

    resp = _konfirmasi(c, demo, token)
    assert resp.status_code == 302 and resp["Location"].endswith(f"/bukukerja/{demo.slug}/")
    assert _target_2025(demo) == 610 and _nilai_ra(demo) == 605206935
    assert JejakAudit.objects.count() >= audit + 2
    assert JejakAudit.objects.filter(user__username="perencana").count() >= 2
    pesan = [str(m) for m in c.get(resp["Location"]).context["messages"]]
    assert any("Buku Kerja disimpan" in m and "Anggaran 0 dibuat, 1 diubah" in m for m in pesan)
    # The kept upload is gone: a second click (double submission) changes nothing.
    audit = JejakAudit.objects.count()
    resp = _konfirmasi(c, demo, token)
    assert resp.status_code == 302 and JejakAudit.objects.count() == audit


def test_data_changed_since_the_preview_is_not_applied_blind(demo, client_as):
    wb = _ekspor(demo)
    _ubah(wb, "Anggaran", "1.06.01", "Realisasi TW I", 605206935)
    isi = _xlsx(wb)
    c = client_as("perencana")
    token = _token(_unggah(c, demo, isi))
    assert _sheet(_pratinjau(c, demo, token).context["r"])["Anggaran"] == (0, 1, 34)
    # Someone else lands the same change between the preview and the confirmation.
    assert not any(h.galat for h in impor_workbook(isi, demo))
    audit = JejakAudit.objects.count()
    resp = _konfirmasi(c, demo, token)
    assert resp.status_code == 409
    assert _sheet(resp.context["r"])["Anggaran"] == (0, 0, 35)
    assert JejakAudit.objects.count() == audit
    assert "berubah sejak pratinjau" in resp.content.decode()


def test_a_second_upload_replaces_the_first(demo, client_as):
    wb = _ekspor(demo)
    _ubah(wb, "Anggaran", "1.06.01", "Realisasi TW I", 605206935)
    c = client_as("perencana")
    lama = _token(_unggah(c, demo, _xlsx(wb)))
    _pratinjau(c, demo, lama)
    baru = _token(_unggah(c, demo, _xlsx(ekspor_workbook(demo, 2024))))
    assert baru != lama
    resp = _konfirmasi(c, demo, lama)
    assert resp.status_code == 302 and resp["Location"].endswith(f"/bukukerja/{demo.slug}/")
    assert _nilai_ra(demo) == 605206934


def test_the_kept_file_is_what_is_applied(demo, client_as):
    """A file changed on the server after the preview no longer has its SHA-256: refused."""
    wb = _ekspor(demo)
    _ubah(wb, "Anggaran", "1.06.01", "Realisasi TW I", 605206935)
    c = client_as("perencana")
    token = _token(_unggah(c, demo, _xlsx(wb)))
    _pratinjau(c, demo, token)
    _ubah(wb, "Anggaran", "1.06.01", "Realisasi TW I", 999)
    (unggahan._folder() / f"{token}.bin").write_bytes(_xlsx(wb))
    resp = _konfirmasi(c, demo, token)
    assert resp.status_code == 302
    assert _nilai_ra(demo) == 605206934


def test_a_token_of_another_user_is_unknown(demo, client_as):
    wb = _ekspor(demo)
    _ubah(wb, "Anggaran", "1.06.01", "Realisasi TW I", 605206935)
    token = _token(_unggah(client_as("perencana"), demo, _xlsx(wb)))
    admin = client_as("admin")
    assert _pratinjau(admin, demo, token).status_code == 302
    assert _konfirmasi(admin, demo, token).status_code == 302
    assert _nilai_ra(demo) == 605206934


def test_upload_form_errors(demo, client_as):
    c = client_as("perencana")
    resp = _unggah(c, demo, b"bukan excel", nama="data.csv")
    assert resp.status_code == 400 and "bukan .xlsx" in resp.content.decode()
    resp = _unggah(c, demo, b"PK\x03\x04rusak", nama="rusak.xlsx", periode="2029-2025")
    assert resp.status_code == 400 and "tidak wajar" in resp.content.decode()
    token = _token(_unggah(c, demo, b"PK\x03\x04rusak", nama="rusak.xlsx"))
    resp = _pratinjau(c, demo, token)
    assert resp.status_code == 422 and resp.context["r"]["galat"][0]["sheet"] == "Buku Kerja"


# --- a new office from the browser -----------------------------------------------------------

def test_a_new_office_is_built_from_the_browser(demo, client):
    pd = PerangkatDaerahFactory(pemda=demo.pemda, nama="Dinas Sosial Kota Baru",
                                slug="dinsos-baru")
    user = UserFactory(username="perencana.baru", peran=Role.PERENCANA,
                       peran__perangkat_daerah=pd)
    client.force_login(user)
    html = client.get(reverse("bukukerja:halaman", args=[pd.slug])).content.decode()
    assert "belum memiliki Renstra" in html and 'name="periode"' in html
    token = _token(_unggah(client, pd, _workbook().getvalue(), tahun="2025"))
    resp = _pratinjau(client, pd, token)
    r = resp.context["r"]
    assert resp.status_code == 200 and r["ok"], r["galat"]
    assert "Renstra 2025–2029" in r["baru"] and not Renstra.objects.filter(
        perangkat_daerah=pd).exists()
    assert "Renstra dan bidang" in resp.content.decode()
    resp = _konfirmasi(client, pd, token)
    assert resp.status_code == 302
    pesan = [str(m) for m in client.get(resp["Location"]).context["messages"]]
    assert any("Dibuat: Renstra 2025–2029" in m for m in pesan), pesan
    renstra = Renstra.objects.get(perangkat_daerah=pd)
    assert (renstra.tahun_awal, renstra.tahun_akhir) == (2025, 2029)
    assert Bidang.objects.filter(perangkat_daerah=pd).count() == 3
    # Its own export, re-uploaded, changes nothing.
    resp = client.get(reverse("bukukerja:unduh", args=[pd.slug]) + "?tahun=2025")
    token = _token(_unggah(client, pd, resp.content))
    r = _pratinjau(client, pd, token).context["r"]
    assert r["ok"] and r["dibuat"] == 0 and r["diubah"] == 0, r


# --- large files in the background -----------------------------------------------------------

@override_settings(SAKIP_IMPOR_LATAR_BARIS=5)
def test_a_large_file_is_checked_and_applied_in_the_background(demo, client_as):
    wb = _ekspor(demo)
    _ubah(wb, "Anggaran", "1.06.01", "Realisasi TW I", 605206935)
    c = client_as("perencana")
    resp = _unggah(c, demo, _xlsx(wb))
    assert resp.status_code == 302 and resp["Location"].endswith("/status/")
    # The test settings run tasks at once: the check is done when the status page is read.
    resp = c.get(resp["Location"])
    assert resp.status_code == 200 and resp.context["job"].berhasil
    assert _sheet(resp.context["r"])["Anggaran"] == (0, 1, 34)
    assert 'id="form-konfirmasi"' in resp.content.decode()
    token = resp.context["token"]
    assert _nilai_ra(demo) == 605206934
    resp = _konfirmasi(c, demo, token)
    assert resp.status_code == 302 and resp["Location"].endswith("/status/")
    resp = c.get(resp["Location"])
    assert resp.status_code == 302 and resp["Location"].endswith(f"/bukukerja/{demo.slug}/")
    assert _nilai_ra(demo) == 605206935


# --- the malformed-xlsx corpus through the browser flow --------------------------------------

@pytest.mark.slow
def test_the_browser_flow_survives_the_corpus(demo, client_as, settings):
    """0 crashes (no 500, a message) and 0 partial writes for every mutant of the demo export,
    through upload → preview → confirm (tests/fuzz/korpus.py)."""
    settings.SAKIP_IMPOR_LATAR_BARIS = 10**9  # this test is about the reader, not the queue
    dasar = _xlsx(ekspor_workbook(demo, 2024))
    kasus = _korpus(dasar, [("Realisasi", "C2"), ("Anggaran", "F2")], [("Sasaran", "A2")])
    c = client_as("perencana")
    masalah: list[str] = []
    for nama, isi, harus in kasus:
        sebelum = _isi_db()
        r = _unggah(c, demo, isi)
        assert r.status_code in (302, 400), (nama, r.status_code)
        ditolak = r.status_code == 400
        token = None
        if not ditolak:
            token = _token(r)
            r = _pratinjau(c, demo, token)
            assert r.status_code in (200, 422), (nama, r.status_code)
            ditolak = r.status_code == 422
        if nama.startswith("Anggaran"):
            harus = harus or nama.endswith("desimal_lebih")
        _periksa(nama, ditolak, harus, sebelum, r.content.decode(), masalah)
        if not ditolak and r.context["boleh_simpan"]:
            # What the preview accepts, the confirmation saves (never a 500 or a refusal).
            assert _konfirmasi(c, demo, token).status_code == 302, nama
    assert not masalah, "\n".join(masalah)
