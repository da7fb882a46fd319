"""The one write path of the Evaluasi AKIP: templates, answers, closing into an LHE, past LHEs,
evidence and the follow-up of recommendations.

Every write runs in one transaction and leaves its audit rows (``sakip.audit``); editable rows
are checked against the version the form was based on (``sakip.versi``). Access rules (who may
answer which side, who may close) live in ``sakip.access`` and are applied by the views and
commands; the services enforce the lifecycle:

* ``usulan`` (the office's self-assessment) may be changed while the evaluation is MANDIRI. Once
  handed in (EVALUASI) it is what the office submitted and stays as it is, so the evaluator's
  answers are compared with a fixed self-assessment; an unchanged value is always accepted (an
  answer sheet read back unchanged writes nothing).
* ``evaluasi`` (the Inspektorat's answer) may be set while MANDIRI or EVALUASI: an evaluator may
  prepare from documents before the office hands in, and an imported past workbook carries
  both sides at once.
* A closed evaluation (DITUTUP) changes no more: its LHE is signed.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from kinerja.realisasi.bukti import periksa_berkas
from kinerja.rumus import nilai_jawaban, predikat_akip
from lke.models import (
    BuktiLke,
    Evaluasi,
    HasilEvaluasi,
    HasilKomponen,
    Jawaban,
    Kriteria,
    Rekomendasi,
    TemplateLke,
    TindakLanjut,
    TipeJawaban,
)
from lke.selectors import evaluasi_tree, template_berlaku
from lke.template_io import baca_template, simpan_struktur
from notifikasi import peristiwa
from sakip import audit
from sakip.lib.angka import bulatkan
from sakip.models import JejakAudit
from sakip.versi import SudahAda, oleh_pada, versi_cek

PIHAK = ("usulan", "evaluasi")
SKOR_DESIMAL = 8  # HasilEvaluasi.nilai keeps 8 places (lke.models.SKOR)


def _daftar(kode: list[str], n: int) -> str:
    return ", ".join(kode[:n]) + (" …" if len(kode) > n else "")


def _pd(evaluasi: Evaluasi):
    return evaluasi.perangkat_daerah


# --- templates ---------------------------------------------------------------------------------

@transaction.atomic
def template_load(path_or_file, versi: str, *, pemda=None, tahun_berlaku: int | None = None,
                  user=None) -> tuple[TemplateLke, bool]:
    """Load an LKE template file (lke.template_io layout). Returns ``(template, dibuat)``.

    Idempotent by content: the same file under the same versi changes nothing. A changed file
    replaces the latest revisi in place while no evaluation uses it; once one does, it becomes
    revisi + 1 so past evaluations keep the structure they were made with (domain.md §4.1)."""
    data = baca_template(path_or_file)
    if (pemda is None) != (tahun_berlaku is None):
        raise ValidationError("Template pemda memerlukan nama pemda dan tahun berlaku "
                              "sekaligus.")
    terakhir = (TemplateLke.objects.select_for_update().filter(versi=versi)
                .order_by("-revisi").first())
    if terakhir is not None and terakhir.sha256 == data.sha256 and \
            terakhir.pemda_id == getattr(pemda, "pk", None) and \
            terakhir.tahun_berlaku == tahun_berlaku:
        return terakhir, False
    if terakhir is not None and not terakhir.evaluasi_set.exists():
        lama = terakhir.sha256
        terakhir.komponen_set.all().delete()
        terakhir.nama, terakhir.sha256 = data.nama, data.sha256
        terakhir.pemda, terakhir.tahun_berlaku = pemda, tahun_berlaku
        terakhir.save()
        simpan_struktur(terakhir, data)
        audit.catat(user=user, obj=terakhir, aksi=JejakAudit.Aksi.UBAH, field="sha256",
                    lama=lama, baru=data.sha256, alasan="Template dimuat ulang (belum dipakai)")
        return terakhir, True
    revisi = terakhir.revisi + 1 if terakhir is not None else 1
    tpl = TemplateLke.objects.create(versi=versi, revisi=revisi, nama=data.nama,
                                     sha256=data.sha256, pemda=pemda,
                                     tahun_berlaku=tahun_berlaku)
    simpan_struktur(tpl, data)
    audit.catat(user=user, obj=tpl, aksi=JejakAudit.Aksi.BUAT, field="revisi", baru=revisi)
    return tpl, True


# --- the evaluation ----------------------------------------------------------------------------

def _kunci_evaluasi(evaluasi: Evaluasi, base_version=None) -> Evaluasi:
    obj = (Evaluasi.objects.select_for_update().select_related("template", "perangkat_daerah")
           .get(pk=evaluasi.pk))
    versi_cek(obj, base_version)
    return obj


def _naik(obj, fields: list[str]) -> None:
    obj.row_version += 1
    obj.save(update_fields=[*fields, "row_version"])


@transaction.atomic
def evaluasi_create(pd, tahun: int, user, *, template: TemplateLke | None = None,
                    ketua_tim=None) -> Evaluasi:
    """Open the evaluation of ``pd`` for ``tahun`` on the template in force (or ``template``)."""
    ada = Evaluasi.objects.filter(perangkat_daerah=pd, tahun=tahun).first()
    if ada is not None:
        raise SudahAda(f"Evaluasi AKIP {pd} tahun {tahun} sudah dibuat.", objek=ada)
    template = template or template_berlaku(pd.pemda, tahun)
    if template is None:
        raise ValidationError(f"Belum ada template LKE untuk tahun {tahun}; muat template "
                              "dengan perintah load_lke_template.")
    obj = Evaluasi.objects.create(perangkat_daerah=pd, tahun=tahun, template=template,
                                  ketua_tim=ketua_tim)
    audit.catat(user=user, obj=obj, aksi=JejakAudit.Aksi.BUAT, field="template",
                baru=str(template), perangkat_daerah=pd)
    return obj


def _cek_pihak(evaluasi: Evaluasi, pihak: str) -> None:
    if evaluasi.status == Evaluasi.Status.DITUTUP:
        raise ValidationError("Evaluasi sudah ditutup; jawaban tidak dapat diubah lagi.")
    if pihak == "usulan" and evaluasi.status != Evaluasi.Status.MANDIRI:
        raise ValidationError("Penilaian mandiri sudah diajukan; jawaban usulan tidak dapat "
                              "diubah lagi.")


def nilai_untuk(kriteria: Kriteria, jawaban: str) -> Decimal | None:
    """The value of ``jawaban`` for ``kriteria`` (blank → None); ValidationError on the field
    ``jawaban`` for an answer the criterion does not offer."""
    if not (jawaban or "").strip():
        return None
    try:
        return nilai_jawaban(kriteria.tipe, jawaban, kriteria.pilihan)
    except ValueError as e:
        raise ValidationError({"jawaban": f"{kriteria.kode}: {e}"}) from e


def _normal(kriteria: Kriteria, jawaban: str) -> str:
    teks = (jawaban or "").strip()
    return teks.upper() if kriteria.tipe in (TipeJawaban.YT, TipeJawaban.AE) else teks


@transaction.atomic
def jawaban_set(evaluasi: Evaluasi, kriteria: Kriteria, user, *, pihak: str, jawaban: str,
                catatan: str | None = "", base_version: int | None = None, alasan: str = "",
                saran_diterima: bool | None = False) -> Jawaban:
    """Set one side's answer (and note) to one criterion. ``base_version`` is the Jawaban's
    row_version the form showed (0 = no row yet; None = no check, e.g. an import). ``catatan``
    None keeps the side's note as it is (an answer sheet without a note for that side);
    ``saran_diterima`` None keeps the flag (an import does not know it)."""
    if pihak not in PIHAK:
        raise ValueError(f"pihak harus 'usulan' atau 'evaluasi', bukan {pihak!r}")
    if kriteria.subkomponen.komponen.template_id != evaluasi.template_id:
        raise ValidationError(f"Kriteria {kriteria.kode} bukan bagian dari template evaluasi ini.")
    ev = _kunci_evaluasi(evaluasi)
    nilai = nilai_untuk(kriteria, jawaban)
    teks = _normal(kriteria, jawaban)
    obj = Jawaban.objects.select_for_update().filter(evaluasi=ev, kriteria=kriteria).first()
    if base_version is not None:
        if obj is None and int(base_version) != 0:
            raise ValidationError("Jawaban ini sudah dihapus; muat ulang halaman.")
        if obj is not None:
            versi_cek(obj, base_version)
    fields = [f"jawaban_{pihak}", f"nilai_{pihak}", f"catatan_{pihak}"]
    if pihak == "evaluasi":
        fields.append("saran_diterima")
    sebelum = {f: getattr(obj, f) for f in fields} if obj is not None else None
    if catatan is None:
        catatan = getattr(obj, f"catatan_{pihak}", "") if obj is not None else ""
    baru = {fields[0]: teks, fields[1]: nilai, fields[2]: catatan}
    if pihak == "evaluasi":
        baru["saran_diterima"] = (bool(getattr(obj, "saran_diterima", False))
                                  if saran_diterima is None else bool(saran_diterima))
    if sebelum is not None and all(audit.teks_nilai(sebelum[f]) == audit.teks_nilai(v)
                                   for f, v in baru.items()):
        return obj  # nothing changes: an answer sheet read back unchanged writes nothing
    if sebelum is None and not teks and not catatan:
        return Jawaban(evaluasi=ev, kriteria=kriteria)
    _cek_pihak(ev, pihak)
    if obj is None:
        obj = Jawaban(evaluasi=ev, kriteria=kriteria)
    else:
        obj.row_version += 1
    for f, v in baru.items():
        setattr(obj, f, v)
    obj.diubah_oleh = user if getattr(user, "is_authenticated", False) else None
    obj.save()
    audit.catat_banyak(audit.jejak_perubahan(obj=obj, sebelum=sebelum, fields=fields, user=user,
                                             perangkat_daerah=_pd(ev), alasan=alasan))
    return obj


@transaction.atomic
def evaluasi_submit(evaluasi: Evaluasi, user, *, base_version: int | None = None) -> Evaluasi:
    """The office hands in its self-assessment (MANDIRI → EVALUASI); every criterion must
    carry a nilai usulan."""
    ev = _kunci_evaluasi(evaluasi)
    if ev.status != Evaluasi.Status.MANDIRI:
        if ev.status == Evaluasi.Status.EVALUASI:
            raise SudahAda("Penilaian mandiri sudah diajukan"
                           + oleh_pada(None, ev.diajukan_pada) + ".", objek=ev)
        raise ValidationError("Evaluasi sudah ditutup.")
    versi_cek(ev, base_version)
    kosong = evaluasi_tree(ev).belum_dijawab("usulan")
    if kosong:
        raise ValidationError(f"Penilaian mandiri belum lengkap: {len(kosong)} kriteria belum "
                              f"dijawab ({_daftar(kosong, 10)}).")
    ev.status, ev.diajukan_pada = Evaluasi.Status.EVALUASI, timezone.now()
    _naik(ev, ["status", "diajukan_pada"])
    audit.catat(user=user, obj=ev, aksi=JejakAudit.Aksi.STATUS, field="status",
                lama=Evaluasi.Status.MANDIRI, baru=ev.status, perangkat_daerah=_pd(ev))
    return ev


def _galat_tutup(pohon) -> list[str]:
    galat = []
    kosong = pohon.belum_dijawab("evaluasi")
    if kosong:
        galat.append(f"{len(kosong)} kriteria belum memiliki nilai evaluasi: "
                     f"{_daftar(kosong, 15)}.")
    galat.extend(p.teks for p in pohon.pelanggaran_evaluasi)
    return galat


def _rekomendasi_rows(hasil: HasilEvaluasi, rekomendasi: list[dict]) -> list[Rekomendasi]:
    rows = []
    for i, r in enumerate(rekomendasi, start=1):
        uraian = (r.get("uraian") or "").strip()
        if not uraian:
            raise ValidationError(f"Rekomendasi {i}: uraian wajib diisi.")
        rows.append(Rekomendasi(hasil=hasil, nomor=i, temuan=(r.get("temuan") or "").strip(),
                                uraian=uraian, batas_waktu=r.get("batas_waktu")))
    return rows


@transaction.atomic
def evaluasi_close(evaluasi: Evaluasi, user, *, nomor: str, tanggal: datetime.date,
                   simpulan: str = "", rekomendasi: list[dict] | None = None,
                   base_version: int | None = None) -> HasilEvaluasi:
    """The ketua tim closes the evaluation: the LHE result (total, predikat, komponen scores,
    recommendations) is written and the worksheet freezes. Refused, listing each problem, while
    a criterion lacks its nilai evaluasi or a kerangka logis of the evaluasi side is broken."""
    ev = _kunci_evaluasi(evaluasi)
    if ev.status == Evaluasi.Status.DITUTUP:
        raise SudahAda("Evaluasi sudah ditutup" + oleh_pada(ev.ditutup_oleh, ev.ditutup_pada)
                       + ".", objek=getattr(ev, "hasil", ev))
    versi_cek(ev, base_version)
    if ev.status != Evaluasi.Status.EVALUASI:
        raise ValidationError("Penilaian mandiri perangkat daerah belum diajukan.")
    if not (nomor or "").strip() or tanggal is None:
        raise ValidationError("Nomor dan tanggal LHE wajib diisi.")
    pohon = evaluasi_tree(ev)
    galat = _galat_tutup(pohon)
    if galat:
        raise ValidationError(galat)
    if HasilEvaluasi.objects.filter(perangkat_daerah=ev.perangkat_daerah, tahun=ev.tahun).exists():
        raise ValidationError(f"Hasil evaluasi tahun {ev.tahun} sudah dicatat untuk perangkat "
                              "daerah ini.")
    hasil = HasilEvaluasi.objects.create(
        perangkat_daerah=ev.perangkat_daerah, tahun=ev.tahun, evaluasi=ev,
        versi_template=f"{ev.template.versi} rev. {ev.template.revisi}", nomor=nomor.strip(),
        tanggal=tanggal, nilai=bulatkan(pohon.nilai_evaluasi, SKOR_DESIMAL),
        predikat=pohon.predikat_evaluasi.kode, simpulan=simpulan or "",
        dicatat_oleh=user if getattr(user, "is_authenticated", False) else None)
    HasilKomponen.objects.bulk_create([
        HasilKomponen(hasil=hasil, kode=kp.komponen.kode, nama=kp.komponen.nama,
                      bobot=kp.komponen.bobot, nilai=bulatkan(kp.nilai_evaluasi, SKOR_DESIMAL),
                      urutan=i)
        for i, kp in enumerate(pohon.komponen)])
    Rekomendasi.objects.bulk_create(_rekomendasi_rows(hasil, rekomendasi or []))
    lama = ev.status
    ev.status, ev.ditutup_oleh, ev.ditutup_pada = Evaluasi.Status.DITUTUP, user, timezone.now()
    _naik(ev, ["status", "ditutup_oleh", "ditutup_pada"])
    audit.catat(user=user, obj=ev, aksi=JejakAudit.Aksi.STATUS, field="status", lama=lama,
                baru=ev.status, perangkat_daerah=_pd(ev))
    audit.catat(user=user, obj=hasil, aksi=JejakAudit.Aksi.BUAT, field="nilai",
                baru=hasil.nilai, perangkat_daerah=_pd(ev), alasan=f"LHE {hasil.nomor}")
    # Notifications (notifikasi.peristiwa): the office learns it has recommendations to follow.
    peristiwa.tindak_lanjut_rekomendasi_baru(
        pd=_pd(ev), tahun=ev.tahun, jumlah=hasil.rekomendasi_set.count(),
        url=reverse("lke:tindak-lanjut", args=[_pd(ev).slug]), oleh=user,
        kunci=f"lhe:{hasil.pk}:rekomendasi")
    return hasil


# --- a past LHE entered from paper -------------------------------------------------------------

def _komponen_lhe(komponen: list[dict]) -> list[HasilKomponen]:
    rows = []
    for i, k in enumerate(komponen):
        kode, nama = str(k.get("kode") or "").strip(), str(k.get("nama") or "").strip()
        if not kode or not nama or k.get("nilai") is None:
            raise ValidationError(f"Komponen {i + 1}: kode, nama dan nilai wajib diisi.")
        rows.append(HasilKomponen(kode=kode, nama=nama, bobot=Decimal(str(k.get("bobot") or 0)),
                                  nilai=Decimal(str(k["nilai"])), urutan=i))
    if len({r.kode for r in rows}) != len(rows):
        raise ValidationError("Kode komponen tidak boleh berulang.")
    return rows


def _cek_hasil(nilai: Decimal, predikat: str | None, komponen: list[HasilKomponen]) -> str:
    if nilai < 0 or nilai > 100:
        raise ValidationError({"nilai": "Nilai harus antara 0 dan 100."})
    for k in komponen:
        if k.nilai < 0 or (k.bobot and k.nilai > k.bobot):
            raise ValidationError({"komponen": f"Nilai komponen {k.kode} harus antara 0 dan "
                                   f"bobotnya ({k.bobot.normalize():f})."})
    if komponen:
        total = sum((k.nilai for k in komponen), Decimal(0))
        if bulatkan(total, 2) != bulatkan(nilai, 2):
            raise ValidationError({"nilai": f"Nilai {nilai.normalize():f} tidak sama dengan "
                                   f"jumlah nilai komponen {total.normalize():f}."})
    hitung = predikat_akip(bulatkan(nilai, 2)).kode
    if predikat and predikat.strip().upper() != hitung:
        raise ValidationError({"predikat": f"Predikat {predikat.strip().upper()} tidak sesuai "
                               f"dengan nilai {nilai.normalize():f}; predikatnya {hitung}."})
    return hitung


@transaction.atomic
def hasil_set(pd, tahun: int, user, *, nomor: str = "", tanggal: datetime.date | None = None,
              nilai, predikat: str | None = None, komponen: list[dict] | None = None,
              base_version: int | None = None) -> HasilEvaluasi:
    """Enter (or correct) a past LHE without answers: total, komponen scores, nomor, tanggal.
    The total must equal the sum of the komponen; the predikat is computed
    (``predikat_akip``), and a typed predikat that differs is refused."""
    nilai = Decimal(str(nilai))
    rows = _komponen_lhe(komponen or [])
    kode = _cek_hasil(nilai, predikat, rows)
    obj = (HasilEvaluasi.objects.select_for_update()
           .filter(perangkat_daerah=pd, tahun=tahun).first())
    if obj is not None and obj.evaluasi_id is not None:
        raise ValidationError(f"Hasil evaluasi tahun {tahun} berasal dari lembar kerja evaluasi "
                              "yang sudah ditutup dan tidak dapat diubah.")
    if obj is None and Evaluasi.objects.filter(perangkat_daerah=pd, tahun=tahun).exists():
        # One result per office and year: the open worksheet will produce it when closed.
        raise ValidationError(f"Evaluasi tahun {tahun} sedang berjalan pada lembar kerja LKE; "
                              "hasilnya dicatat saat evaluasi ditutup.")
    fields = ["nomor", "tanggal", "nilai", "predikat"]
    sebelum = None
    if obj is None:
        obj = HasilEvaluasi(perangkat_daerah=pd, tahun=tahun, versi_template="",
                            dicatat_oleh=user if getattr(user, "is_authenticated", False) else None)
    else:
        versi_cek(obj, base_version)
        sebelum = {f: getattr(obj, f) for f in fields}
        obj.row_version += 1
    obj.nomor, obj.tanggal, obj.nilai, obj.predikat = (nomor or "").strip(), tanggal, nilai, kode
    obj.save()
    obj.komponen_set.all().delete()
    for r in rows:
        r.hasil = obj
    HasilKomponen.objects.bulk_create(rows)
    jejak = audit.jejak_perubahan(obj=obj, sebelum=sebelum, fields=fields, user=user,
                                  perangkat_daerah=pd)
    jejak.append(audit.Jejak(aksi=JejakAudit.Aksi.UBAH if sebelum else JejakAudit.Aksi.BUAT,
                             user=user, obj=obj, perangkat_daerah=pd, field="komponen",
                             baru=[{"kode": r.kode, "nilai": audit.teks_nilai(r.nilai)}
                                   for r in rows]))
    audit.catat_banyak(jejak)
    return obj


# --- evidence for an answer --------------------------------------------------------------------

def _cek_bukti_acuan(pd, jenis: str, acuan: dict[str, Any]) -> None:
    wajib = {BuktiLke.Jenis.BUKTI_DUKUNG: "bukti_dukung", BuktiLke.Jenis.RENSTRA: "renstra",
             BuktiLke.Jenis.PK: "perjanjian", BuktiLke.Jenis.LKJIP: "tahun_lkjip",
             BuktiLke.Jenis.BERKAS: "berkas"}
    if jenis not in wajib:
        raise ValidationError(f"Jenis bukti '{jenis}' tidak dikenal.")
    if not acuan.get(wajib[jenis]):
        raise ValidationError("Pilih dokumen atau berkas bukti.")
    milik = {
        "bukti_dukung": lambda b: b.realisasi.indikator.renstra.perangkat_daerah_id,
        "renstra": lambda r: r.perangkat_daerah_id,
        "perjanjian": lambda p: p.perangkat_daerah_id,
    }
    kunci = wajib[jenis]
    if kunci in milik and milik[kunci](acuan[kunci]) != pd.pk:
        raise ValidationError("Dokumen bukti bukan milik perangkat daerah yang dievaluasi.")


@transaction.atomic
def bukti_lke_add(jawaban: Jawaban, user, *, jenis: str, bukti_dukung=None, renstra=None,
                  perjanjian=None, tahun_lkjip: int | None = None, berkas=None) -> BuktiLke:
    """Link evidence to an answer: a document already in the system or an uploaded file
    (checked by content like realisasi evidence, kinerja.realisasi.bukti)."""
    ev = _kunci_evaluasi(jawaban.evaluasi)
    if ev.ditutup:
        raise ValidationError("Evaluasi sudah ditutup; bukti tidak dapat diubah lagi.")
    pd = ev.perangkat_daerah
    acuan = {"bukti_dukung": bukti_dukung, "renstra": renstra, "perjanjian": perjanjian,
             "tahun_lkjip": tahun_lkjip, "berkas": berkas}
    _cek_bukti_acuan(pd, jenis, acuan)
    obj = BuktiLke(jawaban=jawaban, jenis=jenis,
                   ditambah_oleh=user if getattr(user, "is_authenticated", False) else None)
    if jenis == BuktiLke.Jenis.BERKAS:
        info = periksa_berkas(berkas)
        # The same content again is a double submission (a second click, a second tab), not
        # a second piece of evidence: nothing is written (SudahAda, sakip/versi.py).
        ada = BuktiLke.objects.filter(jawaban=jawaban, sha256=info.sha256).first()
        if ada is not None:
            raise SudahAda(f"Berkas '{info.nama}' sudah dilampirkan pada jawaban ini.", objek=ada)
        obj.nama_asli, obj.sha256, obj.ukuran = info.nama, info.sha256, info.ukuran
        obj.berkas.save(f"{info.sha256}.{info.ekstensi}", berkas, save=False)
    else:
        obj.bukti_dukung, obj.renstra, obj.perjanjian = bukti_dukung, renstra, perjanjian
        obj.tahun_lkjip = tahun_lkjip
    obj.save()
    audit.catat(user=user, obj=jawaban, aksi=JejakAudit.Aksi.BUAT, field="bukti",
                baru=obj.nama_asli or f"{obj.get_jenis_display()} {_acuan_teks(obj)}",
                perangkat_daerah=pd)
    return obj


def _acuan_teks(b: BuktiLke) -> str:
    return str(b.bukti_dukung_id or b.renstra_id or b.perjanjian_id or b.tahun_lkjip or "")


@transaction.atomic
def bukti_lke_delete(bukti: BuktiLke, user) -> None:
    jawaban = bukti.jawaban
    ev = _kunci_evaluasi(jawaban.evaluasi)
    if ev.ditutup:
        raise ValidationError("Evaluasi sudah ditutup; bukti tidak dapat diubah lagi.")
    nama = bukti.nama_asli or f"{bukti.get_jenis_display()} {_acuan_teks(bukti)}"
    storage, path = bukti.berkas.storage, bukti.berkas.name
    bukti.delete()
    audit.catat(user=user, obj=jawaban, aksi=JejakAudit.Aksi.HAPUS, field="bukti", lama=nama,
                perangkat_daerah=ev.perangkat_daerah)
    if path and not BuktiLke.objects.filter(berkas=path).exists() and \
            not TindakLanjut.objects.filter(berkas=path).exists():
        # Files are named by content: another row may share it, and it goes only once unused.
        transaction.on_commit(lambda: storage.delete(path))


# --- follow-up of recommendations --------------------------------------------------------------

def _url_rekom(rek: Rekomendasi) -> str:
    return reverse("lke:tindak-lanjut-detail", args=[rek.hasil.perangkat_daerah.slug, rek.pk])


def _kunci_rekom(rekomendasi: Rekomendasi) -> Rekomendasi:
    return (Rekomendasi.objects.select_for_update().select_related("hasil__perangkat_daerah")
            .get(pk=rekomendasi.pk))


@transaction.atomic
def tindak_lanjut_submit(rekomendasi: Rekomendasi, user, uraian: str, berkas=None, *,
                         base_version: int | None = None) -> TindakLanjut:
    """The office answers a recommendation (→ DIJAWAB), optionally with an evidence file."""
    rek = _kunci_rekom(rekomendasi)
    versi_cek(rek, base_version)
    if rek.status == Rekomendasi.Status.SELESAI:
        raise ValidationError("Rekomendasi ini sudah dinyatakan selesai.")
    if rek.status == Rekomendasi.Status.DIJAWAB:
        tl = rek.tindak_lanjut_set.order_by("-dibuat_pada", "-id").first()
        raise SudahAda("Tindak lanjut sudah dikirim" + oleh_pada(
            tl.dibuat_oleh if tl else None, tl.dibuat_pada if tl else None)
            + " dan menunggu penilaian Inspektorat.", objek=rek)
    if not (uraian or "").strip():
        raise ValidationError({"uraian": "Uraian tindak lanjut wajib diisi."})
    tl = TindakLanjut(rekomendasi=rek, uraian=uraian.strip(),
                      dibuat_oleh=user if getattr(user, "is_authenticated", False) else None)
    if berkas is not None:
        info = periksa_berkas(berkas)
        tl.nama_asli, tl.sha256, tl.ukuran = info.nama, info.sha256, info.ukuran
        tl.berkas.save(f"{info.sha256}.{info.ekstensi}", berkas, save=False)
    tl.save()
    lama = rek.status
    rek.status = Rekomendasi.Status.DIJAWAB
    _naik(rek, ["status"])
    pd = rek.hasil.perangkat_daerah
    audit.catat(user=user, obj=rek, aksi=JejakAudit.Aksi.STATUS, field="status", lama=lama,
                baru=rek.status, alasan=tl.uraian, perangkat_daerah=pd)
    # Notifications (notifikasi.peristiwa): the Inspektorat has an answer to assess.
    peristiwa.tindak_lanjut_diajukan(pd=pd, rekomendasi=rek.uraian, url=_url_rekom(rek),
                                     oleh=user, kunci=f"tindak-lanjut:{tl.pk}:diajukan")
    return tl


def _putus(tl: TindakLanjut, user, catatan: str, keputusan: str) -> TindakLanjut:
    rek = _kunci_rekom(tl.rekomendasi)
    tl = TindakLanjut.objects.select_for_update().get(pk=tl.pk)
    if tl.keputusan:
        raise SudahAda(f"Tindak lanjut ini sudah {tl.get_keputusan_display().lower()}"
                       + oleh_pada(tl.diputus_oleh, tl.diputus_pada) + ".", objek=rek)
    if rek.status != Rekomendasi.Status.DIJAWAB:
        raise ValidationError("Rekomendasi ini tidak sedang menunggu penilaian.")
    tl.keputusan, tl.catatan_keputusan = keputusan, (catatan or "").strip()
    tl.diputus_oleh = user if getattr(user, "is_authenticated", False) else None
    tl.diputus_pada = timezone.now()
    tl.save(update_fields=["keputusan", "catatan_keputusan", "diputus_oleh", "diputus_pada"])
    lama = rek.status
    if keputusan == TindakLanjut.Keputusan.DITERIMA:
        rek.status, rek.selesai_pada = Rekomendasi.Status.SELESAI, tl.diputus_pada
    else:
        rek.status, rek.selesai_pada = Rekomendasi.Status.TERBUKA, None
    _naik(rek, ["status", "selesai_pada"])
    audit.catat(user=user, obj=rek, aksi=JejakAudit.Aksi.STATUS, field="status", lama=lama,
                baru=rek.status, alasan=tl.catatan_keputusan,
                perangkat_daerah=rek.hasil.perangkat_daerah)
    # Notifications (notifikasi.peristiwa): the office learns the decision and its reason.
    peristiwa.tindak_lanjut_diputus(
        pd=rek.hasil.perangkat_daerah, rekomendasi=rek.uraian,
        diterima=keputusan == TindakLanjut.Keputusan.DITERIMA, catatan=tl.catatan_keputusan,
        url=_url_rekom(rek), oleh=user, kunci=f"tindak-lanjut:{tl.pk}:diputus")
    return tl


@transaction.atomic
def tindak_lanjut_approve(tl: TindakLanjut, user, catatan: str = "") -> TindakLanjut:
    """The Inspektorat accepts the follow-up: the recommendation is done (SELESAI)."""
    return _putus(tl, user, catatan, TindakLanjut.Keputusan.DITERIMA)


@transaction.atomic
def tindak_lanjut_reopen(tl: TindakLanjut, user, catatan: str) -> TindakLanjut:
    """The Inspektorat finds the follow-up insufficient: the recommendation is open again, with
    the reason the office must read (required)."""
    if not (catatan or "").strip():
        raise ValidationError({"catatan": "Tuliskan alasan tindak lanjut dibuka kembali."})
    return _putus(tl, user, catatan, TindakLanjut.Keputusan.DIBUKA_KEMBALI)
