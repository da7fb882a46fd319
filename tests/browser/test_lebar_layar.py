"""Every main page of every role fits the screen and speaks to users, not to developers.

Each demo role logs in through the login form and walks the main pages it may open (who may
open what comes from the access matrix, ``tests/access/matrix_*.py``), at a phone (390 px) and
a laptop (1280 px). A page fails when the whole document scrolls sideways
(``document.documentElement.scrollWidth > window.innerWidth``): wide tables scroll inside
their own box (``.tablewrap``), long text wraps, form rows stack (static/css/sakip.css).

Pages added later are checked too: every named URL of the namespaces in ``NAMESPACE_BARU``
(LKE, notifikasi) that the matrix lets the role GET, and a name of ``HALAMAN`` that does not
resolve (yet) is skipped, not failed.

For every role but the administrator, the visible text of each page must not contain the codes
and mechanics listed in ``TERLARANG``/``KODE_TERLARANG`` (aggregation and method codes, warning
codes, hashes, MIME types, library names): users read Indonesian labels.
"""

import re
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from kinerja.models import PeriodeInput
from tests.access.conftest import World
from tests.access.spec import OK
from tests.access.test_matrix import MATRIX

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

LEBAR = (390, 1280)
LAYAR = Path("var/screenshots/lebar")

# Demo user → kind of user in the access matrix.
PERAN = {
    "perencana": "perencana",
    "staf.rehsos": "staf_own",
    "kepala": "kepala",
    "inspektorat": "inspektorat",
    "admin": "admin",
}

# The main pages of the flows (URL names; arguments come from the matrix's Spec).
HALAMAN = [
    "beranda", "beranda-pd",
    "dasbor:kantor", "dasbor:pemda", "dasbor:sasaran", "dasbor:indikator", "dasbor:realisasi",
    "dasbor:catatan-daftar", "dasbor:catatan-detail",
    "renstra:pohon", "renstra:tahun", "renstra:target-grid", "renstra:pagu-grid",
    "renstra:indikator-edit", "renstra:import-upload",
    "kinerja:pk-list", "kinerja:pk-detail", "kinerja:pk-isi",
    "kinerja:staf", "kinerja:realisasi-edit", "kinerja:verifikasi", "kinerja:periode",
    "laporan:daftar", "laporan:lkjip", "laporan:narasi", "laporan:reviu",
    "anggaran:ringkasan", "anggaran:node", "bukukerja:halaman",
    "kantor:profil", "kantor:bidang", "kantor:pejabat", "kantor:pemda",
    "pengguna:daftar", "pengguna:ubah", "pengguna:pemda-daftar", "pengguna:kata-sandi",
    "publik:kelola", "api:token",
    # The inbox and notifications, when their URLs exist.
    "kotak", "dasbor:kotak", "notifikasi:daftar",
]
# Every page of these namespaces is a main page: the LKE and the notifications.
NAMESPACE_BARU = ("lke", "notifikasi")

# What a non-admin user must never read (the codes are the JSON contract's, not the page's).
TERLARANG = (
    "SUM/LAST", "EF-SISA", "EF-SELISIH", "EF-RASIO", "NEG-A", "NEG-B", "Hash data",
    "WeasyPrint", "application/pdf", "application/vnd", "image/png", "image/jpeg", "SHA-256",
    "sha256", "Traceback",
)
KODE_TERLARANG = re.compile(
    r"\b(SUM|LAST|AVG|YTD)\b"               # aggregation codes
    r"|\b[A-Z][A-Z0-9]+(?:_[A-Z0-9]+)+\b"   # warning/setting codes: SASARAN_TIDAK_ADA, GOWA_4
    r"|\b[0-9a-f]{40,64}\b"                 # hashes
)

# The elements that stick out on the right, deepest first: the failure says where to look.
PENYEBAB_JS = """() => {
  const w = window.innerWidth, out = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= w + 1) continue;
    if ([...el.children].some(c => c.getBoundingClientRect().right > w + 1)) continue;
    let nama = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '');
    if (el.classList.length) nama += '.' + [...el.classList].join('.');
    out.push(nama + ' ' + Math.round(r.right) + 'px');
    if (out.length >= 4) break;
  }
  return out;
}"""


def _nama_url(resolver, prefix="") -> set[str]:
    names = set()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            ns = f"{prefix}{p.namespace}:" if p.namespace else prefix
            names |= _nama_url(p, ns)
        elif isinstance(p, URLPattern) and p.name:
            names.add(prefix + p.name)
    return names


def _halaman_peran(kind: str, dunia) -> list[tuple[str, str]]:
    """(name, path) of the main pages ``kind`` may open; names without a URL yet are skipped,
    and so are the PDF renderings (``Spec.slow``): downloads, not pages."""
    semua_nama = _nama_url(get_resolver())
    baru = sorted(n for n in semua_nama if n.split(":")[0] in NAMESPACE_BARU)
    out = []
    for name in dict.fromkeys([*HALAMAN, *baru]):
        spec = MATRIX.get(name)
        if name not in semua_nama or spec is None or spec.get.get(kind) != OK or spec.slow:
            continue
        try:
            # Some matrix rows build their object (a fresh 2023 evaluation): a second row that
            # builds the same one is refused (SudahAda) and its page is left out here.
            with transaction.atomic():
                url = reverse(name, kwargs=spec.kwargs(dunia))
        except (NoReverseMatch, ValidationError, ObjectDoesNotExist):
            continue
        if spec.query:
            url += "?" + urlencode(spec.query(dunia))
        out.append((name, url))
    return out


def _periksa(page, base: str, name: str, url: str, peran: str) -> tuple[list[str], list[str]]:
    lebar_gagal, teks_gagal = [], []
    jawab = page.request.get(base + url)
    if "text/html" not in jawab.headers.get("content-type", ""):
        return lebar_gagal, teks_gagal  # a download, not a page
    page.set_viewport_size({"width": LEBAR[-1], "height": 900})
    page.goto(base + url)
    page.wait_for_load_state("networkidle")
    for lebar in LEBAR:
        page.set_viewport_size({"width": lebar, "height": 900})
        ukur = page.evaluate(
            "() => [document.documentElement.scrollWidth, window.innerWidth]")
        if ukur[0] > ukur[1]:
            sebab = ", ".join(page.evaluate(PENYEBAB_JS))
            lebar_gagal.append(f"{peran} {lebar}px {name} {url}: {ukur[0]} px ({sebab})")
            page.screenshot(path=str(LAYAR / f"{peran}-{name.replace(':', '-')}-{lebar}.png"),
                            full_page=True)
    if peran != "admin":
        teks = page.evaluate("() => document.body.innerText")
        temuan = [t for t in TERLARANG if t in teks]
        temuan += sorted({m.group(0) for m in KODE_TERLARANG.finditer(teks)})
        if temuan:
            teks_gagal.append(f"{peran} {name} {url}: {temuan}")
    return lebar_gagal, teks_gagal


@pytest.mark.parametrize("peran", list(PERAN))
def test_halaman_utama_muat_di_layar_dan_tanpa_kode(peran, live_server, browser, login, demo):
    LAYAR.mkdir(parents=True, exist_ok=True)
    dunia = World(demo)
    halaman = _halaman_peran(PERAN[peran], dunia)
    assert len(halaman) >= 5, f"terlalu sedikit halaman untuk {peran}: {halaman}"
    context = browser.new_context(locale="id-ID", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30000)
    try:
        login(page, peran)
        lebar_gagal, teks_gagal = [], []
        for name, url in halaman:
            lg, tg = _periksa(page, live_server.url, name, url, peran)
            lebar_gagal += lg
            teks_gagal += tg
    finally:
        context.close()
    pesan = []
    if lebar_gagal:
        pesan += ["Halaman bergulir ke samping:", *lebar_gagal]
    if teks_gagal:
        pesan += ["Kode/teks teknis tampil ke pengguna:", *teks_gagal]
    assert not pesan, "\n".join(pesan)


def test_tindakan_tak_terurungkan_minta_konfirmasi(live_server, page, login, demo):
    """data-konfirmasi (static/js/sakip.js): closing a period asks in a <dialog> saying what
    becomes irreversible; "Batal" changes nothing, "Ya, tutup" closes it."""
    def terbuka() -> bool:
        return PeriodeInput.objects.get(perangkat_daerah=demo, tahun=2025, triwulan=2).dibuka

    assert terbuka()
    login(page, "perencana")
    page.goto(live_server.url + reverse("kinerja:periode", args=[demo.slug]))
    tombol = page.locator("#p-2025-2 button", has_text="Tutup")
    tombol.click()
    dialog = page.locator("dialog.konfirmasi")
    assert dialog.is_visible()
    assert "Periode triwulan II 2025 akan ditutup" in dialog.inner_text()
    assert dialog.locator(".konfirmasi-ya").inner_text() == "Ya, tutup"
    LAYAR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(LAYAR / "konfirmasi-tutup-periode-1280.png"))
    dialog.locator(".konfirmasi-batal").click()
    assert not dialog.is_visible()
    page.wait_for_load_state("networkidle")
    assert terbuka(), "Batal must not post the form"

    page.set_viewport_size({"width": 390, "height": 800})
    tombol.click()
    page.screenshot(path=str(LAYAR / "konfirmasi-tutup-periode-390.png"))
    dialog.locator(".konfirmasi-ya").click()
    page.wait_for_load_state("networkidle")
    assert "ditutup" in page.inner_text(".messages")
    assert not terbuka()
