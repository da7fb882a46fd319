"""Renstra reads that own their joins (style.md §7)."""

from django.db.models import Prefetch, QuerySet

from renstra.models import Indikator, Renstra, Sasaran, TargetIndikator, Tujuan
from sakip.models import PerangkatDaerah


def renstra_aktif(pd: PerangkatDaerah, tahun: int | None = None) -> Renstra | None:
    """The Renstra in force for ``tahun`` (latest version), or the newest one."""
    qs = Renstra.objects.filter(perangkat_daerah=pd).select_related("perangkat_daerah__pemda")
    if tahun is not None:
        found = (
            qs.filter(tahun_awal__lte=tahun, tahun_akhir__gte=tahun)
            .order_by("-tahun_awal", "-versi")
            .first()
        )
        if found:
            return found
    return qs.order_by("-tahun_awal", "-versi").first()


def _indikator_qs() -> QuerySet[Indikator]:
    return (
        Indikator.objects.select_related("bidang")
        .prefetch_related(
            Prefetch("target_set", queryset=TargetIndikator.objects.order_by("tahun"))
        )
        .order_by("urutan", "id")
    )


def tujuan_tree(renstra: Renstra) -> QuerySet[Tujuan]:
    """Tujuan → sasaran → indikator (+ targets, programs); 6 queries whatever the size."""
    ind = _indikator_qs()
    return (
        Tujuan.objects.filter(renstra=renstra)
        .order_by("urutan", "id")
        .prefetch_related(
            Prefetch("indikator_set", queryset=ind),
            Prefetch(
                "sasaran_set",
                queryset=Sasaran.objects.order_by("urutan", "id").prefetch_related(
                    Prefetch("indikator_set", queryset=ind), "program_set"
                ),
            ),
        )
    )


def indikator_per_pemilik(renstra: Renstra, level: str) -> dict[int, list[Indikator]]:
    """Indicators of programs/kegiatan/subkegiatan keyed by owner id (2 queries)."""
    out: dict[int, list[Indikator]] = {}
    for ind in _indikator_qs().filter(renstra=renstra, **{f"{level}__isnull": False}):
        out.setdefault(getattr(ind, f"{level}_id"), []).append(ind)
    return out
