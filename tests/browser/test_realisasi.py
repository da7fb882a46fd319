"""Realisasi in a real browser: staff enter values typed the Indonesian way with a
PDF and submit; another bidang's staff cannot see or post them; the perencana returns one with a
comment, the staff member fixes it, the perencana verifies it; after the period closes an edit
is refused; a forbidden or oversized file is refused with a clear message."""

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = "var/screenshots"
PERM = "Jumlah Penyandang Disabilitas, Anak dan Lanjut Usia Terlantar yang Mendapatkan Permakanan"
REHAB = "Persentase PPKS yang Mendapatkan Pelayanan Rehabilitasi"


@pytest.fixture
def demo_live(live_server):
    from demo.gowa import load_demo

    load_demo()
    return live_server


@pytest.fixture
def masuk(browser, demo_live):
    pages = []

    def do(username):
        ctx = browser.new_context(locale="id-ID", viewport={"width": 1280, "height": 900})
        pg = ctx.new_page()
        pg.set_default_timeout(15000)
        pg.goto(f"{demo_live.url}/masuk/")
        pg.fill("#id_username", username)
        pg.fill("#id_password", "sakip-demo")
        pg.click("button[type=submit]")
        pg.wait_for_load_state("networkidle")
        pages.append(ctx)
        return pg

    yield do
    for ctx in pages:
        ctx.close()


def _pdf(tmp_path, nama="laporan-tw2.pdf", tambahan=0):
    from demo.kinerja import pdf_sederhana

    path = tmp_path / nama
    path.write_bytes(pdf_sederhana(["Laporan realisasi TW II 2025"]) + b"%" * tambahan)
    return str(path)


def _ids():
    from renstra.models import Indikator

    return {i.uraian: i.pk for i in Indikator.objects.filter(uraian__in=[PERM, REHAB])}


def _row(page, uraian):
    return page.locator("#tabel-realisasi tbody tr", has_text=uraian).first


def test_enter_submit_return_fix_verify_close(masuk, demo_live, tmp_path):
    from kinerja.models import BuktiDukung, Realisasi

    ids = _ids()
    staf = masuk("staf.rehsos")
    staf.click("nav >> text=Realisasi")
    staf.wait_for_selector("#tabel-realisasi")
    assert "triwulan II 2025" in staf.inner_text("h1")
    # TW II 2025 is still open, but its deadline (15 July 2025) has passed: the page says so.
    status = staf.inner_text("#periode-status")
    assert "Periode input terlambat — batas 15 Juli 2025" in status
    assert "nilai masih dapat diisi sampai periode ditutup" in status

    # An Indonesian decimal on a % indicator, saved as draft.
    _row(staf, REHAB).locator("a", has_text="Isi").click()
    staf.fill("#id_nilai", "13,5")
    staf.fill("#id_faktor_pendukung", "Pendamping sosial aktif di 18 kecamatan")
    staf.click("button[value=simpan]")
    assert "disimpan sebagai draf" in staf.inner_text(".messages")
    # Thousands with a dot, a note and a PDF, then submit.
    staf.click("text=Realisasi TW II 2025")
    _row(staf, PERM).locator("a", has_text="Isi").click()
    staf.fill("#id_nilai", "1.250")
    staf.fill("#id_catatan", "Permakanan April–Juni 2025")
    staf.set_input_files("#id_bukti", _pdf(tmp_path))
    staf.screenshot(path=f"{SHOTS}/realisasi-staf-isi.png", full_page=True)
    staf.click("button[value=ajukan]")
    staf.click("dialog.konfirmasi .konfirmasi-ya")  # data-konfirmasi (static/js/sakip.js)
    staf.wait_for_selector("#tabel-realisasi")
    assert "diajukan untuk diverifikasi" in staf.inner_text(".messages")
    row = _row(staf, PERM).inner_text()
    assert "1.250" in row and "Diajukan" in row and "1 bukti" in row
    assert "13,50 %" in _row(staf, REHAB).inner_text()
    staf.screenshot(path=f"{SHOTS}/realisasi-staf-daftar.png", full_page=True)
    real = Realisasi.objects.get(indikator_id=ids[PERM], tahun=2025, triwulan=2)
    bukti = BuktiDukung.objects.get(realisasi=real)

    # Another bidang: not listed, and 403 on the direct URLs (value and evidence).
    lain = masuk("staf.linjamsos")
    lain.goto(f"{demo_live.url}/kinerja/dinsos-gowa/realisasi/")
    assert PERM not in lain.inner_text("main")
    r = lain.goto(f"{demo_live.url}/kinerja/dinsos-gowa/realisasi/{ids[PERM]}/2025/2/")
    assert r.status == 403 and "bidang lain" in lain.inner_text("main")
    r = lain.goto(f"{demo_live.url}/kinerja/dinsos-gowa/bukti/{bukti.pk}/")
    assert r.status == 403
    resp = lain.request.post(
        f"{demo_live.url}/kinerja/dinsos-gowa/realisasi/{ids[PERM]}/2025/2/",
        form={"nilai": "1", "aksi": "simpan"},
        headers={"X-CSRFToken": _csrf(lain), "Referer": demo_live.url})
    assert resp.status == 403 and "bidang lain" in resp.text()  # the object check, not CSRF
    real.refresh_from_db()
    assert real.nilai == 1250

    # Perencana returns it with a comment.
    per = masuk("perencana")
    per.click("nav >> text=Verifikasi")
    item = per.locator(f"#real-{real.pk}")
    item.locator("textarea[name=komentar]").fill("Lampirkan daftar penerima per kecamatan")
    item.locator("button[value=kembalikan]").click()
    per.click("dialog.konfirmasi .konfirmasi-ya")  # data-konfirmasi (static/js/sakip.js)
    assert "dikembalikan ke staf" in per.inner_text(".messages")
    per.screenshot(path=f"{SHOTS}/realisasi-verifikasi.png", full_page=True)

    # The staff member sees the comment, fixes the value and submits again.
    staf.goto(f"{demo_live.url}/kinerja/dinsos-gowa/realisasi/")
    row = _row(staf, PERM)
    assert "Dikembalikan" in row.inner_text()
    assert "Lampirkan daftar penerima per kecamatan" in row.inner_text()
    row.locator("a", has_text="Ubah").click()
    staf.fill("#id_nilai", "1.200")
    staf.set_input_files("#id_bukti", _pdf(tmp_path, "daftar-penerima.pdf", tambahan=10))
    staf.click("button[value=ajukan]")
    staf.click("dialog.konfirmasi .konfirmasi-ya")  # data-konfirmasi (static/js/sakip.js)
    staf.wait_for_selector("#tabel-realisasi")
    assert "1.200" in _row(staf, PERM).inner_text()

    # Perencana verifies it: locked, with its history visible.
    per.goto(f"{demo_live.url}/kinerja/dinsos-gowa/verifikasi/?tahun=2025")
    per.locator(f"#real-{real.pk} button[value=setuju]").click()
    per.click("dialog.konfirmasi .konfirmasi-ya")  # data-konfirmasi (static/js/sakip.js)
    assert "diverifikasi" in per.inner_text(".messages")
    real.refresh_from_db()
    assert real.status == "diverifikasi" and real.nilai == 1200
    staf.goto(f"{demo_live.url}/kinerja/dinsos-gowa/realisasi/{ids[PERM]}/2025/2/")
    riwayat = staf.inner_text("#riwayat")
    assert "1.250" in riwayat and "1.200" in riwayat and "Dikembalikan" in riwayat
    assert "terkunci" in staf.inner_text("main")

    # The perencana closes TW II; an edit is then refused (even forcing the disabled form).
    per.goto(f"{demo_live.url}/kinerja/dinsos-gowa/periode/")
    per.locator("#p-2025-2 button", has_text="Tutup").click()
    per.click("dialog.konfirmasi .konfirmasi-ya")  # data-konfirmasi (static/js/sakip.js)
    assert "ditutup" in per.inner_text(".messages")
    staf.goto(f"{demo_live.url}/kinerja/dinsos-gowa/realisasi/{ids[REHAB]}/2025/2/")
    assert "sudah ditutup" in staf.inner_text("#sebab-terkunci")
    staf.evaluate("document.querySelector('#form-realisasi fieldset').disabled = false")
    staf.fill("#id_nilai", "14")
    staf.click("button[value=simpan]")
    assert "sudah ditutup" in staf.inner_text(".errorlist")
    staf.screenshot(path=f"{SHOTS}/realisasi-periode-tutup.png", full_page=True)
    assert Realisasi.objects.get(indikator_id=ids[REHAB], tahun=2025, triwulan=2).nilai == \
        pytest.approx(13.5)


def _csrf(page) -> str:
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    return cookies.get("csrftoken", "")


def test_forbidden_and_oversized_files_are_refused(masuk, demo_live, tmp_path, settings):
    from kinerja.models import BuktiDukung

    settings.BUKTI_MAX_BYTES = 40_000
    ids = _ids()
    staf = masuk("staf.rehsos")
    url = f"{demo_live.url}/kinerja/dinsos-gowa/realisasi/{ids[PERM]}/2025/2/"
    staf.goto(url)
    exe = tmp_path / "aplikasi.exe"
    exe.write_bytes(b"MZ" + b"\x00" * 100)
    staf.fill("#id_nilai", "300")
    staf.set_input_files("#id_bukti", str(exe))
    staf.click("button[value=simpan]")
    pesan = staf.inner_text("#form-realisasi")
    assert "jenis berkas yang diterima hanya PDF, JPG, PNG, XLSX atau DOCX" in pesan
    # An HTML page renamed to .pdf is caught by its content, not its name.
    palsu = tmp_path / "laporan.pdf"
    palsu.write_text("<html><body>bukan pdf</body></html>")
    staf.set_input_files("#id_bukti", str(palsu))
    staf.click("button[value=simpan]")
    assert "bukan PDF yang sah" in staf.inner_text("#form-realisasi")
    staf.set_input_files("#id_bukti", _pdf(tmp_path, "besar.pdf", tambahan=60_000))
    staf.click("button[value=simpan]")
    pesan = staf.inner_text("#form-realisasi")
    assert re.search(r"terlalu besar \(\d+ kB\); batas ukuran 39 kB", pesan), pesan
    staf.screenshot(path=f"{SHOTS}/realisasi-berkas-ditolak.png", full_page=True)
    # The refused files of this realisasi (the demo has TW II 2024 evidence of its own).
    assert not BuktiDukung.objects.filter(realisasi__indikator_id=ids[PERM],
                                          realisasi__tahun=2025, realisasi__triwulan=2).exists()
    # Nothing half-saved: the value typed with the refused file was not stored either.
    from kinerja.models import Realisasi

    assert not Realisasi.objects.filter(indikator_id=ids[PERM], tahun=2025,
                                        triwulan=2).exists()
