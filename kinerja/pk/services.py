"""Writes to the Perjanjian Kinerja (style.md §6): validate, save, audit.

Rules: PermenPAN-RB 53/2014 (PK is immutable once ditetapkan; a change is a new version with one
of three reasons), domain.md §2.4 (TW targets against the annual target), §9 items 1, 16.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kinerja.models import (
    ModeTriwulan,
    PerjanjianKinerja,
    PKAnggaran,
    PKIndikator,
)
from renstra.models import Agregasi, Indikator
from sakip import audit
from sakip.lib.angka import format_angka

PK_FIELDS_TARGET = ["target_tahunan", "target_tahunan_teks", "target_tw1", "target_tw2",
                    "target_tw3", "target_tw4", "mode_tw"]

def _simpan(obj):
    obj.full_clean()
    obj.save()
    return obj


def _cek_pk_terbuka(pk: PerjanjianKinerja) -> None:
    if pk.terkunci:
        raise ValidationError(
            "PK ini sudah ditetapkan dan tidak dapat diubah; buat versi perubahan (revisi)."
        )


# --- Perjanjian Kinerja ----------------------------------------------------------------------

@transaction.atomic
def pk_create(*, perangkat_daerah, tahun: int, jenjang: str, user=None, **fields):
    pk = _simpan(PerjanjianKinerja(perangkat_daerah=perangkat_daerah, tahun=tahun,
                                   jenjang=jenjang, dibuat_oleh=user, **fields))
    audit.catat(user=user, obj=pk, aksi="buat", perangkat_daerah=perangkat_daerah)
    return pk


def validasi_target_triwulan(
    *, agregasi: str, mode_tw: str, target_tahunan: Decimal | None, target_tw: list
) -> list[str]:
    """Messages when TW targets do not add up to the annual target (domain.md §2.4).

    SUM with per-quarter targets: Σ TW = annual. Cumulative targets (and LAST/YTD indicators):
    TW IV = annual. AVG/MAX/MIN are not checked: their annual value is not a TW sum.
    """
    if target_tahunan is None or all(t is None for t in target_tw):
        return []
    pesan = []
    if agregasi == Agregasi.SUM and mode_tw == ModeTriwulan.PER_TRIWULAN:
        total = sum((t for t in target_tw if t is not None), Decimal(0))
        if total != target_tahunan:
            pesan.append(
                f"Jumlah target TW I–IV ({format_angka(total, 2)}) harus sama dengan target "
                f"tahunan ({format_angka(target_tahunan, 2)}) untuk indikator kumulatif."
            )
    elif agregasi in (Agregasi.SUM, Agregasi.LAST, Agregasi.YTD):
        tw4 = target_tw[3]
        if tw4 is not None and tw4 != target_tahunan:
            pesan.append(
                f"Target TW IV ({format_angka(tw4, 2)}) harus sama dengan target tahunan "
                f"({format_angka(target_tahunan, 2)})."
            )
        if mode_tw == ModeTriwulan.KUMULATIF:
            nilai = [t for t in target_tw if t is not None]
            if any(b < a for a, b in zip(nilai, nilai[1:], strict=False)):
                pesan.append("Target kumulatif s/d triwulan tidak boleh menurun.")
    return pesan


@transaction.atomic
def pk_indikator_set(
    *, pk: PerjanjianKinerja, indikator: Indikator, target_tahunan: Decimal | None,
    target_tw: list | None = None, target_tahunan_teks: str = "",
    mode_tw: str = ModeTriwulan.PER_TRIWULAN, urutan: int = 0, user=None, alasan: str = ""
) -> PKIndikator:
    _cek_pk_terbuka(pk)
    if indikator.renstra.perangkat_daerah_id != pk.perangkat_daerah_id:
        raise ValidationError("Indikator bukan milik perangkat daerah PK ini.")
    tw = list(target_tw or [None, None, None, None])
    if len(tw) != 4:
        raise ValidationError("Target triwulan harus empat nilai (TW I–IV).")
    pesan = validasi_target_triwulan(
        agregasi=indikator.agregasi, mode_tw=mode_tw, target_tahunan=target_tahunan, target_tw=tw
    )
    if pesan:
        raise ValidationError({"target_tw": pesan})
    line = (
        PKIndikator.objects.select_for_update().filter(perjanjian=pk, indikator=indikator).first()
    )
    sebelum = None if line is None else {f: getattr(line, f) for f in PK_FIELDS_TARGET}
    if line is None:
        line = PKIndikator(perjanjian=pk, indikator=indikator)
    line.target_tahunan = target_tahunan
    line.target_tahunan_teks = target_tahunan_teks
    line.target_tw1, line.target_tw2, line.target_tw3, line.target_tw4 = tw
    line.mode_tw = mode_tw
    line.urutan = urutan
    _simpan(line)
    audit.catat_perubahan(user=user, obj=line, sebelum=sebelum, fields=PK_FIELDS_TARGET,
                          perangkat_daerah=pk.perangkat_daerah, alasan=alasan)
    return line


@transaction.atomic
def pk_anggaran_set(*, pk: PerjanjianKinerja, pemilik, anggaran: Decimal, keterangan: str = "",
                    urutan: int = 0, user=None, alasan: str = "") -> PKAnggaran:
    _cek_pk_terbuka(pk)
    level = pemilik._meta.model_name
    row = PKAnggaran.objects.select_for_update().filter(perjanjian=pk, **{level: pemilik}).first()
    sebelum = None if row is None else {"anggaran": row.anggaran}
    if row is None:
        row = PKAnggaran(perjanjian=pk, **{level: pemilik})
    row.anggaran = anggaran
    row.keterangan = keterangan
    row.urutan = urutan
    _simpan(row)
    audit.catat_perubahan(user=user, obj=row, sebelum=sebelum, fields=["anggaran"],
                          perangkat_daerah=pk.perangkat_daerah, alasan=alasan)
    return row


@transaction.atomic
def pk_tetapkan(*, pk: PerjanjianKinerja, user, tanggal: datetime.date | None = None,
                nomor: str = "") -> PerjanjianKinerja:
    """Kepala Dinas signs the PK: it becomes immutable (PermenPAN-RB 53/2014)."""
    pk = PerjanjianKinerja.objects.select_for_update().get(pk=pk.pk)
    _cek_pk_terbuka(pk)
    if not pk.indikator_set.exists():
        raise ValidationError("PK tanpa indikator tidak dapat ditetapkan.")
    lama = pk.status
    pk.status = PerjanjianKinerja.Status.DITETAPKAN
    pk.ditetapkan_oleh = user
    pk.ditetapkan_pada = timezone.now()
    if tanggal:
        pk.tanggal = tanggal
    if nomor:
        pk.nomor = nomor
    if pk.tanggal is None:
        pk.tanggal = timezone.localdate()
    _simpan(pk)
    audit.catat(user=user, obj=pk, aksi="status", field="status", lama=lama, baru=pk.status,
                perangkat_daerah=pk.perangkat_daerah)
    return pk


@transaction.atomic
def pk_revisi(*, pk: PerjanjianKinerja, alasan: str, alasan_uraian: str = "",
              tanggal: datetime.date | None = None, nomor: str = "", user=None,
              salin_isi: bool = True) -> PerjanjianKinerja:
    """A new version (jenis perubahan) of a ditetapkan PK; realisasi stay on the old lines."""
    if alasan not in PerjanjianKinerja.Alasan.values:
        raise ValidationError(
            {"alasan": "Alasan perubahan PK harus salah satu dari: pergantian pejabat, "
                       "perubahan strategi, atau perubahan prioritas/asumsi."}
        )
    if not pk.terkunci:
        raise ValidationError("Hanya PK yang sudah ditetapkan yang direvisi; ubah draf ini saja.")
    terakhir = (
        PerjanjianKinerja.objects.filter(
            perangkat_daerah=pk.perangkat_daerah, tahun=pk.tahun, jenjang=pk.jenjang,
            bidang=pk.bidang,
        ).order_by("-versi").first()
    )
    if terakhir.pk != pk.pk:
        raise ValidationError(f"Revisi dibuat dari versi terakhir (versi {terakhir.versi}).")
    baru = PerjanjianKinerja(
        perangkat_daerah=pk.perangkat_daerah, tahun=pk.tahun, jenjang=pk.jenjang,
        bidang=pk.bidang, versi=pk.versi + 1, jenis=PerjanjianKinerja.Jenis.PERUBAHAN,
        sebelumnya=pk, alasan=alasan, alasan_uraian=alasan_uraian, tanggal=tanggal, nomor=nomor,
        dibuat_oleh=user,
        **{f: getattr(pk, f) for f in (
            "pihak_pertama_nama", "pihak_pertama_jabatan", "pihak_pertama_nip",
            "pihak_pertama_pangkat", "pihak_kedua_nama", "pihak_kedua_jabatan",
            "pihak_kedua_nip", "pihak_kedua_pangkat")},
    )
    _simpan(baru)
    if salin_isi:
        for line in pk.indikator_set.all():
            PKIndikator.objects.create(
                perjanjian=baru, indikator=line.indikator, urutan=line.urutan,
                **{f: getattr(line, f) for f in PK_FIELDS_TARGET},
            )
        for row in pk.anggaran_set.all():
            PKAnggaran.objects.create(
                perjanjian=baru, program=row.program, kegiatan=row.kegiatan,
                subkegiatan=row.subkegiatan,
                anggaran=row.anggaran, keterangan=row.keterangan, urutan=row.urutan,
            )
    audit.catat(user=user, obj=baru, aksi="buat", alasan=alasan_uraian or alasan,
                perangkat_daerah=pk.perangkat_daerah)
    return baru


def pk_berlaku(perangkat_daerah, tahun: int, jenjang: str, bidang=None):
    """The last valid version: the LKjIP reports against it (domain.md §9 item 1)."""
    qs = PerjanjianKinerja.objects.filter(
        perangkat_daerah=perangkat_daerah, tahun=tahun, jenjang=jenjang, bidang=bidang
    )
    return (
        qs.filter(status=PerjanjianKinerja.Status.DITETAPKAN).order_by("-versi").first()
        or qs.order_by("-versi").first()
    )


# --- PK builder in the browser (issue 3 part B) ----------------------------------------------
# Editing happens on a draft; "diajukan" waits for the Kepala, who ditetapkan it (then it is
# immutable, PermenPAN-RB 53/2014); a later change is a revision (pk_revisi) with its reason.

PK_HEADER_FIELDS = [
    "pihak_pertama_nama", "pihak_pertama_jabatan", "pihak_pertama_nip", "pihak_pertama_pangkat",
    "pihak_kedua_nama", "pihak_kedua_jabatan", "pihak_kedua_nip", "pihak_kedua_pangkat",
    "tanggal", "nomor", "alasan_uraian",
]


def _cek_pk_draf(pk: PerjanjianKinerja) -> None:
    _cek_pk_terbuka(pk)
    if pk.status != PerjanjianKinerja.Status.DRAFT:
        raise ValidationError(
            "PK sedang diajukan kepada Kepala; tarik kembali menjadi draf untuk mengubahnya."
        )


def nama_wilayah(pemda) -> str:
    """"Kabupaten Gowa" → "Gowa", "Kota Bekasi" → "Bekasi" (for "Bupati Gowa")."""
    for awalan in ("Kabupaten ", "Kota ", "Provinsi "):
        if pemda.nama.startswith(awalan):
            return pemda.nama[len(awalan):]
    return pemda.nama


def pk_pihak_default(perangkat_daerah, jenjang: str, bidang=None) -> dict:
    """Who signs, by level (domain.md §1.2): JPT Pratama → Bupati/Wali Kota; Administrator →
    Kepala Dinas; Pengawas → the Administrator above (left to the planner)."""
    from kinerja.models import Jenjang

    pd = perangkat_daerah
    kepala_pd = {
        "nama": pd.kepala_nama, "jabatan": pd.kepala_jabatan or f"Kepala {pd.nama}",
        "nip": pd.kepala_nip, "pangkat": pd.kepala_pangkat,
    }
    if jenjang == Jenjang.JPT_PRATAMA:
        pertama = kepala_pd
        kedua = {"nama": pd.pemda.kepala_daerah_nama,
                 "jabatan": f"{pd.pemda.sebutan_kepala_daerah} {nama_wilayah(pd.pemda)}",
                 "nip": "", "pangkat": ""}
    elif jenjang == Jenjang.ADMINISTRATOR:
        pertama = {"nama": "", "jabatan": f"Kepala {bidang.nama}" if bidang else "",
                   "nip": "", "pangkat": ""}
        kedua = kepala_pd
    else:
        pertama = {"nama": "", "jabatan": "", "nip": "", "pangkat": ""}
        kedua = {"nama": "", "jabatan": f"Kepala {bidang.nama}" if bidang else "",
                 "nip": "", "pangkat": ""}
    out = {f"pihak_pertama_{k}": v for k, v in pertama.items()}
    out.update({f"pihak_kedua_{k}": v for k, v in kedua.items()})
    return out


@transaction.atomic
def pk_header_update(*, pk: PerjanjianKinerja, user=None, **fields) -> PerjanjianKinerja:
    """Signatories, number and date of a draft PK."""
    unknown = set(fields) - set(PK_HEADER_FIELDS)
    if unknown:
        raise TypeError(f"kolom tidak dikenal: {sorted(unknown)}")
    pk = PerjanjianKinerja.objects.select_for_update().get(pk=pk.pk)
    _cek_pk_draf(pk)
    sebelum = {f: getattr(pk, f) for f in fields}
    for name, value in fields.items():
        setattr(pk, name, value if value is not None or name == "tanggal" else "")
    _simpan(pk)
    audit.catat_perubahan(user=user, obj=pk, sebelum=sebelum, fields=list(fields),
                          perangkat_daerah=pk.perangkat_daerah)
    return pk


@transaction.atomic
def pk_ajukan(*, pk: PerjanjianKinerja, user) -> PerjanjianKinerja:
    """Perencana hands the draft to the Kepala for penetapan."""
    pk = PerjanjianKinerja.objects.select_for_update().get(pk=pk.pk)
    _cek_pk_draf(pk)
    if not pk.indikator_set.exists():
        raise ValidationError("PK tanpa indikator tidak dapat diajukan.")
    kosong = [str(line.indikator) for line in pk.indikator_set.select_related("indikator")
              if line.target_tahunan is None and not line.target_tahunan_teks]
    if kosong:
        raise ValidationError(
            "Target tahunan belum diisi untuk: " + "; ".join(kosong) + "."
        )
    pk.status = PerjanjianKinerja.Status.DIAJUKAN
    pk.save(update_fields=["status"])
    audit.catat(user=user, obj=pk, aksi="status", field="status", lama="draft",
                baru=pk.status, perangkat_daerah=pk.perangkat_daerah)
    return pk


@transaction.atomic
def pk_tarik(*, pk: PerjanjianKinerja, user, catatan: str = "") -> PerjanjianKinerja:
    """A submitted PK goes back to draft (withdrawn by the planner or returned by the Kepala)."""
    pk = PerjanjianKinerja.objects.select_for_update().get(pk=pk.pk)
    _cek_pk_terbuka(pk)
    if pk.status != PerjanjianKinerja.Status.DIAJUKAN:
        raise ValidationError("Hanya PK yang sedang diajukan yang dapat dikembalikan ke draf.")
    pk.status = PerjanjianKinerja.Status.DRAFT
    pk.save(update_fields=["status"])
    audit.catat(user=user, obj=pk, aksi="status", field="status", lama="diajukan",
                baru=pk.status, alasan=catatan, perangkat_daerah=pk.perangkat_daerah)
    return pk


@transaction.atomic
def pk_indikator_hapus(*, line: PKIndikator, user=None, alasan: str = "") -> None:
    pk = line.perjanjian
    _cek_pk_draf(pk)
    if line.realisasi_set.exists():
        raise ValidationError(
            f"Indikator \u201c{line.indikator}\u201d sudah memiliki realisasi pada PK ini dan "
            "tidak dapat dihapus."
        )
    audit.catat(user=user, obj=line, aksi="hapus", field="target_tahunan",
                lama=line.target_tahunan, perangkat_daerah=pk.perangkat_daerah, alasan=alasan)
    line.delete()


@transaction.atomic
def pk_anggaran_hapus(*, row: PKAnggaran, user=None, alasan: str = "") -> None:
    pk = row.perjanjian
    _cek_pk_draf(pk)
    audit.catat(user=user, obj=row, aksi="hapus", field="anggaran", lama=row.anggaran,
                perangkat_daerah=pk.perangkat_daerah, alasan=alasan)
    row.delete()


def pk_kandidat(pk: PerjanjianKinerja):
    """What the Renstra offers this PK (domain.md §1.2 lampiran, §9 item 6 cascading).

    Returns (renstra, indicators, budget owners): JPT Pratama — sasaran indicators (IKU first)
    and the programs supporting those sasaran; Administrator — program outcome indicators and
    kegiatan; Pengawas — kegiatan/sub kegiatan output indicators and sub kegiatan. A bidang on
    the PK narrows it to that bidang's nodes.
    """
    from django.db.models import Q

    from kinerja.models import Jenjang
    from renstra.models import Kegiatan, Program, SasaranProgram, SubKegiatan
    from renstra.selectors import renstra_aktif

    renstra = renstra_aktif(pk.perangkat_daerah, pk.tahun)
    if renstra is None or pk.tahun not in renstra.tahun_list:
        return renstra, Indikator.objects.none(), []
    ind = Indikator.objects.filter(renstra=renstra, aktif=True).select_related(
        "sasaran", "program", "kegiatan", "subkegiatan"
    )
    b = pk.bidang_id
    if pk.jenjang == Jenjang.JPT_PRATAMA:
        ind = ind.filter(sasaran__isnull=False).order_by("-is_iku", "sasaran__urutan", "urutan",
                                                         "id")
        sasaran_ids = set(ind.values_list("sasaran_id", flat=True))
        pemilik = list(
            Program.objects.filter(
                pk__in=SasaranProgram.objects.filter(sasaran_id__in=sasaran_ids).values(
                    "program_id")
            ).order_by("urutan", "kode")
        )
    elif pk.jenjang == Jenjang.ADMINISTRATOR:
        ind = ind.filter(program__isnull=False)
        keg = Kegiatan.objects.filter(program__renstra=renstra).select_related("program")
        if b:
            ind = ind.filter(Q(bidang_id=b) | Q(program__bidang_id=b))
            keg = keg.filter(Q(bidang_id=b) | Q(program__bidang_id=b))
        ind = ind.order_by("program__kode", "urutan", "id")
        pemilik = list(keg.order_by("kode"))
    else:
        ind = ind.filter(Q(kegiatan__isnull=False) | Q(subkegiatan__isnull=False))
        sub = SubKegiatan.objects.filter(kegiatan__program__renstra=renstra)
        if b:
            ind = ind.filter(Q(bidang_id=b) | Q(kegiatan__bidang_id=b)
                             | Q(subkegiatan__bidang_id=b))
            sub = sub.filter(Q(bidang_id=b) | Q(kegiatan__bidang_id=b))
        ind = ind.order_by("kegiatan__kode", "subkegiatan__kode", "urutan", "id")
        pemilik = list(sub.order_by("kode"))
    return renstra, ind, pemilik


def pagu_untuk_pk(renstra, tahun: int, pemilik_list) -> dict:
    """(level, id) → (anggaran, sumber): the DPA pagu efektif (§9 item 13: PK anggaran = DPA
    pagu), else the Renstra pagu indikatif of that year (own value, else Σ children)."""
    from anggaran.selectors import ringkasan_anggaran, struktur
    from renstra.selectors import pagu_indikatif_map

    ringkasan = ringkasan_anggaran(renstra, tahun)
    indikatif = pagu_indikatif_map(renstra, tahun_list=[tahun])
    nilai_renstra: dict = {}

    def rollup(node) -> Decimal | None:
        anak = [rollup(c) for c in node.children]
        own = indikatif.get((node.level, node.id, tahun))
        if own is None and any(a is not None for a in anak):
            own = sum((a for a in anak if a is not None), Decimal(0))
        nilai_renstra[(node.level, node.id)] = own
        return own

    for program in struktur(renstra):
        rollup(program)
    out = {}
    for p in pemilik_list:
        key = (p._meta.model_name, p.pk)
        node = ringkasan.node(*key)
        if node is not None and node.pagu is not None:
            out[key] = (node.pagu, "DPA")
        elif nilai_renstra.get(key) is not None:
            out[key] = (nilai_renstra[key], "Renstra")
        else:
            out[key] = (None, "")
    return out


@transaction.atomic
def pk_isi_dari_renstra(*, pk: PerjanjianKinerja, user=None) -> list[str]:
    """Fill a draft PK from the Renstra: the indicators of its level with that year's target,
    and the budget lines with their pagu. Lines already in the PK are left as they are.

    Returns warnings (Bahasa Indonesia) for what could not be filled.
    """
    from renstra.models import TargetIndikator

    pk = PerjanjianKinerja.objects.select_for_update().get(pk=pk.pk)
    _cek_pk_draf(pk)
    renstra, kandidat, pemilik = pk_kandidat(pk)
    peringatan: list[str] = []
    if renstra is None or pk.tahun not in renstra.tahun_list:
        raise ValidationError(f"Belum ada Renstra yang mencakup tahun {pk.tahun}.")
    kandidat = list(kandidat)
    from kinerja.models import Jenjang

    if pk.jenjang == Jenjang.JPT_PRATAMA:
        iku = [i for i in kandidat if i.is_iku]
        if iku:
            kandidat = iku
        else:
            peringatan.append("Belum ada indikator sasaran bertanda IKU; semua indikator sasaran "
                              "yang aktif dimasukkan.")
    sudah = set(pk.indikator_set.values_list("indikator_id", flat=True))
    target = {
        t.indikator_id: t for t in TargetIndikator.objects.filter(
            indikator__in=[i.pk for i in kandidat], tahun=pk.tahun)
    }
    urutan = pk.indikator_set.count()
    for ind in kandidat:
        if ind.pk in sudah:
            continue
        t = target.get(ind.pk)
        if t is None or (t.nilai is None and not t.nilai_teks):
            peringatan.append(f"Indikator \u201c{ind}\u201d belum memiliki target Renstra "
                              f"{pk.tahun}; isi target tahunannya.")
        urutan += 1
        pk_indikator_set(pk=pk, indikator=ind, target_tahunan=t.nilai if t else None,
                         target_tahunan_teks=t.nilai_teks if t else "", urutan=urutan,
                         user=user, alasan="Diisi dari Renstra")
    level_ada = {(r.program_id, r.kegiatan_id, r.subkegiatan_id) for r in pk.anggaran_set.all()}
    pagu = pagu_untuk_pk(renstra, pk.tahun, pemilik)
    urutan = pk.anggaran_set.count()
    for p in pemilik:
        level = p._meta.model_name
        key = (p.pk if level == "program" else None, p.pk if level == "kegiatan" else None,
               p.pk if level == "subkegiatan" else None)
        if key in level_ada:
            continue
        nilai, sumber = pagu[(level, p.pk)]
        if nilai is None:
            peringatan.append(f"{p} belum memiliki pagu {pk.tahun} (DPA maupun Renstra); "
                              "tambahkan anggarannya secara manual.")
            continue
        if sumber == "Renstra":
            peringatan.append(f"{p.kode}: pagu DPA {pk.tahun} belum ada, dipakai pagu indikatif "
                              "Renstra.")
        urutan += 1
        pk_anggaran_set(pk=pk, pemilik=p, anggaran=nilai, urutan=urutan, user=user,
                        alasan=f"Diisi dari pagu {sumber}")
    return peringatan
