"""Officials with periods of office, and the documents that print them.

Rule: a document prints the Kepala and the kepala daerah in office on its date (the PK's
tanggal or 1 January of its year; the LKjIP's penetapan date or its report date), so a change
of Kepala in mid-2025 leaves every 2024 document as it was; penetapan of a PK or an LKjIP
without them is refused with what is missing.
"""

import datetime
import shutil
import subprocess

import pytest
from django.core.exceptions import ValidationError

from kinerja.models import PerjanjianKinerja
from kinerja.pk import dokumen as pk_dokumen
from kinerja.pk import selectors as pk_selectors
from kinerja.pk import services as pk_services
from laporan import services as laporan_services
from laporan.builder import bangun_lkjip
from laporan.models import LaporanKinerja
from sakip.kantor import services
from sakip.kantor.selectors import pejabat_penandatangan
from sakip.lib.nip import galat_nip
from sakip.models import JejakAudit, JenisPejabat, Pejabat, PerangkatDaerah
from tests.factories import PejabatFactory, PerangkatDaerahFactory, PKIndikatorFactory

FIRDAUS = "Drs. H. Firdaus, S.Ag, M.Si"
BARU = {"nama": "Dr. Andi Baru, M.Si", "nip": "197805122003121002",
        "pangkat": "Pembina Tingkat I/IV.b", "jabatan": "Kepala Dinas Sosial",
        "mulai": datetime.date(2025, 7, 1)}


@pytest.mark.parametrize(("nip", "sah"), [
    ("197106281993031012", True),
    ("19710628 199303 1 012", False),  # forms clean spaces first (bersihkan_nip)
    ("19710628199303101", False),      # 17 digits
    ("197113281993031012", False),     # month 13 of birth
    ("197106281993131012", False),     # month 13 of appointment
    ("197106281993033012", False),     # sex digit 3
    ("19710628199303101X", False),
])
def test_nip_layout(nip, sah):
    assert (galat_nip(nip) is None) is sah


def test_kepala_needs_nip_pangkat_jabatan(demo, users):
    with pytest.raises(ValidationError) as e:
        services.pejabat_create(jenis=JenisPejabat.KEPALA_PD, perangkat_daerah=demo,
                                data={"nama": "Tanpa NIP", "mulai": datetime.date(2030, 1, 1)},
                                user=users["perencana"])
    assert set(e.value.message_dict) == {"nip", "pangkat", "jabatan"}
    with pytest.raises(ValidationError, match="digit ke-15"):
        services.pejabat_create(jenis=JenisPejabat.KEPALA_PD, perangkat_daerah=demo,
                                data={**BARU, "nip": "197805122003123002"},
                                user=users["perencana"])


def test_overlapping_periods_of_one_post_are_refused(demo, users):
    jumlah = Pejabat.objects.count()
    with pytest.raises(ValidationError, match="bertumpang tindih dengan Drs. H. Firdaus"):
        services.pejabat_create(jenis=JenisPejabat.KEPALA_PD, perangkat_daerah=demo,
                                data=BARU, user=users["perencana"])
    assert Pejabat.objects.count() == jumlah
    # The same dates on another office are no overlap: the post is per office.
    lain = PerangkatDaerahFactory(pemda=demo.pemda)
    services.pejabat_create(jenis=JenisPejabat.KEPALA_PD, perangkat_daerah=lain, data=BARU,
                            user=users["admin"])


def _ganti_kepala(demo, users) -> Pejabat:
    """A change of Kepala on 1 July 2025: the predecessor's period ends the day before."""
    return services.pejabat_create(jenis=JenisPejabat.KEPALA_PD, perangkat_daerah=demo,
                                   data=BARU, akhiri_sebelumnya=True, user=users["perencana"])


def test_change_of_kepala_ends_the_predecessor_and_is_audited(demo, users):
    baru = _ganti_kepala(demo, users)
    lama = Pejabat.objects.get(perangkat_daerah=demo, nama=FIRDAUS)
    assert lama.selesai == datetime.date(2025, 6, 30)
    assert JejakAudit.objects.filter(model="sakip.pejabat", object_id=str(lama.pk),
                                     field="selesai", nilai_baru="2025-06-30",
                                     alasan__contains="Andi Baru").exists()
    assert JejakAudit.objects.filter(model="sakip.pejabat", object_id=str(baru.pk),
                                     field="nip", nilai_baru=BARU["nip"]).exists()
    # Moving the new period back into the old one is refused.
    with pytest.raises(ValidationError, match="bertumpang tindih"):
        services.pejabat_update(pejabat=baru, data={"mulai": datetime.date(2025, 6, 1)},
                                user=users["perencana"])


def test_selector_by_date(demo, users):
    _ganti_kepala(demo, users)
    assert pejabat_penandatangan(demo, 2024).kepala.nama == FIRDAUS
    assert pejabat_penandatangan(demo, datetime.date(2025, 6, 30)).kepala.nama == FIRDAUS
    t = pejabat_penandatangan(demo, datetime.date(2025, 7, 1))
    assert t.kepala.nama == BARU["nama"]
    assert t.kepala_daerah.nama == "Adnan Purichta Ichsan"
    assert t.sebutan_kepala_daerah == "Bupati Gowa"
    assert pejabat_penandatangan(demo, datetime.date(2020, 1, 1)).kepala is None


def test_2024_documents_keep_the_2024_kepala_after_a_change(demo, users):
    _ganti_kepala(demo, users)
    pk = PerjanjianKinerja.objects.get(perangkat_daerah=demo, tahun=2024, versi=2)
    assert pk_selectors.pk_pihak(pk).pertama["nama"] == FIRDAUS
    # The LKjIP 2024 is dated 21 January 2025 (its report date): the Kepala of that day signs.
    laporan = LaporanKinerja.objects.get(perangkat_daerah=demo, tahun=2024)
    pd = PerangkatDaerah.objects.select_related("pemda").get(pk=demo.pk)
    data = bangun_lkjip(pd, 2024, laporan=laporan)
    assert (data.kepala_nama, data.kepala_nip) == (FIRDAUS, "197106281993031012")
    assert data.kepala_jabatan == "Kepala Dinas Sosial Kabupaten Gowa"
    assert data.pk.pihak_kedua_nama == "Adnan Purichta Ichsan"
    assert not [p for p in data.peringatan if p.kode == "PENANDATANGAN_KOSONG"]


@pytest.fixture
def kantor_baru(users):
    """A new office of the demo's pemda with a draft PK of one line and no Kepala."""
    pd = PerangkatDaerahFactory(nama="Dinas Baru", slug="dinas-baru")
    line = PKIndikatorFactory(perjanjian__perangkat_daerah=pd, perjanjian__tahun=2025)
    return pd, line.perjanjian


def test_pk_penetapan_is_refused_without_officials_then_freezes_them(kantor_baru, users):
    pd, pk = kantor_baru
    dok = pk_dokumen.data_pk(pk)
    assert "Perlu dilengkapi: nama, NIP dan pangkat/golongan Kepala Dinas Baru" in \
        dok.pihak.kurang.pesan
    assert "Pengaturan kantor \u203a Pejabat" in dok.pihak.kurang.pesan
    with pytest.raises(ValidationError) as e:
        pk_services.pk_approve(pk=pk, user=users["kepala"], tanggal=datetime.date(2025, 1, 20))
    pesan = " ".join(e.value.messages)
    assert "PK tidak dapat ditetapkan" in pesan and "Kepala Dinas Baru" in pesan
    assert "nama Bupati" in pesan
    pk.refresh_from_db()
    assert pk.status == PerjanjianKinerja.Status.DRAFT

    kepala = PejabatFactory(perangkat_daerah=pd, nama="Hj. Kepala Baru")
    PejabatFactory(perangkat_daerah=None, pemda=pd.pemda, jenis="kepala_daerah", nip="",
                   pangkat="", jabatan="", nama="Bupati Uji")
    pk = pk_services.pk_approve(pk=pk, user=users["kepala"], tanggal=datetime.date(2025, 1, 20))
    assert (pk.pihak_pertama_nama, pk.pihak_pertama_nip) == ("Hj. Kepala Baru", kepala.nip)
    assert pk.pihak_kedua_nama == "Bupati Uji"
    assert JejakAudit.objects.filter(model="kinerja.perjanjiankinerja", object_id=str(pk.pk),
                                     field="pihak_pertama_nama",
                                     nilai_baru="Hj. Kepala Baru").exists()
    # Frozen: correcting the official afterwards does not alter the signed PK.
    services.pejabat_update(pejabat=kepala, data={"nama": "Hj. Kepala Diganti"},
                            user=users["admin"])
    assert pk_selectors.pk_pihak(pk).pertama["nama"] == "Hj. Kepala Baru"


def test_lkjip_penetapan_is_refused_without_the_kepala(demo, users):
    laporan = LaporanKinerja.objects.get(perangkat_daerah=demo, tahun=2024)
    laporan_services.laporan_review(laporan=laporan, nomor="700/12/LHR", catatan="Sesuai.",
                                    tanggal=datetime.date(2025, 2, 3), user=users["inspektorat"])
    # Nobody in office on the penetapan date.
    Pejabat.objects.filter(perangkat_daerah=demo).update(selesai=datetime.date(2024, 12, 31))
    with pytest.raises(ValidationError, match="LKjIP tidak dapat ditetapkan; masih ada yang "
                                              "perlu dilengkapi:', 'nama Kepala Dinas "
                                              "Sosial Kabupaten Gowa .*'NIP Kepala"):
        laporan_services.laporan_approve(laporan=laporan, user=users["kepala"],
                                         tanggal=datetime.date(2025, 2, 10))
    laporan.refresh_from_db()
    assert laporan.status == LaporanKinerja.Status.REVIU


@pytest.mark.slow  # renders the PK PDF (WeasyPrint)
def test_pk_pdf_prints_the_officials_without_dotted_blanks(demo, users, tmp_path):
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext (poppler-utils) tidak terpasang; jalankan `make test`.")
    _ganti_kepala(demo, users)
    pk = PerjanjianKinerja.objects.get(perangkat_daerah=demo, tahun=2024, versi=2)
    path = tmp_path / "pk.pdf"
    path.write_bytes(pk_dokumen.render_pdf(pk))
    teks = " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True,
                                   text=True, check=True).stdout.split())
    assert FIRDAUS in teks and "NIP. 19710628 199303 1 012" in teks
    assert "Pembina Utama Muda/IV.c" in teks
    assert "Adnan Purichta Ichsan" in teks and "BUPATI GOWA" in teks
    assert "Andi Baru" not in teks
    assert "……" not in teks and "Perlu dilengkapi" not in teks
