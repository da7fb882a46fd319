"""django-import-export resources for flat sheets (style.md §2: one ModelResource per sheet).

The nomenklatur master (domain.md §6.1) is a flat list — one row per code and version — so it is
imported the django-import-export way, in the admin and by ``manage.py load_nomenklatur``. The
hierarchical Renstra Tabel 4.2 is not flat and has its own reader (renstra/impor/baca.py).
"""

from import_export import resources
from import_export.instance_loaders import ModelInstanceLoader

from renstra.kode import KodeTidakSah, level_kode, pisah_kode_nama
from renstra.models import Nomenklatur

KOLOM_NOMENKLATUR = ("kode", "nama", "level", "versi", "berlaku_mulai", "berlaku_sampai",
                     "kinerja", "indikator", "satuan")


class _LoaderKodeVersi(ModelInstanceLoader):
    """Every existing row of the versions in the file, fetched once (a master list has
    thousands of rows; one query per row would make the load slow, platform.md)."""

    def __init__(self, resource, dataset=None):
        super().__init__(resource, dataset)
        self._cache: dict[tuple[str, str], Nomenklatur] | None = None

    def get_instance(self, row):
        if self._cache is None:
            versi = {self.resource.versi} if self.resource.versi else {
                str(v).strip() for v in (self.dataset["versi"] if self.dataset is not None
                                         and "versi" in (self.dataset.headers or []) else [])
            }
            qs = self.get_queryset().filter(versi__in=versi) if versi else self.get_queryset()
            self._cache = {(n.kode, n.versi): n for n in qs}
        return self._cache.get((row.get("kode"), row.get("versi")))


class NomenklaturResource(resources.ModelResource):
    """Kepmendagri code → name per version. Codes are normalised to the canonical dotted form
    (``normalisasi_kode``: ``1.06.04.02.01.0001``, SIPD names with the code embedded,
    ``X.XX`` placeholders with ``bidang``) so a master row and a Renstra row meet."""

    def __init__(self, *, versi: str | None = None, bidang: str | None = None,
                 berlaku_mulai: int | None = None, berlaku_sampai: int | None = None, **kwargs):
        super().__init__(**kwargs)
        self.versi = versi
        self.bidang = bidang
        self.berlaku_mulai = berlaku_mulai
        self.berlaku_sampai = berlaku_sampai

    class Meta:
        model = Nomenklatur
        fields = KOLOM_NOMENKLATUR
        export_order = KOLOM_NOMENKLATUR
        import_id_fields = ("kode", "versi")
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        instance_loader_class = _LoaderKodeVersi

    def before_import_row(self, row, **kwargs):
        teks_kode = str(row.get("kode") or "").strip()
        nama = " ".join(str(row.get("nama") or "").split())
        try:
            kode, nama_di_kode = pisah_kode_nama(teks_kode, bidang=self.bidang)
        except KodeTidakSah as e:
            raise ValueError(f"kolom kode: {e}") from e
        # SIPD exports put the code in front of the name ("1.05.02.2.03.0002 Pembentukan …").
        if nama:
            try:
                kode_nama, sisa = pisah_kode_nama(nama, bidang=self.bidang)
            except KodeTidakSah:
                pass
            else:
                if kode_nama == kode and sisa:
                    nama = sisa
        row["kode"] = kode
        row["nama"] = nama or nama_di_kode
        if not row.get("level"):
            row["level"] = level_kode(kode)
        elif str(row["level"]).strip() != level_kode(kode):
            raise ValueError(f"kolom level: '{row['level']}' tidak cocok dengan kode {kode} "
                             f"({level_kode(kode)})")
        if self.versi:
            row["versi"] = self.versi
        if not str(row.get("versi") or "").strip():
            raise ValueError("kolom versi kosong: sebutkan versi Kepmendagri (mis. --versi "
                             "'Kepmendagri 900.1-2850/2025')")
        for name in ("berlaku_mulai", "berlaku_sampai"):
            nilai = getattr(self, name)
            if nilai is not None:
                row[name] = nilai
            elif row.get(name) in ("", None):
                row[name] = None
        for name in ("kinerja", "indikator", "satuan"):
            row[name] = " ".join(str(row.get(name) or "").split())
