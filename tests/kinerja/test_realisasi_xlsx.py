"""The staff spreadsheet round trip: download pre-filled, fill offline, upload
back with the same validation, a preview, and all-or-nothing."""

import io
from decimal import Decimal

from django.urls import reverse
from openpyxl import load_workbook

from demo.kinerja import IND_PERMAKANAN, IND_VERIFIKASI
from kinerja.models import Realisasi
from renstra.models import Indikator
from sakip.models import JejakAudit

SLUG = "dinsos-gowa"
REHAB = "Persentase PPKS yang Mendapatkan Pelayanan Rehabilitasi"


def _unduh(client, q="?tahun=2025&tw=2"):
    r = client.get(reverse("kinerja:staf-xlsx-unduh", args=[SLUG]) + q)
    assert r.status_code == 200
    assert r["Content-Disposition"].startswith("attachment")
    return load_workbook(io.BytesIO(b"".join(r.streaming_content)))


def _isi(wb, uraian, **kolom):
    ws = wb["Realisasi"]
    header = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        if row[1].value == uraian:
            for k, v in kolom.items():
                row[header.index(k.replace("_", " "))].value = v
            return row[0].row
    raise AssertionError(uraian)


def _unggah(client, wb, nama="isian.xlsx"):
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = nama
    return client.post(reverse("kinerja:staf-xlsx-unggah", args=[SLUG]), {"berkas": buf})


def _konfirmasi(client, r):
    return client.post(reverse("kinerja:staf-xlsx-konfirmasi", args=[SLUG]),
                       {"token": r.context["token"]})


def test_download_holds_only_own_indicators_with_values(demo, client_as):
    wb = _unduh(client_as("staf.rehsos"))
    rows = list(wb["Realisasi"].iter_rows(min_row=2, values_only=True))
    uraian = {r[1] for r in rows}
    assert IND_PERMAKANAN in uraian and IND_VERIFIKASI not in uraian
    info = {r[0]: r[1] for r in wb["Info"].iter_rows(values_only=True) if r[0]}
    assert (info["Perangkat daerah"], info["Tahun"], info["Triwulan"]) == (SLUG, 2025, 2)
    perm = next(r for r in rows if r[1] == IND_PERMAKANAN)
    assert "TW I: 310" in perm[6]


def test_upload_preview_then_confirm_saves_everything(demo, client_as):
    c = client_as("staf.rehsos")
    wb = _unduh(c)
    _isi(wb, IND_PERMAKANAN, Realisasi="1.250", Catatan="Permakanan TW II")
    _isi(wb, REHAB, Realisasi="13,5", Faktor_pendukung="Pendamping aktif")
    r = _unggah(c, wb)
    assert r.status_code == 200 and r.context["token"]
    assert r.context["hasil"].hasil.dibuat == 2
    assert not Realisasi.objects.filter(tahun=2025, triwulan=2).exists()  # preview only
    r = _konfirmasi(c, r)
    assert r.status_code == 302
    real = {x.indikator.uraian: x for x in Realisasi.objects.filter(tahun=2025, triwulan=2)
            .select_related("indikator")}
    assert real[IND_PERMAKANAN].nilai == Decimal("1250")
    assert real[REHAB].nilai == Decimal("13.5") and real[REHAB].status == "draft"
    # Downloading again and uploading unchanged changes nothing.
    audit = JejakAudit.objects.count()
    r = _unggah(c, _unduh(c))
    assert r.context["hasil"].hasil.perubahan == []
    assert JejakAudit.objects.count() == audit


def test_one_bad_row_refuses_the_whole_file_naming_row_and_column(demo, client_as):
    c = client_as("staf.rehsos")
    wb = _unduh(c)
    _isi(wb, IND_PERMAKANAN, Realisasi="1.250")
    baris = _isi(wb, REHAB, Realisasi="23.11")  # neither thousands group nor decimal
    r = _unggah(c, wb)
    assert r.status_code == 400
    galat = " ".join(r.context["galat"])
    assert f"sheet Realisasi, baris {baris}, kolom Realisasi" in galat
    assert r.context["token"] is None
    assert not Realisasi.objects.filter(tahun=2025, triwulan=2).exists()


def test_rows_of_another_bidang_are_refused(demo, client_as):
    wb = _unduh(client_as("staf.linjamsos"))
    ind = Indikator.objects.get(uraian=IND_PERMAKANAN)
    ws = wb["Realisasi"]
    ws.append([ind.pk, ind.uraian, "Orang", "angka", None, None, None, 999])
    r = _unggah(client_as("staf.linjamsos"), wb)
    assert r.status_code == 400
    assert "bukan indikator yang boleh Anda isi" in " ".join(r.context["galat"])
    assert not Realisasi.objects.filter(indikator=ind, triwulan=2).exists()


def test_ratio_and_service_rules_apply_to_the_file(demo, client_as):
    c = client_as("staf.linjamsos")
    wb = _unduh(c)
    b = _isi(wb, IND_VERIFIKASI, Realisasi=80)  # typed % without numerator/denominator
    r = _unggah(c, wb)
    assert r.status_code == 400
    assert f"baris {b}, kolom Pembilang" in " ".join(r.context["galat"])
    wb = _unduh(c)
    _isi(wb, IND_VERIFIKASI, Pembilang="1.900", Penyebut="2.400")
    r = _konfirmasi(c, _unggah(c, wb))
    real = Realisasi.objects.get(indikator__uraian=IND_VERIFIKASI, triwulan=2)
    assert real.nilai == Decimal("79.1667")


def test_closed_period_and_foreign_office_files_are_refused(demo, client_as):
    from kinerja.realisasi.services import periode_set

    c = client_as("staf.rehsos")
    wb = _unduh(c)
    _isi(wb, IND_PERMAKANAN, Realisasi=100)
    periode_set(perangkat_daerah=demo, tahun=2025, triwulan=2, dibuka=False)
    r = _unggah(c, wb)
    assert r.status_code == 400 and "sudah ditutup" in " ".join(r.context["galat"])
    wb["Info"]["B1"] = "dinkes-gowa"
    r = _unggah(c, wb)
    assert "bukan dinsos-gowa" in " ".join(r.context["galat"])


def test_not_an_xlsx(demo, client_as):
    buf = io.BytesIO(b"<html></html>")
    buf.name = "isian.xlsx"
    r = client_as("staf.rehsos").post(reverse("kinerja:staf-xlsx-unggah", args=[SLUG]),
                                      {"berkas": buf})
    assert r.status_code == 400
    assert "bukan xlsx" in str(r.context["form"].errors)
