"""Tabel 4.2 import (design.md "Renstra table import"; domain.md §7.1, §10.3).

The sample is the planners' own file (shared/samples); the whole Dinas and every variant and
broken copy are generated in the same layout by tests/renstra/tabel42_xlsx.py.
"""

import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Sum

from renstra.impor import baca_tabel42, impor_tabel42
from renstra.models import (
    Indikator,
    Kegiatan,
    Nomenklatur,
    PaguIndikatif,
    Program,
    Renstra,
    SubKegiatan,
    TargetIndikator,
)
from sakip.models import JejakAudit, Pemda, PerangkatDaerah
from tests.renstra import tabel42_xlsx as T

# A copy of shared/samples/renstra_tabel_4_2_sample.xlsx, the planners' own file.
SAMPEL = Path(__file__).parent / "data" / "renstra_tabel_4_2_sample.xlsx"
pytestmark = pytest.mark.django_db


@pytest.fixture
def pd():
    """A fresh office and no nomenklatur master (the session's demo loads one; ``master``
    loads the fixture when a test wants it)."""
    Nomenklatur.objects.all().delete()
    pemda = Pemda.objects.create(nama="Kota Bekasi", jenis="kota")
    return PerangkatDaerah.objects.create(pemda=pemda, nama="Dinas Sosial Kota Bekasi",
                                          slug="dinsos-bekasi")


@pytest.fixture
def master():
    call_command("load_nomenklatur", str(T.FIXTURE), "--versi", T.VERSI, "--berlaku-mulai",
                 "2025", stdout=io.StringIO())


def _cmd(path, *args, slug="dinsos-bekasi", periode="2025-2029"):
    """Run import_renstra --json; (exit status, summary)."""
    out = io.StringIO()
    try:
        call_command("import_renstra", str(path), "--pd", slug, "--periode", periode, "--json",
                     *args, stdout=out, stderr=io.StringIO())
        code = 0
    except SystemExit as e:
        code = e.code
    return code, json.loads(out.getvalue())


def _tulis(tmp_path, rows, nama="tabel42.xlsx", **kw) -> Path:
    path = tmp_path / nama
    path.write_bytes(T.xlsx(rows, **kw))
    return path


def _pesan(hasil) -> str:
    return "\n".join(p["pesan"] for p in hasil["peringatan"])


def _isi_db() -> tuple:
    return (Renstra.objects.count(), Program.objects.count(), Kegiatan.objects.count(),
            SubKegiatan.objects.count(), Indikator.objects.count(),
            TargetIndikator.objects.count(), PaguIndikatif.objects.count(),
            JejakAudit.objects.count())


# --- the sample file ------------------------------------------------------------------------

def test_sample_reads_as_printed():
    t = baca_tabel42(SAMPEL)
    assert t.galat == []
    assert t.tahun == [2025, 2026, 2027, 2028, 2029, 2030]  # read from the header
    assert t.kolom.baseline_tahun == 2024
    assert t.jumlah() == {"program": 2, "kegiatan": 2, "subkegiatan": 7, "indikator": 11}
    # R-01 on the sample: Σ program = the urusan row, every year.
    assert t.pagu_total()[2025] == Decimal("4566240000")
    assert t.pagu_total()[2030] == Decimal("3916573226")
    subs = {n.kode: n for n in t.nodes("subkegiatan")}
    # blank pagu 2026 is NULL, not 0; "Rp0" is 0.
    assert subs["1.06.07.2.01.0003"].pagu[2026] is None
    assert subs["1.06.07.2.01.0005"].pagu[2025] == 0
    lembaga = subs["1.06.02.2.03.0004"].indikator[0]
    assert lembaga.satuan == "Lembaga" and lembaga.baseline == 11
    assert lembaga.target[2029].nilai == 9 and lembaga.target[2029].satuan == "Lembaga"
    assert lembaga.keluaran.startswith("Meningkatnya Kapasitas Lembaga")
    outcome = next(t.nodes("program")).indikator[0]
    assert outcome.satuan == "%" and outcome.uraian.startswith("Persentase PSKS")
    assert [k.kode for k in outcome.grup.kegiatan] == ["1.06.02.2.03"]
    kegiatan = next(t.nodes("kegiatan"))
    assert kegiatan.indikator[0].uraian.startswith("Terpenuhinya Pengembangan")
    assert not any("berbeda dari jumlah" in p.pesan for p in t.peringatan)


def test_sample_imports_from_the_command_line(pd):
    code, r = _cmd(SAMPEL)
    assert code == 0, r["galat"]
    assert {k: r[k] for k in ("program", "kegiatan", "subkegiatan", "indikator")} == {
        "program": 2, "kegiatan": 2, "subkegiatan": 7, "indikator": 11}
    assert r["pagu"] == {"2025": 4566240000, "2026": 3179000000, "2027": 3343672200,
                         "2028": 3536267719, "2029": 3717324626, "2030": 3916573226}
    assert r["galat"] == [] and r["disimpan"] is True
    renstra = Renstra.objects.get(perangkat_daerah=pd)
    assert (renstra.tahun_awal, renstra.tahun_akhir, renstra.tahun_tambahan) == (2025, 2029, 1)
    pg = PaguIndikatif.objects.get(subkegiatan__kode="1.06.07.2.01.0003", tahun=2026)
    assert pg.nilai is None
    assert PaguIndikatif.objects.get(program__kode="1.06.07", tahun=2026).nilai == 792_000_000
    assert any(p["kode"] == "1.06.07.2.01.0003" and "2026" in p["pesan"]
               and "kosong" in p["pesan"] for p in r["peringatan"])


# --- the whole Dinas -------------------------------------------------------------------------

def test_whole_dinas_imports_with_right_counts_and_yearly_totals(pd, master, tmp_path):
    progs = T.dinas_lengkap()
    harap = T.ringkas(progs)
    code, r = _cmd(_tulis(tmp_path, T.baris(progs)))
    assert code == 0, r["galat"]
    assert {k: r[k] for k in harap} == harap
    assert (r["program"], r["kegiatan"], r["subkegiatan"]) == (6, 14, 57)
    # the urusan totals of the seed, 2025…2030.
    assert [r["pagu"][str(t)] for t in T.TAHUN] == T.URUSAN_R01
    renstra = Renstra.objects.get(perangkat_daerah=pd)
    assert renstra.nomenklatur_versi == T.VERSI
    for i, t in enumerate(T.TAHUN):
        db = PaguIndikatif.objects.filter(program__renstra=renstra, tahun=t).aggregate(
            s=Sum("nilai"))["s"]
        assert db == T.URUSAN_R01[i]
        # Σ sub kegiatan = kegiatan, every kegiatan.
        for k in Kegiatan.objects.filter(program__renstra=renstra):
            subs = PaguIndikatif.objects.filter(subkegiatan__kegiatan=k, tahun=t).aggregate(
                s=Sum("nilai"))["s"]
            assert PaguIndikatif.objects.get(kegiatan=k, tahun=t).nilai == subs, (k.kode, t)
    assert Indikator.objects.filter(renstra=renstra).count() == harap["indikator"]
    # Consistent pagu: no Σ warning.
    assert "berbeda dari jumlah" not in _pesan(r)


def test_whole_dinas_warnings_name_the_seed_defects(pd, master, tmp_path):
    code, r = _cmd(_tulis(tmp_path, T.baris(T.dinas_lengkap())))
    assert code == 0
    per_kode = {}
    for p in r["peringatan"]:
        per_kode.setdefault(p["kode"], []).append(p["pesan"])
    #
    assert any("2026" in m and "kosong" in m for m in per_kode["1.06.07.2.01.0003"])
    # units embedded in targets that differ from the indicator's, and "-" targets.
    assert any("'Keluarga'" in m and "'Orang'" in m for m in per_kode["1.06.05.2.02.0006"])
    assert any("'Unit'" in m and "'Orang'" in m for m in per_kode["1.06.06.2.01.0007"])
    assert any("'-'" in m for m in per_kode["1.06.04.2.02.0014"])
    # "Fasilitas … (Puskesmas)" against the master's "Fasilitasi … (Puskesos)".
    assert any("Puskesos" in m for m in per_kode["1.06.02.2.03.0013"])
    # Stored: NULL for "-", the number (with the warning) for a mismatched unit.
    t = TargetIndikator.objects.get(indikator__subkegiatan__kode="1.06.04.2.02.0014",
                                    tahun=2025)
    assert t.nilai is None
    t = TargetIndikator.objects.get(indikator__subkegiatan__kode="1.06.05.2.02.0006",
                                    tahun=2025)
    assert t.nilai == 6363 and t.indikator.satuan == "Orang"
    # Typed the Indonesian way and as a real number alike.
    permakanan = Indikator.objects.get(subkegiatan__kode="1.06.04.2.01.0001")
    assert permakanan.baseline_nilai == 1450 and permakanan.baseline_tahun == 2024
    assert [t.nilai for t in permakanan.target_set.order_by("tahun")] == [
        1500, 1550, 1600, 1650, 1700, 1750]
    assert Indikator.objects.get(subkegiatan__kode="1.06.05.2.02.0001").baseline_nilai == 957844


def test_outcomes_own_their_subset_of_kegiatan(pd, tmp_path):
    """§7.1: Program Penunjang has 4 outcomes, each carried by its own kegiatan."""
    code, r = _cmd(_tulis(tmp_path, T.baris(T.dinas_lengkap())))
    assert code == 0
    outcomes = Indikator.objects.filter(renstra__perangkat_daerah=pd,
                                        program__kode="1.06.01").order_by("urutan")
    terkait = [sorted(k.kode[-4:] for k in o.kegiatan_terkait.all()) for o in outcomes]
    assert terkait == [["2.02", "2.06", "2.08"], ["2.01"], ["2.05"], ["2.07", "2.09"]]
    assert outcomes[1].keluaran == "Meningkatnya keselarasan dokumen perencanaan"
    assert outcomes[1].satuan == "%" and outcomes[1].baseline_nilai == Decimal("89.7")
    assert outcomes[1].desimal == 1
    # Two indicator rows under one outcome / one output (column A blank on the second).
    assert Indikator.objects.filter(renstra__perangkat_daerah=pd,
                                    program__kode="1.06.04").count() == 2
    two = Indikator.objects.filter(subkegiatan__kode="1.06.01.2.01.0006").order_by("urutan")
    assert [i.satuan for i in two] == ["Dokumen", "%"]
    assert two[1].keluaran == two[0].keluaran
    # A kegiatan row's column B is the kegiatan's own indicator.
    assert Indikator.objects.filter(kegiatan__kode="1.06.07.2.01").get().uraian == (
        "Jumlah Area Taman Makam Pahlawan yang dipelihara")


def test_reimport_updates_and_never_duplicates(pd, tmp_path):
    progs = T.dinas_lengkap()
    path = _tulis(tmp_path, T.baris(progs))
    _cmd(path)
    isi = _isi_db()
    code, r = _cmd(path)
    assert code == 0
    assert _isi_db()[:7] == isi[:7]
    assert all(v["baru"] == 0 and v["diubah"] == 0 for v in r["perubahan"].values())
    # Only the import itself is recorded again, no value changed.
    assert JejakAudit.objects.count() == isi[7] + 1

    sub = progs[1].outcome[0].kegiatan[0].sub[0]  # 1.06.02.2.03.0004
    sub.target[0] = "10 Lembaga"
    sub.pagu[1] = sub.pagu[1] + 13_000_000
    code, r = _cmd(_tulis(tmp_path, T.baris(progs), nama="ubah.xlsx"))
    assert code == 0
    assert _isi_db()[:7] == isi[:7]
    assert r["perubahan"]["target"]["diubah"] == 1
    # The sub kegiatan, its kegiatan, the program and … all carry the new 2026 pagu.
    assert r["perubahan"]["pagu"]["diubah"] == 3
    t = TargetIndikator.objects.get(indikator__subkegiatan__kode=sub.kode, tahun=2025)
    assert t.nilai == 10
    jejak = JejakAudit.objects.filter(model="renstra.targetindikator", object_id=str(t.pk),
                                      aksi="ubah").get()
    assert (jejak.nilai_lama, jejak.nilai_baru, jejak.field) == ("8", "10", "nilai")
    assert "Impor Tabel 4.2 (ubah.xlsx)" == jejak.alasan
    pg = PaguIndikatif.objects.get(subkegiatan__kode=sub.kode, tahun=2026)
    assert JejakAudit.objects.filter(model="renstra.paguindikatif", object_id=str(pg.pk),
                                     aksi="ubah", nilai_baru="1000000000").exists()


def test_every_value_written_leaves_an_audit_row(pd, tmp_path):
    code, r = _cmd(_tulis(tmp_path, T.baris(T.dinas_lengkap())))
    assert code == 0
    targets = TargetIndikator.objects.filter(nilai__isnull=False).count()
    pagu = PaguIndikatif.objects.filter(nilai__isnull=False).count()
    assert JejakAudit.objects.filter(model="renstra.targetindikator", aksi="buat").count() == (
        targets)
    assert JejakAudit.objects.filter(model="renstra.paguindikatif", aksi="buat").count() == pagu
    assert JejakAudit.objects.filter(model="renstra.indikator", aksi="buat").count() == (
        Indikator.objects.count())
    assert not JejakAudit.objects.filter(model="renstra.paguindikatif",
                                         nilai_baru__isnull=True).exists()


def test_real_numbers_and_text_as_typed_give_the_same_plan(pd, tmp_path):
    progs = T.dinas_lengkap()
    _cmd(_tulis(tmp_path, T.baris(progs, teks=False), nama="angka.xlsx", merge=False))
    isi = _isi_db()
    code, r = _cmd(_tulis(tmp_path, T.baris(progs), nama="teks.xlsx"))
    assert code == 0
    assert all(v["baru"] == 0 and v["diubah"] == 0 for v in r["perubahan"].values())
    assert _isi_db()[:7] == isi[:7]


def test_code_rows_with_or_without_the_dash(pd, tmp_path):
    progs = T.dinas_lengkap()
    _cmd(_tulis(tmp_path, T.baris(progs)))
    rows = T.baris(progs)
    for r in rows[6:]:
        if isinstance(r[0], str) and " - " in r[0][:25] and r[0][0].isdigit():
            r[0] = r[0].replace(" - ", " ", 1)
    code, hasil = _cmd(_tulis(tmp_path, rows, nama="tanpa-strip.xlsx"))
    assert code == 0, hasil["galat"]
    assert hasil["perubahan"]["subkegiatan"] == {"baru": 0, "diubah": 0, "tetap": 57}
    assert hasil["perubahan"]["program"]["diubah"] == 0


def test_placeholder_and_padded_codes_in_the_table_are_normalised(pd, tmp_path):
    """§6.1: Program Penunjang as X.XX.01 under its bidang row; the zero-padded level digit."""
    progs = T.dinas_lengkap()
    _cmd(_tulis(tmp_path, T.baris(progs)))
    rows = T.baris(progs)
    i = T.cari(rows, "1.06.01 - ")
    rows[i][0] = rows[i][0].replace("1.06.01 - ", "X.XX.01 - ")
    j = T.cari(rows, "1.06.04.2.01.0001")
    rows[j][0] = rows[j][0].replace("1.06.04.2.01.0001", "1.06.04.02.01.0001")
    code, r = _cmd(_tulis(tmp_path, rows, nama="varian.xlsx"))
    assert code == 0, r["galat"]
    assert r["perubahan"]["program"] == {"baru": 0, "diubah": 0, "tetap": 6}
    assert r["perubahan"]["subkegiatan"] == {"baru": 0, "diubah": 0, "tetap": 57}


def test_a_separate_code_column_and_other_header_wordings(pd, tmp_path):
    """T-C.27-like layout: codes in their own KODE column, years written "Tahun ke-1 (2025)",
    "Target"/"Rp" under each year, no column-number row."""
    from renstra.kode import pisah_kode_nama, tampak_seperti_kode

    progs = T.dinas_lengkap()
    _cmd(_tulis(tmp_path, T.baris(progs)))
    rows = T.baris(progs)
    baru = []
    for i, r in enumerate(rows):
        if i == 5:
            continue  # no "(01)…" row
        kode = None
        if i >= 6 and tampak_seperti_kode(r[0]):
            kode, r[0] = pisah_kode_nama(r[0])
        baru.append([kode] + list(r))
    baru[2][0] = "Kode"
    for j, t in enumerate(T.TAHUN):
        baru[3][4 + 2 * j] = f"Tahun ke-{j + 1} ({t})"
        baru[4][4 + 2 * j], baru[4][5 + 2 * j] = "Target", "Rp"
    code, r = _cmd(_tulis(tmp_path, baru, nama="kode-terpisah.xlsx", merge=False))
    assert code == 0, r["galat"]
    assert r["tahun"] == T.TAHUN
    assert all(v["baru"] == 0 and v["diubah"] == 0 for v in r["perubahan"].values()), (
        r["perubahan"])


def test_years_are_read_from_the_header_for_a_three_year_period(pd, tmp_path):
    """§8.2: an RPD-transition Renstra 2024–2026 has three year columns and no extra year."""
    progs = T.dinas_lengkap()
    for p in progs:
        for o in p.outcome:
            o.target = o.target[:3]
            for k in o.kegiatan:
                for s in k.sub:
                    s.target, s.pagu = s.target[:3], s.pagu[:3]
    rows = T.baris(progs, tahun=[2024, 2025, 2026], baseline_tahun=2023)
    code, r = _cmd(_tulis(tmp_path, rows, merge=False), periode="2024-2026")
    assert code == 0, r["galat"]
    assert r["tahun"] == [2024, 2025, 2026] and list(r["pagu"]) == ["2024", "2025", "2026"]
    renstra = Renstra.objects.get(perangkat_daerah=pd)
    assert renstra.tahun_tambahan == 0
    assert Indikator.objects.filter(baseline_tahun=2023).exists()


@pytest.mark.parametrize(
    ("periode", "pesan"),
    [
        ("2025-2030", None),
        ("2026-2030", "sebelum periode"),
        ("2025-2031", "2031 tidak ada di judul"),
        ("2025-2027", "paling banyak dua tahun tambahan"),
    ],
)
def test_the_period_must_match_the_year_columns(pd, tmp_path, periode, pesan):
    path = _tulis(tmp_path, T.baris(T.dinas_lengkap()))
    code, r = _cmd(path, "--dry-run", periode=periode)
    if pesan is None:
        assert code == 0 and r["tahun"] == T.TAHUN
    else:
        assert code == 1 and pesan in r["galat"][0]["pesan"]
        assert r["galat"][0]["baris"] == 4  # the row of the year headers


def test_dry_run_writes_nothing(pd, tmp_path):
    isi = _isi_db()
    code, r = _cmd(_tulis(tmp_path, T.baris(T.dinas_lengkap())), "--dry-run")
    assert code == 0 and r["dry_run"] is True and r["disimpan"] is False
    assert r["perubahan"]["subkegiatan"]["baru"] == 57
    assert _isi_db() == isi


# --- warnings ------------------------------------------------------------------------------

def test_parent_pagu_that_differs_from_its_children_is_named_with_year_and_amounts(pd, tmp_path):
    progs = T.dinas_lengkap()
    rows = T.baris(progs, override={
        "1.06.02": {2027: 2_500_000_000},
        "1.06.04.2.01": {2025: 8_300_000_000},
        "1.06": {2030: 1},
    })
    code, r = _cmd(_tulis(tmp_path, rows))
    assert code == 0
    pesan = {p["kode"]: p["pesan"] for p in r["peringatan"] if "berbeda dari jumlah" in p["pesan"]}
    assert "Pagu 2027 program 1.06.02 Rp 2.500.000.000 berbeda dari jumlah kegiatannya " \
           "Rp 2.510.646.600 (selisih -Rp 10.646.600)." == pesan["1.06.02"]
    assert "Pagu 2025" in pesan["1.06.04.2.01"] and "Rp 8.300.000.000" in pesan["1.06.04.2.01"]
    assert "Rp 8.400.000.000" in pesan["1.06.04.2.01"]
    assert "Pagu 2030 bidang urusan 1.06 Rp 1 berbeda" in pesan["1.06"]
    # The file is the truth: the printed parent value is stored, and warned about.
    assert PaguIndikatif.objects.get(program__kode="1.06.02", tahun=2027).nilai == 2_500_000_000


def test_outcome_pagu_is_checked_against_its_own_kegiatan(pd, tmp_path):
    progs = T.dinas_lengkap()
    rows = T.baris(progs, override={"outcome:Meningkatnya profesionalitas ASN": {2025: 5}})
    code, r = _cmd(_tulis(tmp_path, rows), "--dry-run")
    assert code == 0
    assert any("outcome 'Meningkatnya profesionalitas ASN'" in p["pesan"]
               and "(1.06.01.2.05) Rp 231.554.000" in p["pesan"] for p in r["peringatan"])


def test_codes_missing_from_the_master_or_from_another_version(pd, master, tmp_path):
    Nomenklatur.objects.create(kode="1.06.06.2.01.0003", level="subkegiatan",
                               nama="Penyediaan Tempat Penampungan Pengungsi",
                               versi="Kepmendagri 050-5889/2021", berlaku_mulai=2021,
                               berlaku_sampai=2024)
    progs = T.dinas_lengkap()
    bencana = progs[4].outcome[0].kegiatan[0]
    bencana.sub[4].kode = "1.06.06.2.01.0003"  # the LKIP 2024 number of §6.1's table
    bencana.sub[3].kode = "1.06.06.2.01.0099"
    code, r = _cmd(_tulis(tmp_path, T.baris(progs)), "--dry-run")
    assert code == 0
    per_kode = {p["kode"]: p["pesan"] for p in r["peringatan"] if "nomenklatur" in p["pesan"]}
    assert "tidak ada di nomenklatur Kepmendagri 900.1-2850/2025; ada di versi Kepmendagri " \
           "050-5889/2021" in per_kode["1.06.06.2.01.0003"]
    assert "berkode 1.06.06.2.01.0007" in per_kode["1.06.06.2.01.0003"]
    assert "tidak ada di master nomenklatur" in per_kode["1.06.06.2.01.0099"]


def test_without_a_master_one_warning_says_so(pd, tmp_path):
    code, r = _cmd(SAMPEL, "--dry-run")
    assert code == 0
    assert sum("Master nomenklatur belum dimuat" in p["pesan"] for p in r["peringatan"]) == 1


def test_an_unknown_nomenklatur_version_is_said_once(pd, master):
    code, r = _cmd(SAMPEL, "--dry-run", "--nomenklatur", "Kepmendagri 1/2099")
    assert code == 0
    pesan = [p["pesan"] for p in r["peringatan"] if "nomenklatur" in p["pesan"].lower()]
    assert pesan == ["Versi nomenklatur 'Kepmendagri 1/2099' tidak ada di master; kode tidak "
                     "dapat diperiksa."]


def test_blank_targets_and_baseline_are_warned_and_stored_as_null(pd, tmp_path):
    progs = T.dinas_lengkap()
    sub = progs[5].outcome[0].kegiatan[0].sub[1]  # 1.06.07.2.01.0002
    sub.target[2] = None
    sub.baseline = None
    code, r = _cmd(_tulis(tmp_path, T.baris(progs)))
    assert code == 0
    pesan = [p["pesan"] for p in r["peringatan"] if p["kode"] == sub.kode]
    assert any("Target 2027" in m and "kosong" in m for m in pesan)
    assert any("Baseline" in m and "kosong" in m for m in pesan)
    ind = Indikator.objects.get(subkegiatan__kode=sub.kode)
    assert ind.baseline_nilai is None and ind.baseline_tahun is None
    assert ind.target_set.get(tahun=2027).nilai is None


# --- refusals ------------------------------------------------------------------------------

def test_a_broken_copy_is_refused_whole_and_each_error_is_named(pd, tmp_path):
    rows = T.baris(T.dinas_lengkap())
    # (1) a malformed number in a pagu cell
    i_pagu = T.cari(rows, "1.06.02.2.03.0004") + 1
    rows[i_pagu][6] = "Rp987.000.00"
    # (2) a code that is not a code
    i_kode = T.cari(rows, "1.06.05.2.02.0004")
    rows[i_kode][0] = "1.06.05.2.02.00x4 - Fasilitasi Bantuan Pengembangan Ekonomi Masyarakat"
    # (3) a row out of the hierarchy: a sub kegiatan of 1.06.04.2.01 under 1.06.06.2.02
    i_luar = T.cari(rows, "1.06.06.2.02.0005")
    rows[i_luar][0] = "1.06.04.2.01.0015 - Sub kegiatan salah tempat"
    # (4) a malformed number in a target cell ("12.5" is neither 12,5 nor 125)
    i_target = T.cari(rows, "1.06.07.2.01.0001") + 1
    rows[i_target][9] = "12.5 Dokumen"
    path = _tulis(tmp_path, rows)
    isi = _isi_db()
    code, r = _cmd(path)
    assert code == 1
    assert _isi_db() == isi and r["disimpan"] is False
    galat = {(g["baris"], g["kolom"]): g for g in r["galat"]}
    assert set(galat) == {(i_pagu + 1, "G"), (i_kode + 1, "A"), (i_luar + 1, "A"),
                          (i_target + 1, "J")}
    assert galat[(i_pagu + 1, "G")]["judul_kolom"] == "Pagu 2026"
    assert "Rp987.000.00" in galat[(i_pagu + 1, "G")]["pesan"]
    assert "tidak diawali kode" in galat[(i_kode + 1, "A")]["pesan"]
    assert "keluar dari hierarki" in galat[(i_luar + 1, "A")]["pesan"]
    assert "1.06.04.2.01" in galat[(i_luar + 1, "A")]["pesan"]
    assert galat[(i_target + 1, "J")]["judul_kolom"] == "Target 2028"
    # Counts are still what the file holds (the readable part).
    assert r["program"] == 6


def test_refused_import_prints_each_error_on_stderr_and_exits_1(pd, tmp_path):
    rows = T.baris(T.dinas_lengkap())
    rows[T.cari(rows, "1.06.02.2.03.0004") + 1][4] = "4.8294.89.225"
    err = io.StringIO()
    with pytest.raises(SystemExit) as exc:
        call_command("import_renstra", str(_tulis(tmp_path, rows)), "--pd", pd.slug,
                     "--periode", "2025-2029", stdout=io.StringIO(), stderr=err)
    assert exc.value.code == 1
    assert "Impor ditolak; tidak ada data yang disimpan" in err.getvalue()
    assert "kolom E (Pagu 2025)" in err.getvalue() and "4.8294.89.225" in err.getvalue()


def test_indicator_row_before_any_program_and_duplicate_codes(pd, tmp_path):
    rows = T.baris(T.dinas_lengkap())
    urusan = T.cari(rows, "1.06 - ")
    rows.insert(urusan, [None, "Indikator yatim (Orang)", "1", "2 Orang"] + [None] * 12)
    dua = T.cari(rows, "1.06.07.2.01.0001")
    rows.insert(dua, list(rows[T.cari(rows, "1.06.07.2.01.0002")]))
    code, r = _cmd(_tulis(tmp_path, rows))
    assert code == 1
    pesan = [g["pesan"] for g in r["galat"]]
    assert any("sebelum baris kode program" in m for m in pesan)
    assert any("sudah ada di baris" in m for m in pesan)


def test_unreadable_files_and_headers_are_refused(pd, tmp_path):
    bukan = tmp_path / "bukan.xlsx"
    bukan.write_bytes(b"ini bukan excel")
    code, r = _cmd(bukan)
    assert code == 1 and "tidak dapat dibaca sebagai .xlsx" in r["galat"][0]["pesan"]
    rows = T.baris(T.dinas_lengkap())
    rows[3] = [None] * len(rows[3])  # no year headers
    code, r = _cmd(_tulis(tmp_path, rows, merge=False))
    assert code == 1 and "Judul kolom tahun" in r["galat"][0]["pesan"]
    rows = T.baris(T.dinas_lengkap())
    rows[3][5] = "2025"  # the 2026 header typed as 2025 again (seed G-04)
    code, r = _cmd(_tulis(tmp_path, rows, merge=False))
    assert code == 1 and "Tahun 2025 muncul dua kali" in r["galat"][0]["pesan"]


def test_usage_errors_exit_2(pd, tmp_path):
    for args in (["/tidak/ada.xlsx", "--pd", pd.slug, "--periode", "2025-2029"],
                 [str(SAMPEL), "--pd", "tidak-ada", "--periode", "2025-2029"],
                 [str(SAMPEL), "--pd", pd.slug, "--periode", "2025"]):
        with pytest.raises(CommandError) as exc:
            call_command("import_renstra", *args)
        assert exc.value.returncode == 2


def test_another_period_of_an_existing_renstra_is_refused(pd, tmp_path):
    assert _cmd(SAMPEL)[0] == 0
    code, r = _cmd(SAMPEL, periode="2025-2028")
    assert code == 1 and "sudah memiliki Renstra 2025–2029" in r["galat"][0]["pesan"]


def test_a_failure_while_writing_leaves_nothing(pd, tmp_path, monkeypatch):
    isi = _isi_db()

    def rusak(*args, **kwargs):
        raise RuntimeError("disk penuh")

    monkeypatch.setattr(PaguIndikatif.objects, "bulk_create", rusak)
    with pytest.raises(RuntimeError):
        impor_tabel42(SAMPEL, pd, tahun_awal=2025, tahun_akhir=2029)
    assert _isi_db() == isi


# --- outcome rows after a sub kegiatan --------------------------------------------------------

def test_second_output_of_a_sub_kegiatan_is_not_taken_for_an_outcome(pd, tmp_path):
    """A new column-A text after a sub kegiatan's output belongs to that sub kegiatan unless a
    kegiatan of the same program follows (then it opens the program's next outcome, §7.1)."""
    rows = T.baris(T.dinas_lengkap())
    i = T.cari(rows, "1.06.04.2.01.0001") + 2
    rows.insert(i, [f"Output kedua {i}", "Jumlah keluarga yang didampingi (Keluarga)", "1"]
                + ["5 Keluarga", None] * 6 + [None])
    code, r = _cmd(_tulis(tmp_path, rows))
    assert code == 0, r["galat"]
    assert Indikator.objects.filter(subkegiatan__kode="1.06.04.2.01.0001").count() == 2
    assert Indikator.objects.filter(renstra__perangkat_daerah=pd,
                                    program__kode="1.06.04").count() == 2


def test_a_reimport_that_renames_moves_the_row_version(pd, tmp_path):
    """An edit form opened before the import must find its version stale (sakip/versi.py)."""
    progs = T.dinas_lengkap()
    _cmd(_tulis(tmp_path, T.baris(progs)))
    sub = progs[1].outcome[0].kegiatan[0].sub[0]
    lain = set(SubKegiatan.objects.exclude(kode=sub.kode).values_list("pk", "row_version"))
    sebelum = SubKegiatan.objects.get(kode=sub.kode).row_version
    sub.nama = sub.nama + " Terpadu"
    code, r = _cmd(_tulis(tmp_path, T.baris(progs), nama="ganti-nama.xlsx"))
    assert code == 0 and r["perubahan"]["subkegiatan"]["diubah"] == 1
    assert SubKegiatan.objects.get(kode=sub.kode).row_version == sebelum + 1
    assert set(SubKegiatan.objects.exclude(kode=sub.kode).values_list("pk", "row_version")) == lain


def test_the_preview_marks_exactly_the_unit_mismatches_the_warnings_name(tmp_path):
    """One rule for both: a cell is marked when (and only when) its unit differs from the
    indicator's by the check that writes the warning ("Persen" = "%")."""
    t = baca_tabel42(_tulis(tmp_path, T.baris(T.dinas_lengkap())))
    ditandai = {(n.kode, y) for n in t.nodes("subkegiatan") for ind in n.indikator
                for y, v in ind.target.items() if v.beda_satuan}
    diperingatkan = {p.kode for p in t.peringatan if "bersatuan" in p.pesan}
    assert ditandai and {kode for kode, _ in ditandai} == diperingatkan
    for n in t.nodes("subkegiatan"):
        for ind in n.indikator:
            for v in ind.target.values():
                if v.satuan and v.satuan.casefold() in ("persen", "%") and ind.satuan == "%":
                    assert not v.beda_satuan
