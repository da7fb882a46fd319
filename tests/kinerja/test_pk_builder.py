"""The PK builder: from the Renstra, TW validation (§2.4), submit → ditetapkan (locked),
revision with a reason and history, and who may do what."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kinerja.models import Jenjang, PerjanjianKinerja, PKIndikator
from kinerja.pk import selectors as pk_selectors
from kinerja.pk import services as pk_services
from renstra import services as renstra_services
from renstra.models import Indikator, Program
from sakip.models import Bidang, JejakAudit

SLUG = "dinsos-gowa"


@pytest.fixture
def users(demo, django_user_model):
    return {u.username: u for u in django_user_model.objects.all()}


def _buat(client, **data):
    base = {"tahun": "2025", "jenjang": Jenjang.JPT_PRATAMA, "isi_dari_renstra": "on"}
    base.update(data)
    return client.post(reverse("kinerja:pk-buat", args=[SLUG]), base)


def test_buat_from_renstra_takes_iku_target_and_supporting_programs(demo, client_as, users):
    for kode, nilai in [("1.06.02", "90000000"), ("1.06.04", "250000000")]:
        program = Program.objects.get(renstra__perangkat_daerah=demo, kode=kode)
        renstra_services.pagu_indikatif_save(
            entri=[renstra_services.EntriPagu(program, 2025, Decimal(nilai))],
            user=users["perencana"])
    c = client_as("perencana")
    r = _buat(c)
    assert r.status_code == 302
    pk = PerjanjianKinerja.objects.get(perangkat_daerah=demo, tahun=2025)
    assert (pk.status, pk.versi, pk.jenis) == ("draft", 1, "induk")
    # Signatories from Pengaturan kantor › Pejabat on the PK's date: Kepala Dinas → Bupati Gowa
    # (Kabupaten → "Bupati"); read, not copied into the draft.
    pihak = pk_selectors.pk_pihak(pk)
    assert pihak.pertama["nip"] == "197106281993031012"
    assert pihak.kedua["jabatan"] == "Bupati Gowa"
    assert not pihak.kurang
    lines = list(pk.indikator_set.select_related("indikator"))
    assert [(x.indikator.is_iku, x.target_tahunan) for x in lines] == [(True, Decimal("600"))]
    anggaran = {a.program.kode: a.anggaran for a in pk.anggaran_set.select_related("program")}
    assert anggaran == {"1.06.02": Decimal("90000000"), "1.06.04": Decimal("250000000")}
    # Programs without any 2025 pagu are named in a warning, not added as zero.
    html = c.get(reverse("kinerja:pk-isi", args=[SLUG, pk.pk])).content.decode()
    assert "1.06.05 Program Perlindungan dan Jaminan Sosial belum memiliki pagu 2025" in html


def test_buat_administrator_for_a_bidang_uses_program_outcomes_and_dpa(demo, client_as):
    prs = Bidang.objects.get(perangkat_daerah=demo, singkatan="PRS")
    r = _buat(client_as("perencana"), tahun="2024", jenjang=Jenjang.ADMINISTRATOR,
              bidang=str(prs.pk))
    assert r.status_code == 302
    pk = PerjanjianKinerja.objects.get(perangkat_daerah=demo, tahun=2024,
                                       jenjang=Jenjang.ADMINISTRATOR)
    targets = {x.indikator.uraian: x.target_tahunan
               for x in pk.indikator_set.select_related("indikator")}
    assert targets == {"Persentase PPKS yang Mendapatkan Pelayanan Rehabilitasi": Decimal("13"),
                       "Persentase PPKS yang Memperoleh Bantuan Pangan": Decimal("9")}
    rows = [(a.kegiatan.kode, a.anggaran) for a in pk.anggaran_set.select_related("kegiatan")]
    assert rows == [("1.06.04.2.01", Decimal("234292000"))]  # DPA 2024 (Tabel 3.7)
    # The Kepala is not copied into the draft: it is read from Pengaturan kantor › Pejabat on
    # the PK's date and frozen at penetapan.
    assert pk.pihak_kedua_nama == ""
    assert pk_selectors.pk_pihak(pk).kedua["nama"] == "Drs. H. Firdaus, S.Ag, M.Si"
    assert pk.pihak_pertama_jabatan == "Kepala Bidang Pelayanan dan Rehabilitasi Sosial"


def test_buat_refuses_a_second_pk_for_the_same_year_and_level(demo, client_as):
    r = _buat(client_as("perencana"), tahun="2024")
    assert r.status_code == 400
    assert "sudah ada (versi 2, ditetapkan)" in r.content.decode()


def _pk_draf(demo, users):
    pk = pk_services.pk_create(perangkat_daerah=demo, tahun=2025, jenjang=Jenjang.JPT_PRATAMA,
                            user=users["perencana"],
                            **pk_selectors.pk_pihak_default(demo, Jenjang.JPT_PRATAMA))
    pk_services.pk_fill_from_renstra(pk=pk, user=users["perencana"])
    return pk


def _isi(client, pk, **over):
    line = pk.indikator_set.get()
    data = {"h-pihak_pertama_nama": pk.pihak_pertama_nama,
            "h-pihak_pertama_nip": pk.pihak_pertama_nip,
            f"i-{line.pk}-target": "1.250,5", f"i-{line.pk}-mode": "per_triwulan",
            f"i-{line.pk}-tw1": "300", f"i-{line.pk}-tw2": "300,5", f"i-{line.pk}-tw3": "300",
            f"i-{line.pk}-tw4": "350"}
    data.update(over)
    return client.post(reverse("kinerja:pk-isi", args=[SLUG, pk.pk]), data), line


def test_isi_saves_indonesian_numbers_and_audits(demo, users, client_as):
    pk = _pk_draf(demo, users)
    r, line = _isi(client_as("perencana"), pk)
    assert r.status_code == 302, r.content.decode()
    line.refresh_from_db()
    assert line.target_tahunan == Decimal("1250.5")
    assert line.target_tw_list == [Decimal("300"), Decimal("300.5"), Decimal("300"),
                                   Decimal("350")]
    jejak = JejakAudit.objects.get(model="kinerja.pkindikator", field="target_tahunan",
                                   aksi="ubah")
    assert (jejak.nilai_lama, jejak.nilai_baru) == ("600", "1250.5")


def test_isi_refuses_tw_sum_that_differs_and_saves_nothing(demo, users, client_as):
    pk = _pk_draf(demo, users)
    r, line = _isi(client_as("perencana"), pk, **{f"i-{pk.indikator_set.get().pk}-tw4": "400",
                                                  "h-nomor": "800/PK/2025"})
    assert r.status_code == 400
    html = r.content.decode()
    assert ("Jumlah target TW I–IV (1.300,5 Orang) harus sama dengan target tahunan "
            "(1.250,5 Orang)") in html
    line.refresh_from_db()
    pk.refresh_from_db()
    assert line.target_tahunan == Decimal("600") and pk.nomor == ""


def test_isi_cumulative_mode_checks_tw4_equals_annual(demo, users, client_as):
    pk = _pk_draf(demo, users)
    lpk = pk.indikator_set.get().pk
    r, line = _isi(client_as("perencana"), pk, **{
        f"i-{lpk}-mode": "kumulatif", f"i-{lpk}-tw1": "300", f"i-{lpk}-tw2": "600",
        f"i-{lpk}-tw3": "900", f"i-{lpk}-tw4": "1.250,5"})
    assert r.status_code == 302
    r, line = _isi(client_as("perencana"), pk, **{
        f"i-{lpk}-mode": "kumulatif", f"i-{lpk}-tw1": "300", f"i-{lpk}-tw2": "200",
        f"i-{lpk}-tw3": "900", f"i-{lpk}-tw4": "1.250,5"})
    assert r.status_code == 400
    assert "tidak boleh menurun" in r.content.decode()


def test_isi_bad_number_names_the_cell(demo, users, client_as):
    pk = _pk_draf(demo, users)
    lpk = pk.indikator_set.get().pk
    r, _ = _isi(client_as("perencana"), pk, **{f"i-{lpk}-tw2": "30.05"})
    assert r.status_code == 400
    assert "Angka &#x27;30.05&#x27; tidak dapat dibaca" in r.content.decode()


def test_isi_bad_nip_names_the_signatories_and_saves_nothing(demo, users, client_as):
    pk = _pk_draf(demo, users)
    r, line = _isi(client_as("perencana"), pk, **{"h-pihak_pertama_nip": "1971"})
    assert r.status_code == 400
    html = r.content.decode()
    assert "Periksa isian pihak pertama/kedua." in html and "NIP harus 18 digit" in html
    line.refresh_from_db()
    assert line.target_tahunan == Decimal("600")


def test_isi_anggaran_cells_are_required_and_not_negative(demo, users, client_as):
    pk = _pk_draf(demo, users)
    row = pk.anggaran_set.create(program=Program.objects.get(
        renstra__perangkat_daerah=demo, kode="1.06.02"), anggaran=Decimal(5), urutan=1)
    c = client_as("perencana")
    r, _ = _isi(c, pk, **{f"a-{row.pk}-anggaran": "", f"a-{row.pk}-ket": "x"})
    assert r.status_code == 400
    assert "Anggaran wajib diisi (hapus barisnya bila tidak dipakai)." in r.content.decode()
    r, _ = _isi(c, pk, **{f"a-{row.pk}-anggaran": "-1"})
    assert "Anggaran tidak boleh negatif." in r.content.decode()
    r, _ = _isi(c, pk, **{f"a-{row.pk}-anggaran": "Rp 1.500.000", f"a-{row.pk}-ket": "APBD"})
    assert r.status_code == 302
    row.refresh_from_db()
    assert (row.anggaran, row.keterangan) == (Decimal("1500000"), "APBD")


def test_pk_save_is_all_or_nothing_and_refuses_a_pk_no_longer_draft(demo, users):
    pk = _pk_draf(demo, users)
    line = pk.indikator_set.select_related("indikator").get()
    jejak = JejakAudit.objects.count()
    isi = pk_services.IsiIndikator(indikator=line.indikator, target_tahunan=Decimal(10),
                                   target_tw=(Decimal(1), Decimal(1), Decimal(1), Decimal(1)))
    with pytest.raises(ValidationError) as e:
        pk_services.pk_save(pk=pk, header={"nomor": "1/PK"}, indikator=[isi])
    assert list(e.value.message_dict) == [("indikator", 0)]
    pk.refresh_from_db()
    assert pk.nomor == "" and JejakAudit.objects.count() == jejak
    # Submitted meanwhile: the page's stale draft is refused as a whole.
    stale = PerjanjianKinerja.objects.get(pk=pk.pk)
    pk_services.pk_submit(pk=pk, user=users["perencana"])
    with pytest.raises(ValidationError, match="sedang diajukan"):
        pk_services.pk_save(pk=stale, header={"nomor": "1/PK"})


def test_tambah_lines_by_form(demo, users, client_as):
    pk = _pk_draf(demo, users)
    c = client_as("perencana")
    url = reverse("kinerja:pk-anggaran-tambah", args=[SLUG, pk.pk])
    r = c.post(url, {"pemilik": "program:x"}, follow=True)
    assert "Pilih program/kegiatan/sub kegiatan yang akan ditambahkan." in r.content.decode()
    program = Program.objects.get(renstra__perangkat_daerah=demo, kode="1.06.01")
    r = c.post(url, {"pemilik": f"program:{program.pk}", "anggaran": "2.500.000"})
    assert r.status_code == 302
    assert pk.anggaran_set.get(program=program).anggaran == Decimal("2500000")
    url = reverse("kinerja:pk-indikator-tambah", args=[SLUG, pk.pk])
    r = c.post(url, {"indikator": "abc"}, follow=True)
    assert "Pilih indikator yang akan ditambahkan." in r.content.decode()
    ind = Indikator.objects.filter(renstra__perangkat_daerah=demo, program__isnull=False).first()
    assert c.post(url, {"indikator": str(ind.pk)}).status_code == 302
    assert pk.indikator_set.get(indikator=ind).urutan == 2


def test_ajukan_tetapkan_locks_and_revisi_keeps_history(demo, users, client_as):
    pk = _pk_draf(demo, users)
    perencana, kepala = client_as("perencana"), client_as("kepala")
    assert perencana.post(reverse("kinerja:pk-ajukan", args=[SLUG, pk.pk])).status_code == 302
    pk.refresh_from_db()
    assert pk.status == "diajukan"
    # While submitted the planner cannot edit; the builder sends them to the read-only page.
    assert perencana.get(reverse("kinerja:pk-isi", args=[SLUG, pk.pk])).status_code == 302
    # The planner cannot ditetapkan, the Kepala can.
    assert perencana.post(reverse("kinerja:pk-tetapkan", args=[SLUG, pk.pk])).status_code == 403
    r = kepala.post(reverse("kinerja:pk-tetapkan", args=[SLUG, pk.pk]),
                    {"tanggal": "2025-01-31", "nomor": "800/12/DINSOS/2025"})
    assert r.status_code == 302
    pk.refresh_from_db()
    assert (pk.status, pk.tanggal, pk.ditetapkan_oleh) == (
        "ditetapkan", datetime.date(2025, 1, 31), users["kepala"])
    # Immutable: the service refuses, and the page shows it read-only.
    with pytest.raises(ValidationError, match="sudah ditetapkan"):
        pk_services.pk_indikator_set(pk=pk, indikator=pk.indikator_set.get().indikator,
                                  target_tahunan=Decimal(1))
    html = perencana.get(reverse("kinerja:pk-detail", args=[SLUG, pk.pk])).content.decode()
    assert "tidak dapat diubah" in html and "Ubah isi" not in html
    # A revision needs one of the three reasons, a date and a number.
    url = reverse("kinerja:pk-revisi", args=[SLUG, pk.pk])
    r = perencana.post(url, {"alasan": "lain", "alasan_uraian": "x", "tanggal": "2025-07-01",
                             "nomor": "1"})
    assert r.status_code == 400
    r = perencana.post(url, {"alasan": "perubahan_strategi",
                             "alasan_uraian": "APBD Perubahan 2025", "tanggal": "2025-09-15",
                             "nomor": "800/99/DINSOS/2025"})
    assert r.status_code == 302
    baru = PerjanjianKinerja.objects.get(perangkat_daerah=demo, tahun=2025, versi=2)
    assert (baru.jenis, baru.status, baru.sebelumnya, baru.alasan) == (
        "perubahan", "draft", pk, "perubahan_strategi")
    assert baru.indikator_set.get().target_tahunan == Decimal("600")
    html = perencana.get(reverse("kinerja:pk-detail", args=[SLUG, baru.pk])).content.decode()
    assert "Versi 1" in html and "Versi 2" in html and "APBD Perubahan 2025" in html
    assert "800/99/DINSOS/2025" in html


def test_realisasi_stay_attached_to_the_old_version(demo, client_as):
    """Demo: PK 2024 v2 carries the IKU with its four verified quarters; a revision (v3) does
    not move them."""
    v2 = PerjanjianKinerja.objects.get(perangkat_daerah=demo, tahun=2024, versi=2)
    r = client_as("perencana").post(reverse("kinerja:pk-revisi", args=[SLUG, v2.pk]), {
        "alasan": "mutasi_pejabat", "alasan_uraian": "Kepala Dinas baru",
        "tanggal": "2024-10-01", "nomor": "800/1/2024"})
    assert r.status_code == 302
    line_v2 = PKIndikator.objects.get(perjanjian=v2)
    assert line_v2.realisasi_set.count() == 4
    v3 = PerjanjianKinerja.objects.get(perangkat_daerah=demo, tahun=2024, versi=3)
    assert v3.indikator_set.get().realisasi_set.count() == 0
    html = client_as("perencana").get(
        reverse("kinerja:pk-detail", args=[SLUG, v2.pk])).content.decode()
    assert "Realisasi tercatat" in html


def test_hapus_line_with_realisasi_is_refused(demo, users):
    v2 = PerjanjianKinerja.objects.get(perangkat_daerah=demo, tahun=2024, versi=2)
    v3 = pk_services.pk_revise(pk=v2, alasan="mutasi_pejabat", user=users["perencana"])
    line = v3.indikator_set.get()
    pk_services.pk_indikator_delete(line=line, user=users["perencana"])  # no realisasi on v3
    assert not v3.indikator_set.exists()
    with pytest.raises(ValidationError, match="sudah ditetapkan"):
        pk_services.pk_indikator_delete(line=v2.indikator_set.get(), user=users["perencana"])


@pytest.mark.parametrize("user", ["staf.rehsos", "inspektorat"])
def test_staf_and_inspektorat_cannot_change_a_pk(demo, users, client_as, user):
    pk = _pk_draf(demo, users)
    c = client_as(user)
    line = pk.indikator_set.get()
    assert c.get(reverse("kinerja:pk-detail", args=[SLUG, pk.pk])).status_code == 200
    for name, kw in [("kinerja:pk-isi", {}), ("kinerja:pk-ajukan", {}),
                     ("kinerja:pk-tetapkan", {}), ("kinerja:pk-revisi", {}),
                     ("kinerja:pk-indikator-hapus", {"line": line.pk})]:
        r = c.post(reverse(name, kwargs={"slug": SLUG, "pk": pk.pk, **kw}),
                   {f"i-{line.pk}-target": "1"})
        assert r.status_code == 403, name
    line.refresh_from_db()
    pk.refresh_from_db()
    assert line.target_tahunan == Decimal("600") and pk.status == "draft"


def test_detail_page_runs_fixed_queries(demo, users, client_as, django_assert_max_num_queries):
    pk = PerjanjianKinerja.objects.get(perangkat_daerah=demo, tahun=2024, versi=2)
    c = client_as("perencana")
    url = reverse("kinerja:pk-detail", args=[SLUG, pk.pk])
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        c.get(url)
    ind = Indikator.objects.filter(renstra__perangkat_daerah=demo, program__isnull=False)
    for i, x in enumerate(ind, start=10):
        PKIndikator.objects.create(perjanjian=pk, indikator=x, target_tahunan=i, urutan=i)
    for p in Program.objects.filter(renstra__perangkat_daerah=demo, kode__in=["1.06.01",
                                                                              "1.06.07"]):
        pk.anggaran_set.create(program=p, anggaran=Decimal(1), urutan=9)
    with CaptureQueriesContext(connection) as big:
        c.get(url)
    assert len(small.captured_queries) == len(big.captured_queries)
