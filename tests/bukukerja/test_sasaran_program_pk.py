"""Buku Kerja sheets Sasaran, Program and PK: export → import leaves the data unchanged
(qualitative targets included), imports write through services, and bad input is refused whole
with sheet/row/column messages (design.md "Buku Kerja")."""

import io
import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook, load_workbook

from bukukerja.workbook import ekspor_workbook, impor_workbook
from kinerja.models import Jenjang, PerjanjianKinerja, PKAnggaran, PKIndikator
from kinerja.pk import services as pk_services
from kinerja.pk.selectors import pk_pihak
from renstra import services as renstra_services
from renstra.models import (
    Indikator,
    Kegiatan,
    PaguIndikatif,
    Program,
    Sasaran,
    SasaranProgram,
    SubKegiatan,
    TargetIndikator,
    Tujuan,
)
from sakip.models import Bidang, JejakAudit

MILIK = ("Sasaran", "Program", "PK")


def _snapshot(pd):
    """Every value the three sheets own, as plain tuples."""
    r = {"tujuan": sorted(Tujuan.objects.filter(renstra__perangkat_daerah=pd)
                          .values_list("uraian", flat=True)),
         "sasaran": sorted(Sasaran.objects.filter(tujuan__renstra__perangkat_daerah=pd)
                           .values_list("tujuan__uraian", "uraian")),
         "indikator": sorted(Indikator.objects.filter(renstra__perangkat_daerah=pd).values_list(
             "uraian", "satuan", "polaritas", "agregasi", "is_iku", "baseline_tahun",
             "baseline_nilai", "jenis_nilai", "sasaran_id", "program_id", "kegiatan_id",
             "subkegiatan_id", "tujuan_id")),
         "target": sorted(TargetIndikator.objects.filter(indikator__renstra__perangkat_daerah=pd)
                          .values_list("indikator_id", "tahun", "nilai", "nilai_teks")),
         "program": sorted(Program.objects.filter(renstra__perangkat_daerah=pd)
                           .values_list("kode", "nama", "bidang_id")),
         "kegiatan": sorted(Kegiatan.objects.filter(program__renstra__perangkat_daerah=pd)
                            .values_list("kode", "nama", "bidang_id")),
         "sub": sorted(SubKegiatan.objects.filter(
             kegiatan__program__renstra__perangkat_daerah=pd).values_list("kode", "nama")),
         "link": sorted(SasaranProgram.objects.filter(program__renstra__perangkat_daerah=pd)
                        .values_list("sasaran_id", "program_id")),
         "pagu": sorted(PaguIndikatif.objects.values_list("program_id", "kegiatan_id",
                                                          "subkegiatan_id", "tahun", "nilai"),
                        key=str),
         "pk": sorted(PerjanjianKinerja.objects.filter(perangkat_daerah=pd).values_list(
             "tahun", "jenjang", "versi", "status", "bidang_id")),
         "pk_line": sorted(PKIndikator.objects.filter(perjanjian__perangkat_daerah=pd)
                           .values_list("perjanjian_id", "indikator_id", "target_tahunan",
                                        "target_tahunan_teks", "target_tw1", "target_tw2",
                                        "target_tw3", "target_tw4", "mode_tw", "urutan")),
         "pk_anggaran": sorted(PKAnggaran.objects.values_list("perjanjian_id", "program_id",
                                                              "anggaran"), key=str),
         "audit": JejakAudit.objects.count()}
    return r


@pytest.fixture
def kaya(demo, django_user_model):
    """The demo plus what the demo lacks: a qualitative target (AKIP 77,26 (BB)), a tujuan
    indicator, a sub kegiatan with an indicator, pagu indikatif, a draft Administrator PK with
    a qualitative line and a cumulative line."""
    user = django_user_model.objects.get(username="perencana")
    renstra = demo.renstra_set.get()
    tujuan = Tujuan.objects.get(renstra=renstra)
    sasaran = Sasaran.objects.get(tujuan=tujuan)
    akip = renstra_services.indikator_create(
        renstra=renstra, sasaran=sasaran, uraian="Nilai AKIP Dinas Sosial", satuan="Nilai",
        jenis_nilai="angka_predikat", desimal=2, agregasi="LAST", urutan=3, user=user)
    renstra_services.target_save(entri=[
        renstra_services.EntriTarget(akip, 2024, Decimal("77.26"), "BB"),
        renstra_services.EntriTarget(akip, 2025, None, "A"),
    ], user=user)
    tj_ind = renstra_services.indikator_create(
        renstra=renstra, tujuan=tujuan, uraian="Persentase penurunan PPKS", satuan="%",
        desimal=2, user=user)
    renstra_services.target_save(
        entri=[renstra_services.EntriTarget(tj_ind, 2024, Decimal("12.1411"))], user=user)
    keg = Kegiatan.objects.get(kode="1.06.04.2.01", program__renstra=renstra)
    sub = renstra_services.subkegiatan_create(kegiatan=keg, kode="1.06.04.2.01.0001",
                                              nama="Penyediaan Permakanan",
                                              bidang=keg.bidang)
    sub_ind = renstra_services.indikator_create(
        renstra=renstra, subkegiatan=sub, satuan="Orang", user=user,
        uraian="Jumlah Orang yang Mendapatkan Pemenuhan Kebutuhan Permakanan")
    renstra_services.target_save(
        entri=[renstra_services.EntriTarget(sub_ind, 2025, Decimal("1250.5"))], user=user)
    renstra_services.pagu_indikatif_save(entri=[
        renstra_services.EntriPagu(sub, 2025, Decimal("1250000.50")),
        renstra_services.EntriPagu(keg.program, 2025, Decimal("250000000")),
    ], user=user)
    prs = Bidang.objects.get(perangkat_daerah=demo, singkatan="PRS")
    pk = pk_services.pk_create(perangkat_daerah=demo, tahun=2024,
                                    jenjang=Jenjang.ADMINISTRATOR, bidang=prs, user=user)
    prog_ind = Indikator.objects.filter(program=keg.program).order_by("id")
    pk_services.pk_indikator_set(pk=pk, indikator=prog_ind[0], target_tahunan=Decimal(13),
                                      target_tw=[Decimal(3), Decimal(6), Decimal(9),
                                                 Decimal(13)],
                                      mode_tw="kumulatif", urutan=1)
    pk_services.pk_indikator_set(pk=pk, indikator=prog_ind[1], target_tahunan=Decimal(9),
                                      target_tw=[None, None, None, Decimal(9)], urutan=2,
                                      mode_tw="kumulatif")
    jpt = PerjanjianKinerja.objects.get(perangkat_daerah=demo, tahun=2024, versi=2)
    baru = pk_services.pk_revise(pk=jpt, alasan="perubahan_prioritas", user=user)
    pk_services.pk_indikator_set(pk=baru, indikator=akip, target_tahunan=Decimal("77.26"),
                                      target_tahunan_teks="BB",
                                      target_tw=[None, None, None, Decimal("77.26")],
                                      mode_tw="kumulatif", urutan=5)
    return demo


def _xlsx(wb) -> io.BytesIO:
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    return buf


def _hanya(wb, names=MILIK):
    for ws in list(wb.worksheets):
        if ws.title not in names:
            wb.remove(ws)
    return wb


def test_export_writes_headers_numbers_and_qualitative_targets(kaya):
    wb = ekspor_workbook(kaya, 2024)
    assert wb.sheetnames[:3] == ["Sasaran", "Program", "PK"]
    sas = wb["Sasaran"]
    header = [c.value for c in sas[1]]
    assert header == ["Tujuan", "Sasaran", "Indikator", "Satuan", "Polaritas", "Agregasi",
                      "IKU", "Baseline Tahun", "Baseline", "Target 2022", "Target 2023",
                      "Target 2024", "Target 2025", "Target 2026"]
    rows = {r[2]: r for r in sas.iter_rows(min_row=2, values_only=True)}
    iku = rows["Jumlah Penurunan Pemerlu Pelayanan Kesejahteraan Sosial (PPKS)"]
    assert iku[6:9] == ("Ya", 2021, 2444) and iku[11] == 580 and isinstance(iku[11], int)
    assert rows["Nilai AKIP Dinas Sosial"][11:13] == ("77,26 (BB)", "A")
    prog = wb["Program"]
    header = [c.value for c in prog[1]]
    assert header[:6] == ["Kode", "Uraian", "Sasaran", "Bidang", "Indikator", "Satuan"]
    assert header[6] == "Target 2022" and header[-1] == "Pagu 2026"
    rows = [r for r in prog.iter_rows(min_row=2, values_only=True)]
    rehsos = [r for r in rows if r[0] == "1.06.04"]
    assert rehsos[0][2] == "Menurunnya Pemerlu Pelayanan Kesejahteraan Sosial (PPKS)"
    assert len(rehsos) == 2 and rehsos[1][1] is None  # node cells on the first row only
    sub = next(r for r in rows if r[0] == "1.06.04.2.01.0001")
    assert sub[header.index("Pagu 2025")] == Decimal("1250000.50") or \
        sub[header.index("Pagu 2025")] == 1250000.5
    pk = wb["PK"]
    assert [c.value for c in pk[1]] == ["Jenjang", "Sasaran", "Indikator", "Satuan",
                                        "Target Tahunan", "TW I", "TW II", "TW III", "TW IV",
                                        "Mode TW", "Unit Kerja", "Tahun"]
    rows = [r for r in pk.iter_rows(min_row=2, values_only=True)]
    assert ("JPT Pratama", "Menurunnya Pemerlu Pelayanan Kesejahteraan Sosial (PPKS)",
            "Nilai AKIP Dinas Sosial", "Nilai", "77,26 (BB)", None, None, None, 77.26,
            "kumulatif", None, 2024) in [tuple(float(x) if isinstance(x, Decimal) else x
                                               for x in r) for r in rows]
    assert {r[0] for r in rows} == {"JPT Pratama", "Administrator"}


def test_export_then_import_changes_nothing(kaya, django_user_model):
    sebelum = _snapshot(kaya)
    wb = _hanya(ekspor_workbook(kaya, 2024))
    user = django_user_model.objects.get(username="perencana")
    hasil = impor_workbook(_xlsx(wb), kaya, user=user)
    per_sheet = {h.sheet: h for h in hasil}
    for name in MILIK:
        h = per_sheet[name]
        assert not h.galat, h.galat
        assert (h.dibuat, h.diubah) == (0, 0), (name, h)
        assert h.tetap > 0
    assert _snapshot(kaya) == sebelum  # audit count included: no write at all


def test_full_workbook_round_trip_through_the_commands(kaya, tmp_path):
    path = tmp_path / "buku.xlsx"
    call_command("export_workbook", "--pd", kaya.slug, "--tahun", "2024", "-o", str(path))
    sebelum = _snapshot(kaya)
    out = io.StringIO()
    call_command("import_workbook", str(path), "--pd", kaya.slug, "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["status"] == "ok" and data["galat"] == []
    for s in data["sheet"]:
        assert (s["dibuat"], s["diubah"]) == (0, 0), s
    assert _snapshot(kaya) == sebelum


def test_import_edits_and_creates_through_services(kaya, django_user_model):
    user = django_user_model.objects.get(username="perencana")
    wb = _hanya(ekspor_workbook(kaya, 2024))
    sas = wb["Sasaran"]
    header = [c.value for c in sas[1]]
    for row in sas.iter_rows(min_row=2):
        if row[2].value == "Jumlah Penurunan Pemerlu Pelayanan Kesejahteraan Sosial (PPKS)":
            row[header.index("Target 2025")].value = "1.250,5"
    sas.append(["Menurunkan Pemerlu Pelayanan Kesejahteraan Sosial (PPKS)",
                "Meningkatnya kualitas layanan", "Nilai IKM", "Nilai", "positif", "LAST", "Ya",
                2023, "87,55", None, None, 80.5, None, None])
    prog = wb["Program"]
    ph = [c.value for c in prog[1]]
    baris = [None] * len(ph)
    baris[0], baris[1], baris[3] = "1.06.04.02.02", "Rehabilitasi Sosial PMKS Lainnya", "PRS"
    baris[4], baris[5] = "Jumlah PMKS lainnya yang direhabilitasi", "Orang"
    baris[ph.index("Target 2025")] = "1.000"
    baris[ph.index("Pagu 2025")] = "Rp 25.000.000"
    prog.append(baris)
    hasil = {h.sheet: h for h in impor_workbook(_xlsx(wb), kaya, user=user)}
    assert not any(h.galat for h in hasil.values()), [h.galat for h in hasil.values()]
    assert hasil["Sasaran"].diubah == 1 and hasil["Sasaran"].dibuat == 1
    assert hasil["Program"].dibuat == 1
    iku = Indikator.objects.get(is_iku=True, uraian__startswith="Jumlah Penurunan")
    assert iku.target_set.get(tahun=2025).nilai == Decimal("1250.5")
    ikm = Indikator.objects.get(uraian="Nilai IKM")
    assert (ikm.sasaran.uraian, ikm.baseline_nilai, ikm.is_iku) == (
        "Meningkatnya kualitas layanan", Decimal("87.55"), True)
    keg = Kegiatan.objects.get(kode="1.06.04.2.02")  # canonical code from a padded one
    assert keg.bidang.singkatan == "PRS"
    assert keg.pagu_indikatif_set.get(tahun=2025).nilai == Decimal("25000000")
    jejak = JejakAudit.objects.filter(model="renstra.targetindikator", alasan="Impor Buku Kerja")
    assert jejak.filter(nilai_lama="600", nilai_baru="1250.5", user=user).exists()


def test_bad_rows_are_refused_whole_with_sheet_row_column(kaya):
    sebelum = _snapshot(kaya)
    wb = _hanya(ekspor_workbook(kaya, 2024))
    sas = wb["Sasaran"]
    header = [c.value for c in sas[1]]
    sas.cell(2, header.index("Target 2025") + 1).value = "1.250,5"  # valid, must not land
    sas.cell(3, header.index("Polaritas") + 1).value = "naik"
    pk = wb["PK"]
    pkh = [c.value for c in pk[1]]
    for r in range(2, pk.max_row + 1):
        if pk.cell(r, 1).value == "Administrator":
            pk.cell(r, pkh.index("TW II") + 1).value = "6.5.0"
            break
    pk.append(["Eselon V", None, "Nilai AKIP Dinas Sosial", None, 1])
    hasil = impor_workbook(_xlsx(wb), kaya)
    galat = [str(g) for h in hasil for g in h.galat]
    assert any(g.startswith("sheet Sasaran, baris 3, kolom Polaritas: 'naik' tidak dikenal")
               for g in galat), galat
    assert any("sheet PK, baris" in g and "kolom TW II: Angka '6.5.0' tidak dapat dibaca" in g
               for g in galat), galat
    assert any("kolom Jenjang: 'Eselon V' tidak dikenal" in g for g in galat), galat
    assert _snapshot(kaya) == sebelum


def test_pk_tw_sum_checked_and_ditetapkan_pk_refuses_changes(kaya):
    wb = _hanya(ekspor_workbook(kaya, 2024), ("PK",))
    pk = wb["PK"]
    h = [c.value for c in pk[1]]
    for r in range(2, pk.max_row + 1):
        uraian = pk.cell(r, 3).value
        if uraian.startswith("Jumlah Penurunan"):
            # v3 is a draft copy of the ditetapkan v2; per-quarter SUM must add up (§2.4).
            pk.cell(r, h.index("TW I") + 1).value = 100
    hasil = impor_workbook(_xlsx(wb), kaya)
    galat = [str(g) for x in hasil for g in x.galat]
    assert any("kolom TW I–IV" in g and "Jumlah target TW I–IV (535 Orang) harus sama dengan "
               "target tahunan (580 Orang)" in g for g in galat), galat
    # The ditetapkan v2 itself cannot be changed through the workbook.
    v3 = PerjanjianKinerja.objects.get(perangkat_daerah=kaya, tahun=2024, versi=3)
    pk_services.pk_approve(pk=v3, user=None)
    wb = _hanya(ekspor_workbook(kaya, 2024), ("PK",))
    pk = wb["PK"]
    pk.cell(2, h.index("Target Tahunan") + 1).value = 600
    galat = [str(g) for x in impor_workbook(_xlsx(wb), kaya) for g in x.galat]
    assert any("versi 3 sudah ditetapkan" in g and "revisi" in g for g in galat), galat


def test_pk_import_creates_a_draft_pk_and_reads_jenjang_synonyms(kaya):
    wb = Workbook()
    ws = wb.active
    ws.title = "PK"
    ws.append(["jenjang", "Sasaran", "INDIKATOR", "Satuan", "Target Tahunan", "TW I", "TW II",
               "TW III", "TW IV", "Tahun", "Catatan lain"])
    ws.append(["Eselon II", None, "Jumlah Penurunan Pemerlu Pelayanan Kesejahteraan Sosial "
               "(PPKS)", "Orang", "600", "150", "150", "150", "150", 2025, "diabaikan"])
    hasil = {h.sheet: h for h in impor_workbook(_xlsx(wb), kaya)}
    assert not hasil["PK"].galat and hasil["PK"].dibuat == 1
    assert "dibuat sebagai draf" in hasil["PK"].peringatan[0]
    pk = PerjanjianKinerja.objects.get(perangkat_daerah=kaya, tahun=2025)
    # A draft names no office holder itself: it prints the officials in office on its date.
    assert (pk.jenjang, pk.status, pk_pihak(pk).kedua["jabatan"]) == ("jpt_pratama", "draft",
                                                                     "Bupati Gowa")
    assert pk.indikator_set.get().target_tw_list == [Decimal(150)] * 4


def test_year_missing_is_a_clear_galat(kaya):
    wb = Workbook()
    ws = wb.active
    ws.title = "PK"
    ws.append(["Jenjang", "Indikator", "Target Tahunan"])
    ws.append(["JPT Pratama", "Nilai AKIP Dinas Sosial", "77,26 (BB)"])
    galat = [str(g) for h in impor_workbook(_xlsx(wb), kaya) for g in h.galat]
    assert galat == ["sheet PK, baris 1, kolom Tahun: Tahun tidak diketahui: isi kolom Tahun "
                     "atau beri opsi --tahun."]


def test_dry_run_validates_without_saving(kaya, tmp_path):
    wb = _hanya(ekspor_workbook(kaya, 2024))
    sas = wb["Sasaran"]
    header = [c.value for c in sas[1]]
    sas.cell(2, header.index("Target 2025") + 1).value = "999"
    path = tmp_path / "b.xlsx"
    wb.save(path)
    sebelum = _snapshot(kaya)
    out = io.StringIO()
    call_command("import_workbook", str(path), "--pd", kaya.slug, "--dry-run", stdout=out)
    assert "tidak ada yang disimpan" in out.getvalue() and "1 diubah" in out.getvalue()
    assert _snapshot(kaya) == sebelum


def test_command_exit_codes(kaya, tmp_path):
    # Usage errors are CommandError(returncode=2): manage.py exits with 2.
    with pytest.raises(CommandError) as e:
        call_command("import_workbook", str(tmp_path / "tidak-ada.xlsx"), "--pd", kaya.slug)
    assert e.value.returncode == 2
    wb = Workbook()
    wb.active.title = "Sasaran"
    wb.active.append(["Tujuan", "Sasaran", "Indikator", "Polaritas"])
    wb.active.append([None, "S", "I", "positif"])
    path = tmp_path / "salah.xlsx"
    wb.save(path)
    err = io.StringIO()
    with pytest.raises(SystemExit) as e:
        call_command("import_workbook", str(path), "--pd", kaya.slug, stderr=err)
    assert e.value.code == 1
    assert "sheet Sasaran, baris 2, kolom Tujuan: Tujuan wajib diisi" in err.getvalue()
    with pytest.raises(CommandError) as e:
        call_command("export_workbook", "--pd", "tidak-ada", "--tahun", "2024", "-o",
                     str(tmp_path / "x.xlsx"))
    assert e.value.returncode == 2
    call_command("export_workbook", "--pd", kaya.slug, "--tahun", "2024", "-o",
                 str(tmp_path / "x.xlsx"), stdout=io.StringIO())
    assert load_workbook(tmp_path / "x.xlsx").sheetnames[:3] == list(MILIK)
