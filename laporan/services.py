"""LKjIP lifecycle: draft → reviu (APIP) → ditetapkan (domain.md §9 item 15).

These functions write only report state (``LaporanKinerja``, ``BerkasLKjIP``); plan and
measurement data are read, never written (design.md). Every change leaves a JejakAudit row.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from laporan import kepegawaian
from laporan import narasi as narasi_mod
from laporan.models import (
    BasisEfisiensi,
    BerkasLKjIP,
    CapaianTerbit,
    KelompokPegawai,
    KepegawaianTahun,
    LaporanKinerja,
)
from laporan.render_html import render_html
from laporan.render_json import ke_dict
from laporan.render_xlsx import render_xlsx
from laporan.selectors import (
    LKjIPTersusun,
    kunci_berkas_final,
    sasaran_ids_laporan,
    susun,
)
from laporan.tasks import susun_pdf_lkjip
from notifikasi import peristiwa
from sakip import audit
from sakip.models import PerangkatDaerah
from sakip.versi import DataKedaluwarsa, SudahAda, oleh_terakhir, versi_cek


def _simpan(obj):
    obj.full_clean()
    obj.save()
    return obj


def _cek_terbuka(laporan: LaporanKinerja) -> None:
    if laporan.terkunci:
        raise ValidationError(
            f"LKjIP {laporan.tahun} versi {laporan.versi} sudah ditetapkan dan tidak dapat "
            "diubah; buat versi baru untuk perbaikan."
        )


def _terakhir(perangkat_daerah, tahun: int) -> LaporanKinerja | None:
    return (LaporanKinerja.objects.filter(perangkat_daerah=perangkat_daerah, tahun=tahun)
            .order_by("-versi").first())


def _sudah_dimulai(terakhir: LaporanKinerja) -> SudahAda:
    oleh = oleh_terakhir(terakhir, aksi="buat")
    return SudahAda(
        f"LKjIP {terakhir.tahun} versi {terakhir.versi} sudah dimulai{oleh} dan masih "
        f"{terakhir.get_status_display().lower()}; lanjutkan versi itu.", objek=terakhir)


@transaction.atomic
def laporan_create(*, perangkat_daerah, tahun: int, user) -> LaporanKinerja:
    """Start the year's LKjIP (versi 1), or a new version after a ditetapkan one.

    A new version copies the narratives and settings of the previous one: only what changed
    needs rewriting. Starting twice (a double click, two planners) starts once: the office row
    is locked (FOR NO KEY UPDATE: inserts that merely reference the office go on), so the
    second request waits, then finds the first one's draft and gets SudahAda.
    """
    list(PerangkatDaerah.objects.select_for_update(no_key=True)
         .filter(pk=perangkat_daerah.pk).values_list("pk", flat=True))
    terakhir = _terakhir(perangkat_daerah, tahun)
    if terakhir is not None and not terakhir.terkunci:
        raise _sudah_dimulai(terakhir)
    baru = LaporanKinerja(perangkat_daerah=perangkat_daerah, tahun=tahun,
                          versi=terakhir.versi + 1 if terakhir else 1)
    if terakhir is not None:
        baru.narasi = dict(terakhir.narasi or {})
        baru.basis_efisiensi = terakhir.basis_efisiensi
        baru.ikhtisar_eksekutif = terakhir.ikhtisar_eksekutif
    try:
        with transaction.atomic():
            _simpan(baru)
    except IntegrityError:
        # A concurrent twin that did not take the office lock: the unique version guards.
        ada = _terakhir(perangkat_daerah, tahun)
        if ada is None or ada.terkunci:
            raise
        raise _sudah_dimulai(ada) from None
    audit.catat(user=user, obj=baru, aksi="buat", perangkat_daerah=perangkat_daerah,
                alasan=f"versi baru setelah versi {terakhir.versi} ditetapkan"
                if terakhir else "")
    return baru


def _bersihkan_narasi(narasi: dict, sasaran_ids: set[int]) -> dict:
    """Keep known keys only; texts trimmed and bounded; the date checked."""
    out: dict = {}
    for kunci in narasi_mod.KUNCI:
        teks = str(narasi.get(kunci) or "").strip()
        if len(teks) > narasi_mod.MAKS_PANJANG:
            judul = next(b.judul for b in narasi_mod.BAGIAN if b.kunci == kunci)
            raise ValidationError({kunci: f"Narasi \u201c{judul}\u201d terlalu panjang: "
                                          f"{len(teks)} karakter, paling banyak "
                                          f"{narasi_mod.MAKS_PANJANG}."})
        if teks:
            out[kunci] = teks
    tempat = str(narasi.get("tempat") or "").strip()
    if len(tempat) > 100:
        raise ValidationError({"tempat": "Tempat penandatanganan paling banyak 100 karakter."})
    if tempat:
        out["tempat"] = tempat
    tanggal = _tanggal_narasi(narasi.get("tanggal"))
    if tanggal:
        out["tanggal"] = tanggal
    per_sasaran = _narasi_sasaran(narasi.get("sasaran") or {}, sasaran_ids)
    if per_sasaran:
        out["sasaran"] = per_sasaran
    for kelompok, kunci in (("indikator", narasi_mod.KUNCI_INDIKATOR),
                            ("program", narasi_mod.KUNCI_PROGRAM),
                            ("serapan_program", narasi_mod.KUNCI_INDIKATOR),
                            ("serapan_kegiatan", narasi_mod.KUNCI_INDIKATOR)):
        per = _narasi_per_id(narasi.get(kelompok) or {}, kunci)
        if per:
            out[kelompok] = per
    return out


def _narasi_per_id(per_id: dict, kunci: set[str]) -> dict:
    """Kendala and rencana tindak lanjut per indicator or program (keys are their ids)."""
    out = {}
    for oid, isi in per_id.items():
        if not str(oid).isdigit():
            raise ValidationError({"narasi": f"Kunci '{oid}' bukan nomor indikator/program."})
        bersih = {}
        for k in kunci:
            teks = str((isi or {}).get(k) or "").strip()
            if len(teks) > narasi_mod.MAKS_PANJANG:
                raise ValidationError({k: "Narasi terlalu panjang."})
            if teks:
                bersih[k] = teks
        if bersih:
            out[str(oid)] = bersih
    return out


def _tanggal_narasi(tanggal) -> str:
    """The report date as ISO text ("2025-01-21"), or "" when none was given."""
    if not tanggal:
        return ""
    if isinstance(tanggal, datetime.date):
        tanggal = tanggal.isoformat()
    try:
        datetime.date.fromisoformat(str(tanggal))
    except ValueError:
        raise ValidationError(
            {"tanggal": f"Tanggal laporan '{tanggal}' tidak valid; diharapkan tanggal "
                        "seperti 2025-01-21."}
        ) from None
    return str(tanggal)


def _narasi_sasaran(per_sasaran: dict, sasaran_ids: set[int]) -> dict:
    """The per-sasaran analyses (penyebab, solusi, standar, program) of the Renstra's sasaran."""
    out = {}
    for sid, isi in per_sasaran.items():
        if int(sid) not in sasaran_ids:
            raise ValidationError({"sasaran": f"Sasaran {sid} bukan bagian dari Renstra "
                                              "laporan ini."})
        bersih = {}
        for kunci in narasi_mod.KUNCI_SASARAN:
            teks = str((isi or {}).get(kunci) or "").strip()
            if len(teks) > narasi_mod.MAKS_PANJANG:
                raise ValidationError({kunci: "Narasi sasaran terlalu panjang."})
            if teks:
                bersih[kunci] = teks
        if bersih:
            out[str(sid)] = bersih
    return out


def _cek_versi(laporan: LaporanKinerja, versi_dasar: int | None, baru: dict) -> bool:
    """Refuse a save based on an older row_version (sakip.versi), unless it would store exactly
    what is stored (the same form sent twice: nothing to lose). True: nothing to write."""
    try:
        versi_cek(laporan, versi_dasar)
    except DataKedaluwarsa:
        if all(getattr(laporan, f) == v for f, v in baru.items()):
            return True
        raise
    return False


@transaction.atomic
def narasi_update(*, laporan: LaporanKinerja, narasi: dict, user,
                  basis_efisiensi: str | None = None, ikhtisar_eksekutif: bool | None = None,
                  sasaran_ids: set[int] | None = None,
                  versi_dasar: int | None = None) -> LaporanKinerja:
    """Save the editable narratives and report settings of a draft (or a report under reviu).

    ``narasi`` replaces the stored narratives entirely (the form posts every section).
    ``versi_dasar``: the row_version the form showed; a stale one is refused (DataKedaluwarsa),
    so two planners editing the same report cannot silently erase each other's sections.
    """
    laporan = LaporanKinerja.objects.select_for_update().get(pk=laporan.pk)
    _cek_terbuka(laporan)
    if sasaran_ids is None:
        sasaran_ids = sasaran_ids_laporan(laporan)
    bersih = _bersihkan_narasi(narasi, sasaran_ids)
    if basis_efisiensi is not None and basis_efisiensi not in BasisEfisiensi.values:
        raise ValidationError({"basis_efisiensi": "Basis anggaran efisiensi tidak dikenal."})
    baru = {"narasi": bersih, "basis_efisiensi": basis_efisiensi,
            "ikhtisar_eksekutif": ikhtisar_eksekutif}
    baru = {f: v for f, v in baru.items() if v is not None}
    if _cek_versi(laporan, versi_dasar, baru):
        return laporan
    lama = dict(laporan.narasi or {})
    sebelum = {"basis_efisiensi": laporan.basis_efisiensi,
               "ikhtisar_eksekutif": laporan.ikhtisar_eksekutif}
    for f, v in baru.items():
        setattr(laporan, f, v)
    laporan.row_version += 1
    _simpan(laporan)
    pd = laporan.perangkat_daerah
    for kunci in sorted(set(lama) | set(bersih)):
        if lama.get(kunci) != bersih.get(kunci):
            audit.catat(user=user, obj=laporan, aksi="ubah", field=f"narasi.{kunci}",
                        lama=lama.get(kunci), baru=bersih.get(kunci),
                        perangkat_daerah=pd)
    audit.catat_perubahan(user=user, obj=laporan, sebelum=sebelum,
                          fields=["basis_efisiensi", "ikhtisar_eksekutif"], perangkat_daerah=pd)
    return laporan


@transaction.atomic
def laporan_review(*, laporan: LaporanKinerja, nomor: str, tanggal: datetime.date,
                  catatan: str, user, versi_dasar: int | None = None) -> LaporanKinerja:
    """The Inspektorat records its review (LHR number, date, note): draft → reviu.

    A second review of the same version replaces the LHR (e.g. after the perencana answered
    the notes); a ditetapkan version is never reviewed again. ``versi_dasar``: the row_version
    the form showed; a review of a report that changed since is refused (DataKedaluwarsa).
    """
    laporan = LaporanKinerja.objects.select_for_update().get(pk=laporan.pk)
    _cek_terbuka(laporan)
    nomor, catatan = (nomor or "").strip(), (catatan or "").strip()
    if not nomor:
        raise ValidationError({"reviu_nomor": "Nomor Laporan Hasil Reviu (LHR) wajib diisi."})
    if tanggal is None:
        raise ValidationError({"reviu_tanggal": "Tanggal LHR wajib diisi."})
    if tanggal > timezone.localdate():
        raise ValidationError({"reviu_tanggal": "Tanggal LHR tidak boleh di masa depan."})
    baru = {"reviu_nomor": nomor, "reviu_tanggal": tanggal, "reviu_catatan": catatan,
            "status": LaporanKinerja.Status.REVIU}
    if _cek_versi(laporan, versi_dasar, baru):
        return laporan
    sebelum = {f: getattr(laporan, f) for f in ("status", "reviu_nomor", "reviu_tanggal",
                                                 "reviu_catatan")}
    for f, v in baru.items():
        setattr(laporan, f, v)
    laporan.reviu_oleh = user
    laporan.row_version += 1
    _simpan(laporan)
    audit.catat_perubahan(user=user, obj=laporan, sebelum=sebelum,
                          fields=["status", "reviu_nomor", "reviu_tanggal", "reviu_catatan"],
                          perangkat_daerah=laporan.perangkat_daerah)
    # Notifications (notifikasi.peristiwa): reviewed = ready for the Kepala's penetapan.
    peristiwa.lkjip_menunggu(laporan=laporan, oleh=user)
    return laporan


@transaction.atomic
def berkas_request(*, perangkat_daerah, tahun: int, kunci: str, html: str,
                 laporan: LaporanKinerja | None, user) -> tuple[BerkasLKjIP, bool]:
    """The cached PDF for ``kunci``, or a new one queued for the background worker.

    Returns ``(berkas, baru)``. A failed render is queued again. Asked twice at once (two
    downloads of the same data), the PDF is queued once: a new row is guarded by its unique
    hash, a failed one is locked before it is queued again.
    """
    berkas = BerkasLKjIP.objects.filter(perangkat_daerah=perangkat_daerah, tahun=tahun,
                                        hash=kunci).first()
    if berkas is not None and berkas.status != BerkasLKjIP.Status.GAGAL:
        return berkas, False
    if berkas is None:
        try:
            with transaction.atomic():
                berkas = BerkasLKjIP.objects.create(
                    perangkat_daerah=perangkat_daerah, tahun=tahun, hash=kunci, html=html,
                    laporan=laporan, diminta_oleh=user if getattr(user, "is_authenticated",
                                                                  False) else None,
                )
        except IntegrityError:
            # Someone asked for the same PDF a moment ago: theirs is ours.
            return BerkasLKjIP.objects.get(perangkat_daerah=perangkat_daerah, tahun=tahun,
                                           hash=kunci), False
    else:
        berkas = BerkasLKjIP.objects.select_for_update().get(pk=berkas.pk)
        if berkas.status != BerkasLKjIP.Status.GAGAL:
            return berkas, False  # queued again by a concurrent request while we waited
        berkas.status, berkas.pesan, berkas.html, berkas.tahap = (
            BerkasLKjIP.Status.ANTRI, "", html, "")
        berkas.save(update_fields=["status", "pesan", "html", "tahap"])
    hasil = susun_pdf_lkjip.enqueue(berkas.pk)
    BerkasLKjIP.objects.filter(pk=berkas.pk).update(task_id=str(hasil.id)[:64])
    berkas.refresh_from_db()
    return berkas, True


@transaction.atomic
def laporan_approve(*, laporan: LaporanKinerja, user,
                     tanggal: datetime.date | None = None) -> LaporanKinerja:
    """The Kepala signs: the data, its hash, the HTML/XLSX and the PDF are frozen.

    Requires the APIP review (PermenPAN-RB 53/2014: the LKjIP is reviewed before it is
    submitted). The PDF is rendered from the frozen HTML by the background worker (or reused
    when the same data was already rendered), so later data changes never alter it.
    """
    laporan = LaporanKinerja.objects.select_for_update(of=("self",)).select_related(
        "perangkat_daerah__pemda").get(pk=laporan.pk)
    if laporan.terkunci:
        # Signed twice (a double click, two tabs): signed once, the frozen copy untouched.
        oleh = oleh_terakhir(laporan, field="status", nilai_baru=laporan.status)
        raise SudahAda(f"LKjIP {laporan.tahun} versi {laporan.versi} sudah ditetapkan{oleh}.",
                       objek=laporan)
    if laporan.status != LaporanKinerja.Status.REVIU:
        raise ValidationError(
            "LKjIP belum direviu Inspektorat (APIP): catat Laporan Hasil Reviu lebih dahulu."
        )
    # The Kepala in office on the penetapan date signs (sakip.kantor.selectors).
    laporan.tanggal_penetapan = tanggal or timezone.localdate()
    tersusun: LKjIPTersusun = susun(laporan.perangkat_daerah, laporan.tahun, laporan)
    kurang = tersusun.data.kelengkapan
    if kurang:
        # Completeness is checked, not claimed: every placeholder of the draft must be filled
        # where it says before the Kepala signs.
        raise ValidationError(
            ["LKjIP tidak dapat ditetapkan; masih ada yang perlu dilengkapi:"]
            + [f"{k.apa} (diisi pada {k.tempat})" for k in kurang])
    html = render_html(tersusun.data, peringatan=False,
                       tanggal_penetapan=laporan.tanggal_penetapan)
    sebelum = {"status": laporan.status, "data_hash": laporan.data_hash}
    laporan.status = LaporanKinerja.Status.DITETAPKAN
    laporan.data_hash = tersusun.hash
    laporan.snapshot = ke_dict(tersusun.data)
    laporan.snapshot["laporan"]["status"] = LaporanKinerja.Status.DITETAPKAN
    laporan.snapshot_html = html
    laporan.tanggal_penetapan = tanggal or timezone.localdate()
    laporan.ditetapkan_oleh = user
    laporan.ditetapkan_pada = timezone.now()
    laporan.snapshot_xlsx.save("lkjip.xlsx", ContentFile(render_xlsx(tersusun.data)), save=False)
    berkas, _ = berkas_request(perangkat_daerah=laporan.perangkat_daerah, tahun=laporan.tahun,
                             kunci=kunci_berkas_final(tersusun.hash), html=html, laporan=laporan,
                             user=user)
    laporan.berkas_final = berkas
    laporan.row_version += 1
    _simpan(laporan)
    audit.catat_perubahan(user=user, obj=laporan, sebelum=sebelum,
                          fields=["status", "data_hash"],
                          perangkat_daerah=laporan.perangkat_daerah)
    # Notifications (notifikasi.peristiwa): the perencana learn the LKjIP is signed.
    peristiwa.lkjip_ditetapkan(laporan=laporan, oleh=user)
    return laporan


@transaction.atomic
def berkas_final_rebuild(*, laporan: LaporanKinerja, user) -> BerkasLKjIP:
    """Queue the frozen HTML again when the final PDF failed to render."""
    if not laporan.terkunci or not laporan.snapshot_html:
        raise ValidationError("Hanya LKjIP yang sudah ditetapkan memiliki PDF final.")
    berkas = laporan.berkas_final
    if berkas is not None and berkas.status != BerkasLKjIP.Status.GAGAL:
        return berkas
    berkas, _ = berkas_request(perangkat_daerah=laporan.perangkat_daerah, tahun=laporan.tahun,
                             kunci=kunci_berkas_final(laporan.data_hash),
                             html=laporan.snapshot_html, laporan=laporan, user=user)
    LaporanKinerja.objects.filter(pk=laporan.pk).update(berkas_final=berkas)
    return berkas


# --- earlier years' capaian as published --------------------------------------------------------


@transaction.atomic
def capaian_terbit_save(*, indikator, tahun: int, capaian, sumber: str, user,
                        target=None, realisasi=None, catatan: str = "",
                        versi_dasar: int | None = None) -> CapaianTerbit:
    """Record (or correct) the capaian of ``indikator`` in ``tahun`` as published in that
    year's LKjIP. Only earlier years of the Renstra period: the current year is computed."""
    sumber, catatan = (sumber or "").strip(), (catatan or "").strip()
    if not sumber:
        raise ValidationError({"sumber": "Sebutkan dokumen sumbernya, mis. LKjIP Tahun "
                                         f"{tahun} Tabel 3.1."})
    if tahun >= timezone.localdate().year:
        raise ValidationError({"tahun": "Capaian terbit hanya untuk tahun yang telah "
                                        "dilaporkan."})
    obj = (CapaianTerbit.objects.select_for_update()
           .filter(indikator=indikator, tahun=tahun).first())
    baru = {"capaian": capaian, "target": target, "realisasi": realisasi, "sumber": sumber,
            "catatan": catatan}
    pd = indikator.renstra.perangkat_daerah
    if obj is None:
        obj = CapaianTerbit(indikator=indikator, tahun=tahun, dicatat_oleh=user, **baru)
        _simpan(obj)
        audit.catat(user=user, obj=obj, aksi="buat", perangkat_daerah=pd,
                    baru={k: str(v) for k, v in baru.items() if v not in (None, "")})
        return obj
    if _cek_versi(obj, versi_dasar, baru):
        return obj
    sebelum = {f: getattr(obj, f) for f in baru}
    for f, v in baru.items():
        setattr(obj, f, v)
    obj.dicatat_oleh = user
    obj.row_version += 1
    _simpan(obj)
    audit.catat_perubahan(user=user, obj=obj, sebelum=sebelum, fields=list(baru),
                          perangkat_daerah=pd)
    return obj


# --- staffing of the year (BAB I) ------------------------------------------------------------


def _baris_kepegawaian(baris: list[dict]) -> list[tuple[str, str, int]]:
    """(kelompok, kategori, jumlah) per row, checked as a whole: every error at once."""
    out: list[tuple[str, str, int]] = []
    galat: list[str] = []
    dilihat: set[tuple[str, str]] = set()
    for i, b in enumerate(baris, start=1):
        kelompok, kategori = b.get("kelompok"), str(b.get("kategori") or "").strip()
        jumlah = b.get("jumlah")
        if kelompok not in KelompokPegawai.values:
            galat.append(f"Baris {i}: kelompok “{kelompok}” tidak dikenal.")
            continue
        if not kategori or len(kategori) > 40:
            galat.append(f"Baris {i}: isi kategori (paling banyak 40 karakter).")
            continue
        if not isinstance(jumlah, int) or isinstance(jumlah, bool) or jumlah < 0:
            galat.append(f"Baris {i}: jumlah pegawai harus bilangan bulat 0 atau lebih.")
            continue
        kunci = (kelompok, kategori.casefold())
        if kunci in dilihat:
            galat.append(f"Baris {i}: kategori “{kategori}” "
                         f"({str(KelompokPegawai(kelompok).label).lower()}) tercantum dua kali.")
            continue
        dilihat.add(kunci)
        out.append((kelompok, kategori, jumlah))
    if galat:
        raise ValidationError(galat)
    return out


@transaction.atomic
def kepegawaian_save(*, perangkat_daerah, tahun: int, baris: list[dict], user,
                     versi_dasar: str | None = None) -> list[KepegawaianTahun]:
    """Replace the staffing counts of ``perangkat_daerah`` in ``tahun`` (BAB I), all or
    nothing: a single wrong row saves none. ``baris``: dicts of kelompok, kategori, jumlah in
    the order printed. ``versi_dasar``: the state the page showed (``kepegawaian.sidik``); a
    save over a table someone changed meanwhile is refused (DataKedaluwarsa), unless it stores
    exactly what is stored (the same form sent twice)."""
    if tahun > timezone.localdate().year:
        raise ValidationError({"tahun": "Jumlah pegawai dicatat untuk tahun yang sudah "
                                        "berjalan."})
    bersih = _baris_kepegawaian(baris)
    # The office row serialises two saves of the same table (as laporan_create does).
    list(PerangkatDaerah.objects.select_for_update(no_key=True)
         .filter(pk=perangkat_daerah.pk).values_list("pk", flat=True))
    lama = kepegawaian.baris_tahun(perangkat_daerah, tahun)
    sama = [(r.kelompok, r.kategori, r.jumlah) for r in lama] == bersih
    if versi_dasar is not None and versi_dasar != kepegawaian.sidik(lama):
        if sama:
            return lama
        raise DataKedaluwarsa()
    if sama:
        return lama
    per_kunci = {(r.kelompok, r.kategori.casefold()): r for r in lama}
    simpan: list[KepegawaianTahun] = []
    for urutan, (kelompok, kategori, jumlah) in enumerate(bersih):
        obj = per_kunci.pop((kelompok, kategori.casefold()), None)
        if obj is None:
            obj = KepegawaianTahun(perangkat_daerah=perangkat_daerah, tahun=tahun,
                                   kelompok=kelompok, kategori=kategori, urutan=urutan,
                                   jumlah=jumlah)
            _simpan(obj)
            audit.catat(user=user, obj=obj, aksi="buat", perangkat_daerah=perangkat_daerah,
                        baru={"kelompok": kelompok, "kategori": kategori, "jumlah": jumlah})
        elif (obj.kategori, obj.jumlah, obj.urutan) != (kategori, jumlah, urutan):
            sebelum = {"kategori": obj.kategori, "jumlah": obj.jumlah, "urutan": obj.urutan}
            obj.kategori, obj.jumlah, obj.urutan = kategori, jumlah, urutan
            obj.row_version += 1
            _simpan(obj)
            audit.catat_perubahan(user=user, obj=obj, sebelum=sebelum,
                                  fields=["kategori", "jumlah", "urutan"],
                                  perangkat_daerah=perangkat_daerah)
        simpan.append(obj)
    for obj in per_kunci.values():
        audit.catat(user=user, obj=obj, aksi="hapus", perangkat_daerah=perangkat_daerah,
                    lama={"kelompok": obj.kelompok, "kategori": obj.kategori,
                          "jumlah": obj.jumlah})
        obj.delete()
    return simpan
