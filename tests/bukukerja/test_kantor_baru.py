"""A whole office from one Buku Kerja (design.md "Buku Kerja", import_workbook on an office
without a Renstra): the Renstra over the Target years, the bidang named in the file, the tree,
the PK, the realisasi and the budget in one transaction; its own export reads back with no
change; a broken copy is refused whole with one message per cause."""

import io
import json
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from openpyxl import Workbook, load_workbook

from anggaran.models import Pagu, RealisasiAnggaran
from bukukerja.workbook import ekspor_workbook, impor_workbook
from kinerja.models import Jenjang, PerjanjianKinerja, PKIndikator, Realisasi
from renstra.models import (
    Indikator,
    JenisNilai,
    Kegiatan,
    PaguIndikatif,
    Program,
    Renstra,
    Sasaran,
    SasaranProgram,
    SubKegiatan,
    TargetIndikator,
    Tujuan,
)
from sakip.models import Bidang, JejakAudit
from tests.factories import BidangFactory, PerangkatDaerahFactory

TAHUN = list(range(2025, 2030))
T1 = "Meningkatnya kesejahteraan sosial masyarakat"
S1 = "Meningkatnya penanganan PPKS"
S2 = "Meningkatnya akuntabilitas kinerja perangkat daerah"
AKIP = "Nilai AKIP Dinas Sosial"
PPKS = "Persentase PPKS yang tertangani"
SEK, REHAB, LINJAM = "Sekretariat", "Bidang Rehabilitasi Sosial", "Bidang Perlindungan Sosial"

SASARAN = [
    # Tujuan, Sasaran, Indikator, Satuan, Polaritas, Agregasi, IKU, Baseline Tahun, Baseline,
    # Target 2025..2029
    [T1, S1, PPKS, "%", "positif", "LAST", "Ya", 2024, 80, 82, 83, 84, 85, 86],
    [T1, S2, AKIP, "Nilai", "positif", "LAST", "Ya", 2024, "70,5 (B)",
     "77,26 (BB)", "80 (A)", "A", "A", "AA"],
    [T1, S1, "Jumlah penerima bantuan sosial", "Orang", "positif", "SUM", "Tidak", None, None,
     1000, 1100, 1200, 1300, 1400],
]
PROGRAM = [
    # Kode, Uraian, Sasaran, Bidang, Indikator, Satuan, Target 2025..2029, Pagu 2025..2029
    ["1.06.01", "Program Penunjang Urusan Pemerintahan Daerah", S2, SEK,
     "Persentase layanan administrasi terpenuhi", "%", *[100] * 5, *[900_000_000] * 5],
    ["1.06.01.2.01", "Perencanaan, Penganggaran, dan Evaluasi Kinerja", None, SEK,
     "Jumlah dokumen perencanaan", "Dokumen", *[3] * 5, *[150_000_000] * 5],
    ["1.06.01.2.01.0001", "Penyusunan Dokumen Perencanaan Perangkat Daerah", None, SEK,
     "Jumlah dokumen Renja", "Dokumen", *[1] * 5, *[100_000_000] * 5],
    ["1.06.04", "Program Rehabilitasi Sosial", S1, REHAB,
     "Persentase PPKS yang terehabilitasi", "%", *[60] * 5, *[600_000_000] * 5],
    ["1.06.04.2.01", "Rehabilitasi Sosial Dasar Penyandang Disabilitas Terlantar", None, REHAB,
     "Jumlah penyandang disabilitas terlantar yang direhabilitasi", "Orang", *[50] * 5,
     *[500_000_000] * 5],
    ["1.06.04.2.01.0002", "Penyediaan Alat Bantu", None, REHAB,
     "Jumlah alat bantu yang disediakan", "Unit", *[40] * 5, *[500_000_000] * 5],
    ["1.06.05", "Program Perlindungan dan Jaminan Sosial", S1, LINJAM,
     "Persentase korban bencana yang terlindungi", "%", *[90] * 5, *[300_000_000] * 5],
]
PK = [
    # Jenjang, Sasaran, Indikator, Satuan, Target Tahunan, TW I..IV, Mode TW, Unit Kerja, Tahun
    ["Eselon II", S1, PPKS, "%", 82, 20, 40, 60, 82, "kumulatif", None, 2025],
    ["Eselon II", S2, AKIP, "Nilai", "77,26 (BB)", None, None, None, "77,26 (BB)", "kumulatif",
     None, 2025],
    ["Eselon III", None, "Persentase PPKS yang terehabilitasi", "%", 60, 15, 30, 45, 60,
     "kumulatif", REHAB, 2025],
]
REALISASI = [
    # Indikator, Satuan, TW I..IV, Keterangan, Tahun
    [PPKS, "%", 21, 42, None, None, None, 2025],
    [AKIP, "Nilai", None, None, None, "78,1 (BB)", "Hasil evaluasi Inspektorat", 2025],
    ["Jumlah alat bantu yang disediakan", "Unit", 10, 12, None, None, None, 2025],
]
ANGGARAN = [
    # Kode, Uraian, Pagu Murni, Pagu Perubahan, Realisasi TW I..IV, Tahun
    ["1.06.01.2.01.0001", None, 100_000_000, None, 20_000_000, 25_000_000, None, None, 2025],
    ["1.06.04.2.01.0002", None, 500_000_000, 480_000_000, 100_000_000, None, None, None, 2025],
]


def _workbook(sasaran=SASARAN, program=PROGRAM, pk=PK, realisasi=REALISASI,
              anggaran=ANGGARAN) -> io.BytesIO:
    wb = Workbook()
    wb.remove(wb.active)
    for nama, header, rows in (
        ("Sasaran", ["Tujuan", "Sasaran", "Indikator", "Satuan", "Polaritas", "Agregasi", "IKU",
                     "Baseline Tahun", "Baseline", *(f"Target {t}" for t in TAHUN)], sasaran),
        ("Program", ["Kode", "Uraian", "Sasaran", "Bidang", "Indikator", "Satuan",
                     *(f"Target {t}" for t in TAHUN), *(f"Pagu {t}" for t in TAHUN)], program),
        ("PK", ["Jenjang", "Sasaran", "Indikator", "Satuan", "Target Tahunan", "TW I", "TW II",
                "TW III", "TW IV", "Mode TW", "Unit Kerja", "Tahun"], pk),
        ("Realisasi", ["Indikator", "Satuan", "TW I", "TW II", "TW III", "TW IV", "Keterangan",
                       "Tahun"], realisasi),
        ("Anggaran", ["Kode", "Uraian", "Pagu Murni", "Pagu Perubahan", "Realisasi TW I",
                      "Realisasi TW II", "Realisasi TW III", "Realisasi TW IV", "Tahun"],
         anggaran),
    ):
        ws = wb.create_sheet(nama)
        ws.append(header)
        for row in rows:
            ws.append(row)
    return _buf(wb)


def _buf(wb) -> io.BytesIO:
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    return buf


def _galat(hasil):
    return [g for h in hasil for g in h.galat]


def _hitung(pd) -> dict:
    """Row counts of everything the workbook can write for ``pd`` (and the audit trail)."""
    return {
        "renstra": Renstra.objects.filter(perangkat_daerah=pd).count(),
        "bidang": Bidang.objects.filter(perangkat_daerah=pd).count(),
        "tujuan": Tujuan.objects.filter(renstra__perangkat_daerah=pd).count(),
        "sasaran": Sasaran.objects.filter(tujuan__renstra__perangkat_daerah=pd).count(),
        "indikator": Indikator.objects.filter(renstra__perangkat_daerah=pd).count(),
        "target": TargetIndikator.objects.filter(indikator__renstra__perangkat_daerah=pd).count(),
        "program": Program.objects.filter(renstra__perangkat_daerah=pd).count(),
        "pk": PerjanjianKinerja.objects.filter(perangkat_daerah=pd).count(),
        "realisasi": Realisasi.objects.filter(indikator__renstra__perangkat_daerah=pd).count(),
        "pagu": Pagu.objects.count(),
        "realisasi_anggaran": RealisasiAnggaran.objects.count(),
        "audit": JejakAudit.objects.count(),
    }


def _snapshot(pd) -> dict:
    """Every value the workbook owns for ``pd``, as plain tuples."""
    return {
        "hitung": _hitung(pd),
        "renstra": list(Renstra.objects.filter(perangkat_daerah=pd).values_list(
            "tahun_awal", "tahun_akhir", "tahun_tambahan")),
        "bidang": sorted(Bidang.objects.filter(perangkat_daerah=pd).values_list("nama", "aktif")),
        "indikator": sorted(Indikator.objects.filter(renstra__perangkat_daerah=pd).values_list(
            "uraian", "satuan", "polaritas", "agregasi", "is_iku", "baseline_tahun",
            "baseline_nilai", "jenis_nilai", "bidang_id", "row_version"), key=str),
        "target": sorted(TargetIndikator.objects.filter(
            indikator__renstra__perangkat_daerah=pd).values_list(
            "indikator__uraian", "tahun", "nilai", "nilai_teks"), key=str),
        "node": sorted([*Program.objects.filter(renstra__perangkat_daerah=pd).values_list(
            "kode", "nama", "bidang__nama"),
            *Kegiatan.objects.filter(program__renstra__perangkat_daerah=pd).values_list(
                "kode", "nama", "bidang__nama"),
            *SubKegiatan.objects.filter(kegiatan__program__renstra__perangkat_daerah=pd)
            .values_list("kode", "nama", "bidang__nama")], key=str),
        "link": sorted(SasaranProgram.objects.filter(program__renstra__perangkat_daerah=pd)
                       .values_list("sasaran__uraian", "program__kode")),
        "pagu_indikatif": sorted(PaguIndikatif.objects.filter(
            program__renstra__perangkat_daerah=pd).values_list("program__kode", "tahun",
                                                                "nilai")),
        "pk": sorted(PKIndikator.objects.filter(perjanjian__perangkat_daerah=pd).values_list(
            "perjanjian__jenjang", "perjanjian__bidang__nama", "perjanjian__status",
            "indikator__uraian", "target_tahunan", "target_tahunan_teks", "target_tw1",
            "target_tw2", "target_tw3", "target_tw4", "mode_tw"), key=str),
        "realisasi": sorted(Realisasi.objects.filter(
            indikator__renstra__perangkat_daerah=pd).values_list(
            "indikator__uraian", "tahun", "triwulan", "nilai", "nilai_teks", "status",
            "catatan"), key=str),
        "pagu": sorted(Pagu.objects.values_list("subkegiatan__kode", "tahun", "tahap", "nilai"),
                       key=str),
        "realisasi_anggaran": sorted(RealisasiAnggaran.objects.values_list(
            "subkegiatan__kode", "tahun", "triwulan", "nilai"), key=str),
    }


@pytest.fixture
def kantor_baru(db):
    return PerangkatDaerahFactory(nama="Dinas Sosial Kabupaten Uji", slug="dinsos-uji")


@pytest.fixture
def perencana(db):
    return get_user_model().objects.create_user("perencana-uji", password="x")


def test_new_office_is_built_from_one_workbook(kantor_baru, perencana):
    pd = kantor_baru
    hasil = impor_workbook(_workbook(), pd, tahun=2025, user=perencana)
    assert _galat(hasil) == []
    umum = hasil[0]
    assert umum.sheet == "Buku Kerja"
    assert umum.baru == ["Renstra 2025–2029", f"Bidang \u201c{SEK}\u201d",
                         f"Bidang \u201c{REHAB}\u201d", f"Bidang \u201c{LINJAM}\u201d"]
    renstra = Renstra.objects.get(perangkat_daerah=pd)
    assert (renstra.tahun_awal, renstra.tahun_akhir) == (2025, 2029)
    assert sorted(Bidang.objects.filter(perangkat_daerah=pd).values_list("nama", flat=True)) \
        == sorted([SEK, REHAB, LINJAM])
    # The composite AKIP values: the indicator became qualitative, every value keeps its predikat.
    akip = Indikator.objects.get(renstra=renstra, uraian=AKIP)
    assert akip.jenis_nilai == JenisNilai.ANGKA_PREDIKAT
    assert {t.tahun: (t.nilai, t.nilai_teks) for t in akip.target_set.all()} == {
        2025: (Decimal("77.26"), "BB"), 2026: (Decimal("80"), "A"), 2027: (None, "A"),
        2028: (None, "A"), 2029: (None, "AA")}
    assert (akip.baseline_tahun, akip.baseline_nilai) == (2024, Decimal("70.5"))
    sas = next(h for h in hasil if h.sheet == "Sasaran")
    assert any("predikat 'B' tidak disimpan" in p for p in sas.peringatan)
    line = PKIndikator.objects.get(indikator=akip, perjanjian__tahun=2025)
    assert (line.target_tahunan, line.target_tahunan_teks, line.target_tw4) \
        == (Decimal("77.26"), "BB", Decimal("77.26"))
    real = Realisasi.objects.get(indikator=akip, tahun=2025, triwulan=4)
    assert (real.nilai, real.nilai_teks, real.catatan) \
        == (Decimal("78.1"), "BB", "Hasil evaluasi Inspektorat")
    # Programs → kegiatan → sub kegiatan from their codes, each in its bidang.
    sub = SubKegiatan.objects.get(kegiatan__program__renstra=renstra, kode="1.06.04.2.01.0002")
    assert sub.bidang.nama == REHAB and sub.kegiatan.program.kode == "1.06.04"
    assert set(SasaranProgram.objects.filter(program__renstra=renstra)
               .values_list("program__kode", flat=True)) == {"1.06.01", "1.06.04", "1.06.05"}
    pks = PerjanjianKinerja.objects.filter(perangkat_daerah=pd, tahun=2025)
    assert sorted((p.jenjang, p.bidang.nama if p.bidang else None) for p in pks) == sorted(
        [(Jenjang.JPT_PRATAMA, None), (Jenjang.ADMINISTRATOR, REHAB)])
    assert Pagu.objects.get(subkegiatan=sub, tahun=2025, tahap="perubahan").nilai \
        == Decimal("480000000")
    assert RealisasiAnggaran.objects.get(subkegiatan=sub, tahun=2025, triwulan=1).nilai \
        == Decimal("100000000")
    # Audited: the Renstra, the bidang and the tree are in the trail with the import's reason.
    jejak = JejakAudit.objects.filter(perangkat_daerah=pd)
    assert jejak.filter(model="renstra.renstra", aksi="buat").count() == 1
    assert jejak.filter(model="sakip.bidang").count() >= 3
    assert jejak.filter(model="renstra.program", aksi="buat").count() == 3


def test_export_of_the_built_office_reads_back_with_no_change(kantor_baru, perencana):
    pd = kantor_baru
    assert _galat(impor_workbook(_workbook(), pd, tahun=2025, user=perencana)) == []
    sebelum = _snapshot(pd)
    buf = _buf(ekspor_workbook(pd, 2025))
    hasil = impor_workbook(buf, pd, user=perencana)
    assert _galat(hasil) == []
    assert [(h.sheet, h.dibuat, h.diubah) for h in hasil] == [
        ("Buku Kerja", 0, 0), ("Sasaran", 0, 0), ("Program", 0, 0), ("PK", 0, 0),
        ("Realisasi", 0, 0), ("Anggaran", 0, 0)]
    assert all(h.tetap for h in hasil[1:])
    assert _snapshot(pd) == sebelum


def test_dry_run_builds_nothing_and_reports_what_it_would_create(kantor_baru, perencana):
    sebelum = _hitung(kantor_baru)
    hasil = impor_workbook(_workbook(), kantor_baru, tahun=2025, user=perencana, dry_run=True)
    assert _galat(hasil) == []
    assert hasil[0].baru[0] == "Renstra 2025–2029" and hasil[0].dibuat == 4
    assert _hitung(kantor_baru) == sebelum


def test_broken_copy_is_refused_whole_with_one_message_per_cause(kantor_baru, perencana):
    """A new program row without its Uraian takes down its kegiatan, sub kegiatan, their
    PK/Realisasi/Anggaran rows — counted under its one message; an unknown Polaritas lists the
    choices. Nothing is written."""
    program = [list(r) for r in PROGRAM]
    program[3][1] = None            # 1.06.04 has no Uraian: the program cannot be created
    sasaran = [list(r) for r in SASARAN]
    sasaran[2][4] = "naik"
    sebelum = _hitung(kantor_baru)
    hasil = impor_workbook(_workbook(sasaran=sasaran, program=program), kantor_baru,
                           tahun=2025, user=perencana)
    galat = _galat(hasil)
    assert [(g.sheet, g.baris, g.kolom) for g in galat] == [
        ("Sasaran", 4, "Polaritas"), ("Program", 5, "Uraian")]
    assert "diharapkan positif, negatif atau kualitatif" in galat[0].pesan
    # Its kegiatan and sub kegiatan rows, the PK Administrator row, one Realisasi row and one
    # Anggaran row follow the program's row.
    assert galat[1].pesan.endswith("(5 baris turunan ikut ditolak)"), galat[1].pesan
    assert _hitung(kantor_baru) == sebelum


def test_unknown_bidang_on_an_office_with_bidang_lists_the_choices(demo, perencana):
    """Reported once, listing the office's bidang; the other row naming it follows."""
    program = [["1.06.04", None, None, "Bidang Fiktif", None, None],
               ["1.06.05", None, None, "bidang  fiktif", None, None]]
    wb = Workbook()
    ws = wb.active
    ws.title = "Program"
    ws.append(["Kode", "Uraian", "Sasaran", "Bidang", "Indikator", "Satuan"])
    for row in program:
        ws.append(row)
    hasil = impor_workbook(_buf(wb), demo, tahun=2025, user=perencana)
    [galat] = _galat(hasil)
    assert galat.kolom == "Bidang"
    nama = sorted(Bidang.objects.filter(perangkat_daerah=demo).values_list("nama", flat=True))
    assert galat.pesan.endswith("diharapkan salah satu dari: " + ", ".join(nama)
                                + " (bidang baru ditambahkan di Pengaturan kantor › Bidang). "
                                "(1 baris turunan ikut ditolak)")
    assert nama and not Bidang.objects.filter(nama="Bidang Fiktif").exists()


def test_a_new_office_with_bidang_set_up_refuses_unknown_names(kantor_baru, perencana):
    """Bidang set up in the browser first: a name the file adds is refused (listing the valid
    ones), never created beside them."""
    BidangFactory(perangkat_daerah=kantor_baru, nama=SEK)
    sebelum = _hitung(kantor_baru)
    galat = _galat(impor_workbook(_workbook(), kantor_baru, tahun=2025, user=perencana))
    assert [(g.sheet, g.baris, g.kolom) for g in galat] == [
        ("Program", 5, "Bidang"), ("Program", 8, "Bidang")]
    assert galat[0].pesan == (
        f"Bidang '{REHAB}' tidak dikenal; diharapkan salah satu dari: {SEK} (bidang baru "
        "ditambahkan di Pengaturan kantor › Bidang). (5 baris turunan ikut ditolak)")
    assert _hitung(kantor_baru) == sebelum


def test_periode_must_cover_the_target_columns(kantor_baru, perencana):
    hasil = impor_workbook(_workbook(), kantor_baru, tahun=2025, user=perencana,
                           periode=(2025, 2028))
    [galat] = _galat(hasil)
    assert "Periode Renstra 2025–2028 tidak mencakup Sasaran: Target 2029" in galat.pesan
    assert galat.pesan.endswith("baris ikut ditolak)")
    assert not Renstra.objects.filter(perangkat_daerah=kantor_baru).exists()


def test_command_builds_the_office_over_the_periode_given(kantor_baru, perencana, tmp_path,
                                                          capsys):
    path = tmp_path / "buku.xlsx"
    path.write_bytes(_workbook().getvalue())
    call_command("import_workbook", str(path), "--pd", "dinsos-uji", "--tahun", "2025",
                 "--periode", "2024-2030", "--json")
    data = json.loads(capsys.readouterr().out)
    assert data["status"] == "ok" and data["baru"][0] == "Renstra 2024–2030"
    renstra = Renstra.objects.get(perangkat_daerah=kantor_baru)
    assert renstra.tahun_list == list(range(2024, 2031))
    with pytest.raises(SystemExit) as keluar:
        call_command("import_workbook", str(path), "--pd", "dinsos-uji", "--periode",
                     "2025-2029")
    assert keluar.value.code == 1
    assert "tidak sesuai Renstra" in capsys.readouterr().err


def test_a_sheet_refused_whole_is_one_message_for_the_rows_that_need_it(kantor_baru, perencana):
    """Without its Kode column the Program sheet provides no program and no program indicator:
    the PK, Realisasi and Anggaran rows that need them follow its one message."""
    wb = load_workbook(_workbook())
    wb["Program"].delete_cols(1)
    hasil = impor_workbook(_buf(wb), kantor_baru, tahun=2025, user=perencana)
    galat = _galat(hasil)
    assert [(g.sheet, g.kolom) for g in galat] == [("Program", "Kode")]
    # PK Eselon III, Realisasi of a sub kegiatan indicator, two Anggaran rows.
    assert galat[0].pesan == ("Kolom wajib 'Kode' tidak ada pada baris judul. "
                              "(4 baris turunan ikut ditolak)")
    assert not Renstra.objects.filter(perangkat_daerah=kantor_baru).exists()
