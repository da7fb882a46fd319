"""The LKjIP's generated sentences and draft warnings, from small hand-made data (no database).

``laporan.kalimat`` and ``laporan.peringatan`` are pure functions of ``laporan.data``: these tests
build the few objects a sentence needs and read the Indonesian text back (numbers formatted by
``sakip.lib.angka``: ``112,59 %``, ``Rp 1.000.000``).
"""

import datetime
from decimal import Decimal as D

from anggaran.selectors import NodeAnggaran
from kinerja import rumus
from laporan.data import (
    CatatanRealisasi,
    EfisiensiSasaran,
    IndikatorLaporan,
    LKjIPData,
    NilaiTahun,
    Pengaturan,
    ProgramLaporan,
    SasaranLaporan,
    TujuanLaporan,
)
from laporan.kalimat import (
    jabatan_lengkap,
    kalimat_capaian,
    kalimat_efisiensi,
    kalimat_kesimpulan,
    kalimat_program,
    kalimat_renstra,
    kalimat_standar,
    kalimat_tahunan,
    penyebab_dari_catatan,
    tulis_kalimat,
)
from laporan.narasi import BAGIAN
from laporan.peringatan import susun_kelengkapan, susun_peringatan

SKALA = "GOWA_4"


def _ind(**kw) -> IndikatorLaporan:
    nilai = dict(
        id=1, uraian="Jumlah Penurunan PPKS", satuan="Orang", desimal=0, polaritas="positif",
        agregasi="SUM", agregasi_target_akhir="LAST", is_iku=True, is_spm=False, aktif=True,
        definisi_operasional="", sumber_data="", baseline_tahun=None, baseline_nilai=None,
        standar_nasional=None, standar_keterangan="",
    )
    nilai.update(kw)
    return IndikatorLaporan(**nilai)


def _capai(il: IndikatorLaporan, target, realisasi) -> IndikatorLaporan:
    il.target, il.realisasi = target, realisasi
    il.capaian = rumus.capaian(target, realisasi, polaritas="positif")
    il.kategori = rumus.kategori(il.capaian, SKALA)
    return il


def _efisiensi(capaian=D("112.59"), pagu=D(1000000), realisasi=D(900000), metode="EF-SELISIH"):
    serapan = rumus.serapan(pagu, realisasi)
    nilai = rumus.efisiensi(capaian, serapan, metode)
    return EfisiensiSasaran(
        metode=metode, basis="program_pk", capaian=capaian, pagu=pagu, realisasi=realisasi,
        serapan=serapan, nilai=nilai, keterangan=rumus.efisiensi_keterangan(nilai, metode, capaian),
        rumus=rumus.RUMUS_EFISIENSI[metode], program_kode=["1.06.04"],
    )


def _data(sasaran: list[SasaranLaporan], program: list[ProgramLaporan] | None = None,
          **kw) -> LKjIPData:
    nilai = dict(
        perangkat_daerah="Dinas Sosial Kabupaten Gowa", slug="dinsos-gowa", singkatan="Dinsos",
        pemda="Kabupaten Gowa", sebutan_kepala_daerah="Bupati", kepala_nama="Kepala",
        kepala_nip="19700101", kepala_pangkat="", kepala_jabatan="Kepala Dinas Sosial",
        tempat="Sungguminasa", tanggal=datetime.date(2025, 1, 21), tahun=2024,
        renstra_awal=2022, renstra_akhir=2026, renstra_nama="Rencana Strategis",
        renstra_nomor="", tahun_list=[2022, 2023, 2024, 2025, 2026],
        tahun_analisis=[2022, 2023, 2024],
        pengaturan=Pengaturan(metode_efisiensi="EF-SELISIH", basis_efisiensi="program_pk",
                              basis_label="", skala=SKALA, skala_nama="", ikhtisar_eksekutif=True,
                              rumus_negatif="NEG-A"),
        bidang=[], tujuan=[TujuanLaporan(id=1, kode="T1", uraian="Tujuan", sasaran=sasaran)],
        sasaran=sasaran, program=program or [], pk=None, penetapan_iku=[],
        skala_band=list(rumus.SKALA[SKALA]), anggaran_pagu=D(1000000),
        anggaran_pagu_murni=D(1000000), anggaran_realisasi=D(900000),
        anggaran_serapan=D(90), narasi={b.kunci: "Ada." for b in BAGIAN},
    )
    nilai.update(kw)
    return LKjIPData(**nilai)


def _sasaran(indikator, **kw) -> SasaranLaporan:
    s = SasaranLaporan(id=1, nomor=1, kode="S1", uraian="Menurunnya PPKS", tujuan="Tujuan",
                       tujuan_id=1, indikator=indikator, **kw)
    s.capaian = rumus.capaian(indikator[0].target, indikator[0].realisasi,
                              polaritas="positif") if indikator else None
    s.kategori = rumus.kategori(s.capaian, SKALA)
    return s


# --- BAB III A analyses ------------------------------------------------------------------------


def test_capaian_above_target_names_direction_percent_and_category():
    il = _capai(_ind(), D(580), D(653))
    assert kalimat_capaian(il, 2024) == (
        "Indikator Jumlah Penurunan PPKS pada tahun 2024 ditargetkan 580 orang dan terealisasi "
        "653 orang, melampaui target, sehingga capaiannya 112,59 % dengan kategori Sangat "
        "Berhasil."
    )


def test_capaian_without_realisasi_cannot_be_computed():
    il = _ind(target=D(580))
    assert kalimat_capaian(il, 2024) == (
        "Capaian indikator Jumlah Penurunan PPKS tahun 2024 belum dapat dihitung: target 580 "
        "orang, realisasi belum tersedia."
    )


def test_percent_unit_is_printed_as_percent():
    il = _capai(_ind(satuan="%", desimal=2), D("7.42"), D("6.85"))
    assert "ditargetkan 7,42 % dan terealisasi 6,85 %" in kalimat_capaian(il, 2024)


def test_earlier_year_gives_the_change_of_realisasi_and_of_capaian():
    il = _capai(_ind(), D(580), D(653))
    il.tahunan = [NilaiTahun(2023, D(563), "", D(563), "", D(100), None)]
    assert kalimat_tahunan(il, 2024) == (
        "Dibandingkan tahun 2023 (realisasi 563 orang, capaian 100,00 %), realisasi tahun 2024 "
        "naik 90 orang dan capaian naik 12,59 poin persen."
    )


def test_no_earlier_year_and_no_realisasi():
    il = _capai(_ind(), D(580), D(653))
    assert kalimat_tahunan(il, 2024) == (
        "Realisasi indikator Jumlah Penurunan PPKS tahun-tahun sebelum 2024 belum tersedia, "
        "sehingga perbandingan antartahun belum dapat disajikan.")
    assert kalimat_tahunan(_ind(), 2024) == (
        "Realisasi indikator Jumlah Penurunan PPKS tahun 2024 belum tersedia.")


def test_final_renstra_target_exceeded_and_cumulative():
    il = _ind(target_akhir=D(600), realisasi_terhadap_akhir=D(653), tahun_akhir=2026,
              capaian_terhadap_akhir=D("108.83"))
    assert kalimat_renstra(il, 2024, 2022) == (
        "Untuk indikator Jumlah Penurunan PPKS, realisasi tahun 2024 sebesar 653 orang "
        "dibandingkan target akhir Renstra tahun 2026 sebesar 600 orang; kinerja ini telah "
        "melampaui target akhir sebesar 53 orang (108,83 %)."
    )
    il = _ind(agregasi_target_akhir="SUM", target_akhir=D(3000), realisasi_terhadap_akhir=D(1500),
              tahun_akhir=2026, capaian_terhadap_akhir=D(50))
    assert kalimat_renstra(il, 2024, 2022) == (
        "Untuk indikator Jumlah Penurunan PPKS, realisasi kumulatif 2022–2024 sebesar 1.500 "
        "orang dibandingkan jumlah target periode Renstra 3.000 orang; kinerja ini mencapai "
        "50,00 % dari target akhir."
    )


def test_final_renstra_target_of_a_negative_indicator_is_never_exceeded_by_more():
    il = _ind(polaritas="negatif", target_akhir=D(5), realisasi_terhadap_akhir=D(6),
              tahun_akhir=2026, capaian_terhadap_akhir=D(80))
    assert kalimat_renstra(il, 2024, 2022).endswith("kinerja ini mencapai 80,00 % dari target "
                                                    "akhir.")
    assert "belum dapat dihitung" in kalimat_renstra(_ind(), 2024, 2022)


def test_national_standard():
    assert kalimat_standar(_ind(), "NEG-A").endswith("perbandingan ditandai \u201c\u2014\u201d.")
    il = _ind(realisasi=D(90), standar_nasional=D(100), standar_keterangan="SPM")
    assert kalimat_standar(il, "NEG-A") == (
        "Realisasi Jumlah Penurunan PPKS sebesar 90 orang dibandingkan standar nasional 100 "
        "orang (SPM) atau 90,00 % dari standar."
    )


def test_efisiensi_sentence_spells_the_realisasi():
    teks = kalimat_efisiensi(_efisiensi())
    assert teks.startswith("Atas anggaran program pendukung sasaran ini dalam Perjanjian "
                           "Kinerja, pagu Rp 1.000.000 terealisasi Rp 900.000 (sembilan ratus "
                           "ribu rupiah) atau serapan 90,00 %.")
    assert "nilai efisiensi (selisih capaian kinerja dan serapan anggaran) adalah 22,59 %" in teks
    kosong = _efisiensi(capaian=None)
    assert kalimat_efisiensi(kosong).startswith("Efisiensi belum dapat dihitung")


def test_program_sentence_counts_indicators_that_made_it():
    p = ProgramLaporan(id=1, kode="1.06.04", nama="Program Rehabilitasi Sosial", pagu=D(1000000),
                       pagu_murni=None, realisasi=D(900000), serapan=D(90))
    assert kalimat_program(p) == ("Program Rehabilitasi Sosial (pagu Rp 1.000.000, realisasi "
                                  "Rp 900.000, serapan 90,00 %); belum memiliki indikator "
                                  "program yang terukur.")
    p.indikator = [_capai(_ind(id=2), D(10), D(12)), _capai(_ind(id=3), D(10), D(5))]
    assert kalimat_program(p).endswith("; 1 dari 2 indikator program mencapai target.")


def test_conclusion_with_and_without_capaian():
    s = _sasaran([_capai(_ind(), D(580), D(653))], efisiensi=_efisiensi())
    assert kalimat_kesimpulan(s) == (
        "Sasaran \u201cMenurunnya PPKS\u201d tercapai 112,59 % dengan kategori Sangat Berhasil; "
        "serapan anggaran pendukungnya 90,00 % dan efisiensi 22,59 % (efisien)."
    )
    assert "belum dapat dinilai" in kalimat_kesimpulan(_sasaran([_ind()]))


def test_causes_are_drafted_from_the_realisasi_notes_once_each():
    il = _ind(catatan=[
        CatatanRealisasi(1, faktor_pendukung="Koordinasi  lintas bidang."),
        CatatanRealisasi(2, faktor_pendukung="Koordinasi lintas bidang.", upaya="Pendataan."),
    ])
    assert penyebab_dari_catatan(_sasaran([il])) == (
        "Faktor pendukung menurut catatan realisasi:\n\n- Koordinasi lintas bidang.\n\n"
        "Upaya yang telah dilakukan:\n\n- Pendataan."
    )
    assert penyebab_dari_catatan(_sasaran([_ind()])) == ""


def test_signature_title_names_the_region_once():
    assert jabatan_lengkap("Kepala Dinas Sosial", "Kabupaten Gowa") == (
        "Kepala Dinas Sosial Kabupaten Gowa")
    assert jabatan_lengkap("Bupati Gowa", "Kabupaten Gowa") == "Bupati Gowa"


# --- the whole report ----------------------------------------------------------------------------


def test_tulis_kalimat_fills_every_section():
    s = _sasaran([_capai(_ind(), D(580), D(653))], efisiensi=_efisiensi())
    data = _data([s])
    tulis_kalimat(data)
    assert list(s.kalimat) == ["capaian", "tahunan", "renstra", "standar", "efisiensi",
                               "kesimpulan"]
    assert list(data.kalimat) == ["ikhtisar", "bab1", "renstra", "iku", "pk", "anggaran"]
    ikhtisar = data.kalimat["ikhtisar"]
    assert ikhtisar[0].startswith("Dinas Sosial Kabupaten Gowa menjabarkan Renstra 2022–2026 "
                                  "ke dalam 1 tujuan dan 1 sasaran strategis")
    assert ikhtisar[1] == "Hasil pengukuran kinerja tahun 2024: 1 indikator berkategori Sangat " \
                          "Berhasil."
    assert ikhtisar[2] == s.kalimat["capaian"][0]  # one indicator: its own sentence
    assert ikhtisar[-1] == ("Seluruh indikator kinerja yang terukur mencapai atau melampaui "
                            "targetnya.")
    assert data.kalimat["pk"] == ["Perjanjian Kinerja tahun 2024 belum tersedia."]
    # Equal murni and final pagu show only what was loaded, never "no change".
    assert data.kalimat["anggaran"][1] == ("Pagu yang dimuat: APBD murni; serapan dihitung "
                                           "terhadap pagu tersebut.")


def test_many_sasaran_share_one_efisiensi_sentence():
    sasaran = []
    for i in range(4):
        s = _sasaran([_capai(_ind(id=i), D(100), D(90 + i))], efisiensi=_efisiensi())
        s.id, s.uraian = i, f"Sasaran {i}"
        sasaran.append(s)
    data = _data(sasaran)
    tulis_kalimat(data)
    efisiensi = [k for k in data.kalimat["ikhtisar"] if "efisien" in k]
    assert efisiensi == ["Efisiensi penggunaan anggaran (selisih capaian kinerja dan serapan "
                         "anggaran) 4 dari 4 sasaran tergolong efisien, dengan nilai antara "
                         "22,59 % dan 22,59 % ()."]
    assert data.kalimat["ikhtisar"][-1].startswith("Indikator yang belum mencapai target (4): ")


# --- draft warnings ------------------------------------------------------------------------------


def test_warnings_of_a_thin_draft_in_document_order():
    il = _ind(belum_verifikasi=[3, 4])
    data = _data([_sasaran([il])], tanggal=None, kepala_nip="", anggaran_pagu=None)
    data.kelengkapan = susun_kelengkapan(data, {})
    kode = [p.kode for p in susun_peringatan(data, [])]
    assert kode == ["PK_TIDAK_ADA", "SASARAN_TANPA_PROGRAM", "TARGET_KOSONG",
                    "REALISASI_BELUM_VERIFIKASI", "REALISASI_KOSONG", "ANGGARAN_KOSONG",
                    "TANGGAL_KOSONG", "PENANDATANGAN_KOSONG", "PENANDATANGAN_KOSONG",
                    "NARASI_KOSONG", "NARASI_KOSONG"]  # the staffing table, a narrative
    pesan = {p.kode: p.pesan for p in susun_peringatan(data, [])}
    assert pesan["REALISASI_BELUM_VERIFIKASI"] == (
        "Realisasi \u201cJumlah Penurunan PPKS\u201d triwulan III, IV belum diverifikasi dan "
        "tidak dihitung dalam laporan.")


def test_budget_tree_sums_and_overspending_are_warned():
    anak = [NodeAnggaran("kegiatan", 2, "1.06.04.2.01", "Kegiatan A", pagu=D(60), realisasi=D(70)),
            NodeAnggaran("kegiatan", 3, "1.06.04.2.02", "Kegiatan B", pagu=D(30), realisasi=D(10))]
    program = NodeAnggaran("program", 1, "1.06.04", "Program", pagu=D(100), realisasi=D(80),
                           children=anak)
    pesan = [p.pesan for p in susun_peringatan(_data([]), [program])]
    assert "Pagu 1.06.04 Program Rp 100 berbeda dari jumlah rinciannya Rp 90." in pesan
    assert "Realisasi 1.06.04.2.01 Kegiatan A Rp 70 melebihi pagu Rp 60." in pesan
    assert "Renstra belum memuat sasaran: BAB III A tidak dapat disusun." in pesan
