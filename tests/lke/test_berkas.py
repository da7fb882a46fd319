"""The command contracts: ``lke --format json|xlsx``, ``import_lke`` (all or nothing, the
exported xlsx reads back unchanged, kerangka-logis breaches accepted with warnings), and the
demo worksheet they run on."""

import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook, load_workbook

from lke import services
from lke.jawaban_xlsx import impor_jawaban
from lke.models import Evaluasi, Jawaban
from lke.selectors import evaluasi_get, evaluasi_tree
from tests.lke.conftest import TANGGAL, jawab_semua

KUNCI = {"pd", "tahun", "template", "status", "nilai_usulan", "nilai_evaluasi",
         "predikat_usulan", "predikat_evaluasi", "komponen", "kerangka_logis"}


def _lembar(rows, kepala=("Kode Kriteria", "Jawaban Usulan", "Jawaban Evaluasi", "Catatan"),
            judul="Jawaban") -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = judul
    ws.append(list(kepala))
    for r in rows:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _tulis(tmp_path, isi: bytes, nama="j.xlsx"):
    p = tmp_path / nama
    p.write_bytes(isi)
    return str(p)


def test_demo_menunggu_evaluasi_inspektorat(demo):
    ev = evaluasi_get(demo, 2024)
    assert ev.status == Evaluasi.Status.EVALUASI and ev.template.versi == "88/2021"
    p = evaluasi_tree(ev)
    assert p.belum_dijawab("usulan") == [] and len(p.belum_dijawab("evaluasi")) == 50
    assert p.predikat_usulan is not None
    assert {x.kriteria_kode for x in p.pelanggaran_usulan} == {"A.3.1", "D.3.1"}


def test_json_kontrak(demo, tmp_path):
    out = tmp_path / "lke.json"
    call_command("lke", "--pd", demo.slug, "--tahun", "2024", "--format", "json", "-o", str(out))
    d = json.loads(out.read_text())
    assert KUNCI <= set(d)
    assert (d["pd"], d["tahun"], d["template"], d["status"]) == ("dinsos-gowa", 2024, "88/2021",
                                                                 "evaluasi")
    k = d["komponen"][0]
    assert {"kode", "nama", "bobot", "nilai_usulan", "nilai_evaluasi", "subkomponen"} <= set(k)
    s = k["subkomponen"][1]
    assert (k["bobot"], s["bobot"]) == (30, 9)
    assert {"kode", "tipe", "jawaban_usulan", "nilai_usulan", "jawaban_evaluasi",
            "nilai_evaluasi"} <= set(s["kriteria"][0])
    # A-Kualitas of the demo: A,B,C,B,B,C,D → 4,5/7 × 9, unrounded as a JSON number.
    assert s["nilai_usulan"] == pytest.approx(4.5 / 7 * 9, abs=1e-8)
    assert s["nilai_usulan"] != round(s["nilai_usulan"], 2)
    assert d["nilai_evaluasi"] is None
    assert {"kriteria": "A.3.1", "pesan": "SALAH — nilai implementasi melebihi rata-rata "
            "pemenuhan", "pihak": "usulan"} in d["kerangka_logis"]


def test_xlsx_dibaca_kembali_tanpa_perubahan(demo, tmp_path):
    out = tmp_path / "lke.xlsx"
    call_command("lke", "--pd", demo.slug, "--tahun", "2024", "--format", "xlsx", "-o", str(out))
    wb = load_workbook(out)
    assert wb.sheetnames == ["Jawaban", "LKE"]
    assert wb["Jawaban"].max_row == 51
    sebelum = list(Jawaban.objects.filter(evaluasi__perangkat_daerah=demo).order_by("pk")
                   .values_list("jawaban_usulan", "catatan_usulan", "row_version"))
    hasil = impor_jawaban(str(out), demo, 2024)
    assert hasil.ok and hasil.baris == 50
    assert hasil.diubah == {"usulan": 0, "evaluasi": 0}
    assert list(Jawaban.objects.filter(evaluasi__perangkat_daerah=demo).order_by("pk")
                .values_list("jawaban_usulan", "catatan_usulan", "row_version")) == sebelum


def test_impor_membuat_evaluasi_dan_skor(pd_uji, template_uji, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("lke.jawaban_xlsx.template_berlaku", lambda pemda, tahun: template_uji)
    rows = [[k, "Y" if ".1." in k else "A", "Y" if ".1." in k else "B", "catatan"]
            for k in ("A.1.1", "A.1.2", "A.2.1", "A.2.2", "B.1.1", "B.1.2", "B.2.1", "B.2.2")]
    f = _tulis(tmp_path, _lembar(rows))
    call_command("import_lke", f, "--pd", pd_uji.slug, "--tahun", "2024", "--json")
    r = json.loads(capsys.readouterr().out)
    assert r["ok"] and r["evaluasi_dibuat"] and (r["usulan_diubah"], r["evaluasi_diubah"]) == (8, 8)
    assert (r["nilai_usulan"], r["predikat_usulan"]) == ("100.00", "AA")
    assert (r["nilai_evaluasi"], r["predikat_evaluasi"]) == ("82.50", "A")  # 20+30+10+22,5
    j = Jawaban.objects.get(evaluasi__perangkat_daerah=pd_uji, kriteria__kode="A.2.1")
    assert (j.catatan_evaluasi, j.catatan_usulan) == ("catatan", "")


def test_impor_galat_semua_atau_tidak_sama_sekali(evaluasi_uji, pd_uji, tmp_path, capsys):
    rows = [["A.1.1", "Y", "", ""], ["A.2.1", "Y", "", ""], ["Z.9", "A", "", ""],
            ["A.1.1", "T", "", ""], ["B.2.1", "", "=1+1", ""]]
    f = _tulis(tmp_path, _lembar(rows))
    with pytest.raises(SystemExit) as e:
        call_command("import_lke", f, "--pd", pd_uji.slug, "--tahun", "2024")
    assert e.value.code == 1
    err = capsys.readouterr().err
    assert "Sheet Jawaban, baris 3, kolom Jawaban Usulan: Jawaban 'Y' tidak sah; pilih salah " \
           "satu: A/B/C/D/E." in err
    assert "Sheet Jawaban, baris 4, kolom Kode Kriteria: kriteria 'Z.9' tidak ada" in err
    assert "Sheet Jawaban, baris 5, kolom Kode Kriteria: kriteria A.1.1 berulang." in err
    assert "Sheet Jawaban, baris 6, kolom Jawaban Evaluasi: isi nilai, bukan rumus" in err
    assert not Jawaban.objects.filter(evaluasi=evaluasi_uji).exists()


def test_impor_kolom_atau_sheet_hilang(evaluasi_uji, pd_uji):
    h = impor_jawaban(_lembar([], kepala=("Kode Kriteria", "Catatan")), pd_uji, 2024)
    assert h.galat == ["Sheet Jawaban, baris 1: kolom Jawaban Usulan, Jawaban Evaluasi tidak "
                       "ada."]
    h = impor_jawaban(_lembar([], judul="LKE"), pd_uji, 2024)
    assert h.galat == ["Sheet 'Jawaban' tidak ada."]


def test_impor_dry_run_tidak_menyimpan(pd_uji, template_uji, monkeypatch):
    monkeypatch.setattr("lke.jawaban_xlsx.template_berlaku", lambda pemda, tahun: template_uji)
    h = impor_jawaban(_lembar([["A.1.1", "Y", "", ""]]), pd_uji, 2024, dry_run=True)
    assert h.ok and h.diubah["usulan"] == 1 and h.evaluasi_dibuat
    assert not Evaluasi.objects.filter(perangkat_daerah=pd_uji).exists()


def test_impor_pelanggaran_kerangka_logis_diterima_dengan_peringatan(evaluasi_uji, pd_uji,
                                                                      auditor, perencana):
    rows = [["A.1.1", "", "T", ""], ["A.1.2", "", "T", ""], ["A.2.1", "", "A", ""]]
    h = impor_jawaban(_lembar(rows), pd_uji, 2024)
    assert h.ok
    assert h.peringatan == ["Kerangka logis (evaluasi) A.2.1: SALAH — nilai implementasi "
                            "melebihi rata-rata pemenuhan"]
    j = Jawaban.objects.get(evaluasi=evaluasi_uji, kriteria__kode="A.2.1")
    assert j.jawaban_evaluasi == "A"
    jawab_semua(evaluasi_uji, perencana, "usulan")
    services.evaluasi_submit(evaluasi_uji, perencana)
    jawab_semua(evaluasi_uji, auditor, "evaluasi", {"A.1.1": "T", "A.1.2": "T", "A.2.1": "A"})
    with pytest.raises(ValidationError, match="A.2.1: SALAH"):
        services.evaluasi_close(evaluasi_uji, auditor, nomor="1", tanggal=TANGGAL)


def test_impor_ditolak_pada_evaluasi_tertutup(evaluasi_uji, pd_uji, perencana, auditor):
    jawab_semua(evaluasi_uji, perencana, "usulan")
    services.evaluasi_submit(evaluasi_uji, perencana)
    jawab_semua(evaluasi_uji, auditor, "evaluasi")
    services.evaluasi_close(evaluasi_uji, auditor, nomor="1", tanggal=TANGGAL)
    h = impor_jawaban(_lembar([["A.1.1", "", "T", ""]]), pd_uji, 2024)
    assert h.galat == ["Evaluasi AKIP tahun 2024 sudah ditutup; jawaban tidak dapat diimpor."]


def test_impor_usulan_setelah_diajukan_ditolak(evaluasi_uji, pd_uji, perencana):
    jawab_semua(evaluasi_uji, perencana, "usulan")
    services.evaluasi_submit(evaluasi_uji, perencana)
    h = impor_jawaban(_lembar([["A.1.1", "T", "", ""], ["A.2.1", "A", "B", ""]]), pd_uji, 2024)
    assert h.galat == ["Sheet Jawaban, baris 2, kolom Jawaban Usulan: Penilaian mandiri sudah "
                       "diajukan; jawaban usulan tidak dapat diubah lagi."]
    assert Jawaban.objects.get(evaluasi=evaluasi_uji, kriteria__kode="A.2.1").jawaban_evaluasi == ""


def test_perintah_lke_tanpa_evaluasi(pd_uji, tmp_path):
    with pytest.raises(CommandError, match="belum ada"):
        call_command("lke", "--pd", pd_uji.slug, "--tahun", "2024", "--format", "json", "-o",
                     str(tmp_path / "x.json"))


def test_import_lke_kesalahan_pemakaian_keluar_2(pd_uji, tmp_path):
    with pytest.raises(CommandError) as e:
        call_command("import_lke", str(tmp_path / "tidak-ada.xlsx"), "--pd", pd_uji.slug,
                     "--tahun", "2024")
    assert e.value.returncode == 2
    f = _tulis(tmp_path, _lembar([]))
    with pytest.raises(CommandError) as e:
        call_command("import_lke", f, "--pd", "tidak-ada", "--tahun", "2024")
    assert e.value.returncode == 2


@pytest.mark.slow
def test_lke_pdf_draf(demo, tmp_path):
    out = tmp_path / "lhe.pdf"
    call_command("lke", "--pd", demo.slug, "--tahun", "2024", "--format", "pdf", "-o", str(out))
    assert out.read_bytes().startswith(b"%PDF-")
