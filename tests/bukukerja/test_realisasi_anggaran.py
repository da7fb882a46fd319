"""Buku Kerja sheets Realisasi and Anggaran: a whole year round trip, and a
workbook with one realisasi above its pagu refused whole, naming the row."""

import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from openpyxl import load_workbook

from anggaran.models import Pagu, RealisasiAnggaran
from anggaran.services import EntriPagu, EntriRealisasiAnggaran, anggaran_save
from bukukerja.workbook import ekspor_workbook, impor_workbook
from kinerja.models import Realisasi
from kinerja.realisasi.services import (
    Entri,
    realisasi_save,
    realisasi_submit,
    realisasi_verify,
)
from renstra import services as renstra_services
from renstra.models import Indikator, JenisNilai, Kegiatan, Polaritas, Program
from sakip.models import JejakAudit, PerangkatDaerah

D = Decimal
TAHUN = 2025
SHEETS = ("Realisasi", "Anggaran")


def _snapshot():
    real = sorted(
        Realisasi.objects.filter(tahun=TAHUN).values_list(
            "indikator_id", "triwulan", "nilai", "nilai_teks", "pembilang", "penyebut", "catatan",
            "status", "updated_at")
    )
    pagu = sorted(Pagu.objects.filter(tahun=TAHUN).values_list(
        "program_id", "kegiatan_id", "subkegiatan_id", "tahap", "urutan_tahap", "nilai",
        "tanggal_dokumen"), key=str)
    ra = sorted(RealisasiAnggaran.objects.filter(tahun=TAHUN).values_list(
        "program_id", "kegiatan_id", "subkegiatan_id", "triwulan", "bulan", "nilai"), key=str)
    return real, pagu, ra, JejakAudit.objects.count()


@pytest.fixture
def tahun_penuh(demo):
    """Dinsos Gowa 2025 entered in full: every indicator four quarters (verified), and the
    budget of every sub kegiatan (two per kegiatan, murni + perubahan, one quarter monthly)."""
    pd = demo
    # Evidence rules are tested in tests/tepi; this fixture is about the figures only.
    PerangkatDaerah.objects.filter(pk=pd.pk).update(bukti_wajib="tidak")
    pd.bukti_wajib = "tidak"
    perencana = get_user_model().objects.get(username="perencana")
    renstra = pd.renstra_set.get()
    akip = renstra_services.indikator_create(
        renstra=renstra, sasaran=Indikator.objects.get(renstra=renstra, is_iku=True).sasaran,
        uraian="Nilai AKIP Dinas Sosial", satuan="Nilai", polaritas=Polaritas.POSITIF,
        agregasi="LAST", jenis_nilai=JenisNilai.ANGKA_PREDIKAT, desimal=2, user=perencana,
    )
    renstra_services.target_save(
        entri=[renstra_services.EntriTarget(akip, TAHUN, D("77.26"), "BB")], user=perencana)
    entri = []
    for ind in Indikator.objects.filter(renstra=renstra, aktif=True):
        for tw in (1, 2, 3, 4):
            if ind.jenis_nilai == JenisNilai.RASIO:
                data = {"pembilang": D(400 + tw * 10), "penyebut": D("2400")}
            elif ind.jenis_nilai == JenisNilai.ANGKA_PREDIKAT:
                if tw < 4:
                    continue  # AKIP is known once a year: TW I–III stay empty (NULL, not 0)
                data = {"nilai": D("77.29"), "nilai_teks": "BB"}
            else:
                data = {"nilai": D(10 + tw) if ind.satuan == "%" else D(150 + tw)}
            data["catatan"] = f"TW {tw} {ind.pk}"
            entri.append(Entri(ind, tw, data))
    # TW I 2025 already holds the demo's verified values: the perencana path changes them.
    hasil = realisasi_save(pd=pd, tahun=TAHUN, entri=entri, user=perencana,
                           alasan="Data lengkap 2025", abaikan_periode=True,
                           status_baru=Realisasi.Status.DIAJUKAN)
    assert hasil.ok, hasil.galat
    for r in Realisasi.objects.filter(tahun=TAHUN).exclude(status="diverifikasi"):
        if r.status != "diajukan":
            realisasi_submit(pd=pd, realisasi=[r], user=perencana, abaikan_periode=True)
        realisasi_verify(realisasi=r, user=perencana, setuju=True)

    pagu, real = [], []
    for i, keg in enumerate(Kegiatan.objects.filter(program__renstra=renstra).order_by("kode")):
        for j in (1, 2):
            sub = renstra_services.subkegiatan_create(
                kegiatan=keg, kode=f"{keg.kode}.{j:04d}", nama=f"Sub kegiatan {j} {keg.nama}",
            )
            murni = D(100_000_000 + i * 1_000_000 + j * 1000)
            pagu.append(EntriPagu(sub, "murni", murni))
            pagu.append(EntriPagu(sub, "perubahan", murni + 5_000_000))
            if j == 1:
                for tw in (1, 2, 3, 4):
                    real.append(EntriRealisasiAnggaran(sub, tw, D(20_000_000 + tw)))
            else:
                for bulan in (1, 2, 3):
                    real.append(EntriRealisasiAnggaran(sub, 1, D(5_000_000), bulan=bulan))
                for tw in (2, 3, 4):
                    real.append(EntriRealisasiAnggaran(sub, tw, D("21000000.50")))
    for p in Program.objects.filter(renstra=renstra, kegiatan_set__isnull=True):
        pagu.append(EntriPagu(p, "murni", D(300_000_000)))
        real.append(EntriRealisasiAnggaran(p, 1, D(70_000_000)))
    res = anggaran_save(tahun=TAHUN, pagu=pagu, realisasi=real, user=perencana, pd=pd)
    assert res.ok, res.galat
    return pd


def _workbook(pd, hanya=SHEETS):
    wb = ekspor_workbook(pd, TAHUN)
    for name in list(wb.sheetnames):
        if name not in hanya:
            del wb[name]
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    return buf


def _hasil(hasil, sheet):
    return next(h for h in hasil if h.sheet == sheet)


def test_whole_year_export_import_is_unchanged(tahun_penuh):
    pd = tahun_penuh
    n_real = Realisasi.objects.filter(tahun=TAHUN).count()
    n_ind = Indikator.objects.filter(renstra__perangkat_daerah=pd, aktif=True).count()
    assert n_real == n_ind * 4 - 3
    sebelum = _snapshot()
    hasil = impor_workbook(_workbook(pd), pd, user=get_user_model().objects.get(
        username="perencana"))
    assert not [g for h in hasil for g in h.galat]
    r, a = _hasil(hasil, "Realisasi"), _hasil(hasil, "Anggaran")
    assert (r.dibuat, r.diubah) == (0, 0) and r.tetap == n_real
    assert (a.dibuat, a.diubah) == (0, 0) and a.tetap > 0
    assert _snapshot() == sebelum  # values, statuses, timestamps and the audit trail
    assert set(Realisasi.objects.filter(tahun=TAHUN).values_list("status", flat=True)) == {
        "diverifikasi"}


def test_whole_workbook_commands_round_trip(tahun_penuh, tmp_path):
    """export_workbook → import_workbook (design.md contract), every sheet of the framework."""
    pd = tahun_penuh
    path = tmp_path / "bk.xlsx"
    call_command("export_workbook", "--pd", pd.slug, "--tahun", str(TAHUN), "-o", str(path))
    wb = load_workbook(path, read_only=True)
    assert {"Realisasi", "Anggaran"} <= set(wb.sheetnames)
    header = next(wb["Anggaran"].iter_rows(values_only=True))
    assert list(header)[:8] == ["Kode", "Uraian", "Pagu Murni", "Pagu Perubahan",
                                "Realisasi TW I", "Realisasi TW II", "Realisasi TW III",
                                "Realisasi TW IV"]
    header = next(wb["Realisasi"].iter_rows(values_only=True))
    assert list(header)[:7] == ["Indikator", "Satuan", "TW I", "TW II", "TW III", "TW IV",
                                "Keterangan"]
    wb.close()
    sebelum = _snapshot()
    out = io.StringIO()
    call_command("import_workbook", str(path), "--pd", pd.slug, "--json", stdout=out)
    assert '"status": "ok"' in out.getvalue()
    assert _snapshot()[:3] == sebelum[:3]


def test_qualitative_and_ratio_cells(tahun_penuh):
    wb = load_workbook(_workbook(tahun_penuh))
    rows = {r[0]: r for r in wb["Realisasi"].iter_rows(min_row=2, values_only=True)}
    assert rows["Nilai AKIP Dinas Sosial"][5] == "77,29 (BB)"
    rasio = rows["Persentase Data Fakir Miskin yang Terverifikasi dan Tervalidasi"]
    assert rasio[2] == pytest.approx(17.0833)  # 410 / 2400 × 100, kept to 4 decimals
    ang = {r[0]: r for r in wb["Anggaran"].iter_rows(min_row=2, values_only=True)}
    sub = ang["1.06.04.2.01.0002"]
    assert sub[4] == 15_000_000  # three months of TW I summed into the quarter
    assert ang["1.06.04"][2] is None  # a parent with no line of its own stays blank


def _ubah(buf, sheet, kode_atau_teks, kolom, nilai):
    wb = load_workbook(buf)
    ws = wb[sheet]
    header = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        if row[0].value == kode_atau_teks:
            row[header.index(kolom)].value = nilai
            baris = row[0].row
            break
    else:
        raise AssertionError(kode_atau_teks)
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    return out, baris


def test_realisasi_above_pagu_refuses_the_workbook_naming_the_row(tahun_penuh):
    pd = tahun_penuh
    buf, _ = _ubah(_workbook(pd), "Realisasi", "Nilai AKIP Dinas Sosial", "TW IV", "80,1 (A)")
    buf, baris = _ubah(buf, "Anggaran", "1.06.05.2.02.0001", "Realisasi TW IV", "Rp 90.000.000")
    sebelum = _snapshot()
    hasil = impor_workbook(buf, pd, user=None)
    galat = [g for h in hasil for g in h.galat]
    assert len(galat) == 1
    g = galat[0]
    assert (g.sheet, g.baris, g.kolom) == ("Anggaran", baris, "Realisasi TW IV")
    assert "1.06.05.2.02.0001" in g.pesan and "melebihi pagu" in g.pesan
    assert _snapshot() == sebelum  # the valid Realisasi change did not land either


def test_changed_value_is_audited_and_waits_for_verification(tahun_penuh):
    pd = tahun_penuh
    iku = Indikator.objects.get(renstra__perangkat_daerah=pd, is_iku=True)
    buf, _ = _ubah(_workbook(pd), "Realisasi", iku.uraian, "TW II", "1.250")
    hasil = impor_workbook(buf, pd, user=None)
    r = _hasil(hasil, "Realisasi")
    assert not r.galat and (r.dibuat, r.diubah) == (0, 1)
    real = Realisasi.objects.get(indikator=iku, tahun=TAHUN, triwulan=2)
    assert real.nilai == D("1250") and real.status == "diajukan"
    jejak = JejakAudit.objects.filter(model="kinerja.realisasi", object_id=str(real.pk),
                                      field="nilai").first()
    assert (jejak.nilai_lama, jejak.nilai_baru, jejak.alasan) == ("152", "1250",
                                                                   "Impor Buku Kerja")


def test_unknown_indicator_unit_and_bad_number_are_named(tahun_penuh):
    pd = tahun_penuh
    iku = Indikator.objects.get(renstra__perangkat_daerah=pd, is_iku=True)
    buf, b1 = _ubah(_workbook(pd), "Realisasi", iku.uraian, "Satuan", "Unit")
    buf, b2 = _ubah(buf, "Realisasi", "Nilai AKIP Dinas Sosial", "Indikator", "Nilai SAKIP")
    buf, b3 = _ubah(buf, "Anggaran", "1.06.02.2.03.0001", "Pagu Murni", "4.8294.89.225")
    hasil = impor_workbook(buf, pd, user=None)
    galat = {(g.sheet, g.baris, g.kolom): g.pesan for h in hasil for g in h.galat}
    assert "berbeda dari satuan indikator 'Orang'" in galat[("Realisasi", b1, "Satuan")]
    assert "tidak ada di Renstra" in galat[("Realisasi", b2, "Indikator")]
    assert "tidak dapat dibaca" in galat[("Anggaran", b3, "Pagu Murni")]


def test_parent_pagu_differing_from_children_is_warned(tahun_penuh):
    pd = tahun_penuh
    buf, _ = _ubah(_workbook(pd), "Anggaran", "1.06.04.2.01", "Pagu Murni", 1)
    hasil = impor_workbook(buf, pd, user=None)
    a = _hasil(hasil, "Anggaran")
    assert not a.galat and a.dibuat == 1
    assert any("1.06.04.2.01" in w and "berbeda dari jumlah rinciannya" in w
               for w in a.peringatan)
