"""The JSON contract of design.md ("LKjIP JSON") and the builder's fixed query count."""

import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from laporan.builder import bangun_lkjip
from laporan.render_json import render_json
from laporan.selectors import susun


def test_json_keys_and_types_of_the_contract(gowa, tmp_path):
    pd, _ = gowa
    out = tmp_path / "lkjip.json"
    call_command("lkjip", pd="dinsos-gowa", tahun=2024, format="json", output=str(out))
    js = json.loads(out.read_text())
    assert js["perangkat_daerah"] == "Dinas Sosial Kabupaten Gowa" and js["tahun"] == 2024
    s = js["sasaran"][0]
    assert {"uraian", "capaian", "indikator"} <= set(s)
    ind = s["indikator"][0]
    assert {"uraian", "satuan", "target", "realisasi", "capaian", "kategori"} <= set(ind)
    assert ind["satuan"] == "Orang"
    for key in ("target", "realisasi", "capaian"):
        assert isinstance(ind[key], int | float) and not isinstance(ind[key], bool)
    e = js["efisiensi"][0]
    assert {"sasaran", "capaian", "pagu", "realisasi", "serapan", "efisiensi", "metode"} <= set(e)
    a = js["anggaran"]
    assert {"pagu", "realisasi", "serapan", "program"} <= set(a)
    assert isinstance(a["pagu"], int) and a["pagu"] == 5319338072
    p = a["program"][0]
    assert {"kode", "uraian", "pagu", "realisasi", "serapan"} <= set(p)
    assert p == {**p, "kode": "1.06.01", "pagu": 4308898172, "realisasi": 4034712894,
                 "serapan": 93.64}
    assert {w["kode"] for w in js["peringatan"]} == {"NARASI_KOSONG", "PK_NOMOR_KOSONG",
                                                     "CATATAN_REVIU_TERBUKA"}
    assert all({"kode", "pesan"} == set(w) for w in js["peringatan"])


def test_json_peringatan_have_kode_and_pesan(gowa):
    pd, laporan = gowa
    laporan.narasi = {}
    laporan.ikhtisar_eksekutif = False
    laporan.save()
    js = json.loads(render_json(susun(pd, 2024, laporan).data))
    kode = {w["kode"] for w in js["peringatan"]}
    assert {"NARASI_KOSONG", "IKHTISAR_TIDAK_ADA", "TANGGAL_KOSONG"} <= kode
    assert all(w["pesan"] for w in js["peringatan"])


def _perbesar(pd, n_sasaran: int, n_kegiatan: int):
    """More sasaran, indicators, programs, kegiatan, sub kegiatan, pagu and realisasi."""
    from anggaran.models import Pagu, RealisasiAnggaran
    from kinerja.models import Realisasi
    from renstra.models import (
        Indikator,
        Kegiatan,
        Program,
        Renstra,
        Sasaran,
        SasaranProgram,
        SubKegiatan,
        TargetIndikator,
        Tujuan,
    )

    renstra = Renstra.objects.get(perangkat_daerah=pd)
    tujuan = Tujuan.objects.create(renstra=renstra, uraian="Tujuan uji", urutan=9)
    for i in range(n_sasaran):
        s = Sasaran.objects.create(tujuan=tujuan, uraian=f"Sasaran uji {i}", urutan=i)
        prog = Program.objects.create(renstra=renstra, kode=f"1.06.{50 + i:02d}",
                                      nama=f"Program uji {i}", urutan=50 + i)
        SasaranProgram.objects.create(sasaran=s, program=prog)
        for j in range(2):
            ind = Indikator.objects.create(renstra=renstra, sasaran=s, uraian=f"Ind {i}.{j}",
                                           satuan="%", agregasi="LAST", desimal=2)
            TargetIndikator.objects.create(indikator=ind, tahun=2024, nilai=Decimal(80))
            Realisasi.objects.create(indikator=ind, tahun=2024, triwulan=4, nilai=Decimal(85),
                                     status="diverifikasi")
        pind = Indikator.objects.create(renstra=renstra, program=prog, uraian=f"PI {i}",
                                        satuan="%", agregasi="LAST")
        TargetIndikator.objects.create(indikator=pind, tahun=2024, nilai=Decimal(50))
        for k in range(n_kegiatan):
            keg = Kegiatan.objects.create(program=prog, kode=f"1.06.{50 + i:02d}.2.{k:02d}",
                                          nama=f"Kegiatan {i}.{k}")
            for m in range(3):
                sub = SubKegiatan.objects.create(kegiatan=keg, kode=f"{keg.kode}.{m:04d}",
                                                 nama=f"Sub {i}.{k}.{m}")
                Pagu.objects.create(subkegiatan=sub, tahun=2024, tahap="murni",
                                    nilai=Decimal(1000000))
                RealisasiAnggaran.objects.create(subkegiatan=sub, tahun=2024, triwulan=4,
                                                 nilai=Decimal(900000))


@pytest.mark.django_db
def test_builder_runs_a_fixed_number_of_queries_whatever_the_size(gowa):
    pd, laporan = gowa
    with CaptureQueriesContext(connection) as kecil:
        d1 = bangun_lkjip(pd, 2024, laporan=laporan)
    _perbesar(pd, n_sasaran=6, n_kegiatan=4)
    with CaptureQueriesContext(connection) as besar:
        d2 = bangun_lkjip(pd, 2024, laporan=laporan)
    assert len(d2.sasaran) == len(d1.sasaran) + 6
    assert sum(len(p.kegiatan) for p in d2.program) == sum(
        len(p.kegiatan) for p in d1.program) + 24
    # 25 plus the published capaian, the IKU dates, the previous LHE (up to 3) and the open
    # recommendations and review notes: still fixed whatever the size of the office.
    assert len(kecil) == len(besar) <= 32, [q["sql"][:120] for q in besar.captured_queries]


@pytest.mark.django_db
def test_lkjip_page_runs_a_fixed_number_of_queries(gowa, client_as):
    pd, _ = gowa
    c = client_as("kepala")
    url = f"/laporan/{pd.slug}/2024/"
    c.get(url)  # warm the session and template caches
    with CaptureQueriesContext(connection) as kecil:
        assert c.get(url).status_code == 200
    _perbesar(pd, n_sasaran=5, n_kegiatan=3)
    with CaptureQueriesContext(connection) as besar:
        r = c.get(url)
    assert r.status_code == 200 and "Sasaran uji 4" in r.content.decode()
    assert len(kecil) == len(besar)
