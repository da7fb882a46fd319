"""Formulas of performance measurement — capaian, agregasi, kategori, efisiensi, AKIP, IKM.

Pure functions on :class:`~decimal.Decimal` with no Django imports, so every rule of
``domain.md`` §2–§5 can be tested without a database. Results are **unrounded**: rounding
happens once, for display or export, with :func:`sakip.lib.angka.bulatkan`. The only
exception is IKM, whose published categories are defined on the value rounded to 2 decimals
(PermenPAN-RB 14/2017, domain.md §5.3).

Inputs may be ``int``, ``str`` (machine notation, e.g. ``"12.5"``), ``float`` or ``Decimal``;
they are converted with ``Decimal(str(x))`` and never computed as floats. Indonesian-formatted
text (``"1.234,5"``) must be read with :func:`sakip.lib.angka.parse_angka` first.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import NamedTuple, TypeAlias

from sakip.lib.angka import bulatkan

__all__ = [
    "JENIS_AGREGASI",
    "MUTU_IKM",
    "NILAI_AE",
    "NILAI_YT",
    "NAMA_SKALA",
    "PREDIKAT_AKIP",
    "RUMUS_EFISIENSI",
    "SKALA",
    "SKALA_PREDIKAT",
    "Band",
    "BandPredikat",
    "HasilPredikat",
    "IKMResult",
    "Kategori",
    "MutuIKM",
    "Predikat",
    "agregasi",
    "agregasi_rasio",
    "capaian",
    "capaian_nilai_predikat",
    "capaian_predikat",
    "clamp_tampilan",
    "efisiensi",
    "efisiensi_keterangan",
    "ikm",
    "jumlah_nilai",
    "melanggar_kerangka_logis",
    "nilai_jawaban",
    "nilai_subkomponen",
    "predikat_nilai_akhir",
    "rata_rata",
    "is_band_terendah",
    "kategori",
    "kategori_terendah",
    "mutu_ikm",
    "nilai_rasio",
    "nrr_per_unsur",
    "predikat_akip",
    "proyeksi_akhir_tahun",
    "serapan",
    "serapan_rendah",
    "BATAS_SERAPAN_RENDAH",
]

Angka: TypeAlias = Decimal | int | float | str
Target: TypeAlias = Angka | tuple[Angka, Angka] | list[Angka]

NOL = Decimal(0)
SERATUS = Decimal(100)


def _d(nilai: Angka | None) -> Decimal | None:
    """Convert one input to Decimal via ``str`` — never through float arithmetic."""
    if nilai is None:
        return None
    if isinstance(nilai, bool):
        raise ValueError(f"Nilai {nilai!r} bukan angka")
    if isinstance(nilai, Decimal):
        hasil = nilai
    else:
        try:
            hasil = Decimal(str(nilai).strip())
        except InvalidOperation:
            raise ValueError(
                f"Nilai '{nilai}' bukan angka; teks berformat Indonesia (mis. 1.234,5) "
                "harus dibaca dengan parse_angka() terlebih dahulu"
            ) from None
    if not hasil.is_finite():
        raise ValueError(f"Nilai '{nilai}' bukan bilangan hingga")
    return hasil


def _persen(pembilang: Decimal | None, penyebut: Decimal | None) -> Decimal | None:
    if pembilang is None or penyebut is None or penyebut == 0:
        return None
    # Multiply first so that R = T gives exactly 100.
    return pembilang * SERATUS / penyebut


def _kode(nilai: str, nama: str) -> str:
    if not isinstance(nilai, str):
        raise ValueError(f"{nama} harus berupa teks, bukan {nilai!r}")
    return nilai.strip().upper()


# --------------------------------------------------------------------------------------------
# Capaian kinerja (domain.md §2.1, §2.2, §2.7)
# --------------------------------------------------------------------------------------------

POLARITAS = ("positif", "negatif", "kualitatif")
RUMUS_NEGATIF = ("NEG-A", "NEG-B")


def _rumus_negatif(rumus: str) -> str:
    kode = _kode(rumus, "Rumus")
    if kode == "NEG-C":
        raise ValueError(
            "Rumus NEG-C ((T − R)/T × 100) tidak boleh dipakai sebagai capaian: hasilnya 0 % "
            "ketika realisasi sama dengan target. Gunakan NEG-A (LAN 239/2003, "
            "PermenPAN-RB 8/2021) atau NEG-B."
        )
    if kode not in RUMUS_NEGATIF:
        raise ValueError(
            f"Rumus capaian negatif '{rumus}' tidak dikenal; pilihan: {', '.join(RUMUS_NEGATIF)}"
        )
    return kode


def _capaian_negatif(t: Decimal, r: Decimal, rumus: str) -> Decimal | None:
    if t == 0 and r == 0:
        # wp-eval-sakip rule adopted in domain.md §2.7: nothing targeted, nothing happened.
        return SERATUS
    if rumus == "NEG-A":
        return _persen(2 * t - r, t)
    return _persen(t, r)


def capaian(
    target: Target | None,
    realisasi: Angka | None,
    polaritas: str = "positif",
    rumus_negatif: str = "NEG-A",
) -> Decimal | None:
    """Capaian kinerja in percent, unrounded (domain.md §2.1–§2.2, §2.7).

    * positif (and kualitatif with numeric values): C = R / T × 100 — LAN 239/2003,
      PermenPAN-RB 8/2021.
    * negatif, NEG-A (default): C = (2T − R) / T × 100 — LAN 239/2003 "rencana − (realisasi −
      rencana) / rencana", PermenPAN-RB 8/2021; may be negative when R > 2T (kept raw, see
      :func:`clamp_tampilan`).
    * negatif, NEG-B: C = T / R × 100 (Perkada option). NEG-C is refused.
    * Range target ``(low, high)`` (PermenPAN-RB 8/2021): inside the range C = 100; outside,
      the nearer bound is the target.

    Returns ``None`` when capaian is undefined: missing target or realisasi (NULL ≠ 0), T = 0
    on a positive indicator, R = 0 with NEG-B. T = 0 and R = 0 on a negative indicator is 100.
    """
    jenis = _kode(polaritas, "Polaritas").lower()
    if jenis not in POLARITAS:
        raise ValueError(f"Polaritas '{polaritas}' tidak dikenal; pilihan: {', '.join(POLARITAS)}")
    negatif = jenis == "negatif"
    rumus = _rumus_negatif(rumus_negatif) if negatif else None

    if target is None or realisasi is None:
        return None
    r = _d(realisasi)
    assert r is not None
    if isinstance(target, (tuple, list)):
        t = _target_rentang(target, r)
        if t is None:
            return SERATUS
    else:
        t = _d(target)
        assert t is not None

    if negatif:
        assert rumus is not None
        return _capaian_negatif(t, r, rumus)
    return _persen(r, t)


def _target_rentang(target: tuple[Angka, Angka] | list[Angka], r: Decimal) -> Decimal | None:
    """Pick the bound that acts as T for a range target; ``None`` means R is inside.

    PermenPAN-RB 8/2021 (domain.md §2.2): the bound on the side where R falls is used, so a
    lower-is-better R below the range is measured against the lower bound and vice versa —
    the same rule for both polarities.
    """
    if len(target) != 2:
        raise ValueError(f"Target rentang harus berisi dua nilai (bawah, atas), bukan {target!r}")
    bawah, atas = _d(target[0]), _d(target[1])
    if bawah is None or atas is None:
        raise ValueError(f"Target rentang {target!r} tidak lengkap")
    if bawah > atas:
        raise ValueError(f"Target rentang terbalik: batas bawah {bawah} > batas atas {atas}")
    if r < bawah:
        return bawah
    if r > atas:
        return atas
    return None


def clamp_tampilan(nilai: Decimal | None) -> Decimal | None:
    """Clamp a negative NEG-A capaian to 0 for display only; the raw value stays stored.

    domain.md §2.2 [PRACTICE]: "clamp NEG-A at 0 for display only".
    """
    if nilai is None:
        return None
    return NOL if nilai < 0 else nilai


# --------------------------------------------------------------------------------------------
# Qualitative and composite targets (domain.md §2.3, §4.3)
# --------------------------------------------------------------------------------------------

_POSITIF_BINER = ("ADA", "TERSEDIA", "YA", "SUDAH", "TERCAPAI", "TERLAKSANA")
_NEGATIF_BINER = (
    "TIDAK",
    "TIDAK ADA",
    "TIDAK TERSEDIA",
    "BELUM",
    "BELUM ADA",
    "BELUM TERSEDIA",
    "TIDAK TERCAPAI",
    "TIDAK TERLAKSANA",
)

SKALA_PREDIKAT: dict[str, dict[str, int]] = {
    # domain.md §4.3: AA > A > BB > B > CC > C > D.
    "AKIP": {"D": 1, "C": 2, "CC": 3, "B": 4, "BB": 5, "A": 6, "AA": 7},
    # Opini BPK, best first: WTP > WDP > TW > TMP.
    "OPINI": {
        "TMP": 1,
        "TW": 2,
        "WDP": 3,
        "WTP": 4,
        "TIDAK MENYATAKAN PENDAPAT": 1,
        "DISCLAIMER": 1,
        "TIDAK WAJAR": 2,
        "WAJAR DENGAN PENGECUALIAN": 3,
        "WAJAR TANPA PENGECUALIAN": 4,
    },
    "BINARY": {**dict.fromkeys(_NEGATIF_BINER, 0), **dict.fromkeys(_POSITIF_BINER, 1)},
}
_PREDIKAT_UTAMA = {
    "AKIP": "AA, A, BB, B, CC, C, D",
    "OPINI": "WTP, WDP, TW, TMP",
    "BINARY": "Ada/Tidak Ada, Tersedia/Tidak Tersedia, Ya/Tidak",
}


@dataclass(frozen=True, slots=True)
class HasilPredikat:
    """Capaian of a qualitative target: the percentage and whether the target is met.

    Readable both as attributes and as a mapping (``hasil["capaian"]``).
    """

    capaian: Decimal
    tercapai: bool

    def __getitem__(self, kunci: str) -> Decimal | bool:
        if kunci not in ("capaian", "tercapai"):
            raise KeyError(kunci)
        return getattr(self, kunci)


def _skala_predikat(skala: str) -> dict[str, int]:
    kode = _kode(skala, "Skala")
    if kode not in SKALA_PREDIKAT:
        raise ValueError(
            f"Skala predikat '{skala}' tidak dikenal; pilihan: {', '.join(SKALA_PREDIKAT)}"
        )
    return SKALA_PREDIKAT[kode]


def _peringkat(predikat: str, skala: str) -> int:
    peringkat = _skala_predikat(skala)
    kunci = " ".join(str(predikat).upper().split()) if predikat is not None else ""
    if kunci not in peringkat:
        kode = _kode(skala, "Skala")
        raise ValueError(
            f"Predikat '{predikat}' tidak dikenal pada skala {kode}; "
            f"yang diterima: {_PREDIKAT_UTAMA[kode]}"
        )
    return peringkat[kunci]


def capaian_predikat(
    target_predikat: str | None, realisasi_predikat: str | None, skala: str = "AKIP"
) -> HasilPredikat | None:
    """Capaian of an ordinal target such as AKIP "BB" or Opini "WTP" (domain.md §2.3).

    C = 100 if rank(R) ≥ rank(T), else rank(R)/rank(T) × 100 flagged *tidak tercapai*
    [PRACTICE]; ranks D = 1 … AA = 7 (§4.3). On the BINARY scale (Ada/Tidak, Tersedia/Tidak
    Tersedia) the same rule gives 0 or 100. ``None`` when either side is missing.
    """
    _skala_predikat(skala)
    if target_predikat is None or realisasi_predikat is None:
        return None
    rank_t = _peringkat(target_predikat, skala)
    rank_r = _peringkat(realisasi_predikat, skala)
    if rank_r >= rank_t:
        return HasilPredikat(capaian=SERATUS, tercapai=True)
    return HasilPredikat(capaian=Decimal(rank_r) * SERATUS / Decimal(rank_t), tercapai=False)


def capaian_nilai_predikat(
    target_nilai: Angka | None,
    realisasi_nilai: Angka | None,
    target_predikat: str | None,
    realisasi_predikat: str | None,
    cap_100_bila_tercapai: bool = False,
    skala: str = "AKIP",
) -> HasilPredikat | None:
    """Capaian of a composite "77,26 (BB)" target (domain.md §2.3, Bekasi AKIP).

    The numeric part gives C = R_nilai / T_nilai × 100 (77,29 / 77,26 = 100,04 %); the status
    *tercapai* follows the predikat: rank(R) ≥ rank(T). With ``cap_100_bila_tercapai`` (the
    per-indicator option "capaian = 100 % bila predikat tercapai") a met predikat gives exactly
    100. Without predikat the status falls back to C ≥ 100; without numbers the predikat rule of
    :func:`capaian_predikat` applies.
    """
    nilai = capaian(target_nilai, realisasi_nilai)
    ada_predikat = target_predikat is not None and realisasi_predikat is not None
    if nilai is None:
        return (
            capaian_predikat(target_predikat, realisasi_predikat, skala) if ada_predikat else None
        )
    if ada_predikat:
        assert target_predikat is not None and realisasi_predikat is not None
        tercapai = _peringkat(realisasi_predikat, skala) >= _peringkat(target_predikat, skala)
    else:
        tercapai = nilai >= SERATUS
    if cap_100_bila_tercapai and tercapai:
        nilai = SERATUS
    return HasilPredikat(capaian=nilai, tercapai=tercapai)


# --------------------------------------------------------------------------------------------
# Quarterly → annual (domain.md §2.4)
# --------------------------------------------------------------------------------------------

JENIS_AGREGASI = ("SUM", "LAST", "AVG", "MAX", "MIN", "YTD")


def _jenis_agregasi(jenis: str) -> str:
    kode = _kode(jenis, "Jenis agregasi")
    if kode not in JENIS_AGREGASI:
        raise ValueError(
            f"Jenis agregasi '{jenis}' tidak dikenal; pilihan: {', '.join(JENIS_AGREGASI)}"
        )
    return kode


def _gabung(nilai: list[Decimal], jenis: str) -> Decimal | None:
    if not nilai:
        return None
    if jenis == "SUM":
        return sum(nilai, NOL)
    if jenis in ("LAST", "YTD"):
        return nilai[-1]
    if jenis == "AVG":
        return sum(nilai, NOL) / len(nilai)
    if jenis == "MAX":
        return max(nilai)
    return min(nilai)


def agregasi(nilai_triwulan: Iterable[Angka | None], jenis: str) -> Decimal | None:
    """Annual (or to-date) value from quarterly values (domain.md §2.4).

    SUM = Σ of the quarters' own flows; LAST = last non-null value; YTD = last non-null value
    of an already cumulative "s/d triwulan" series; AVG / MAX / MIN over non-null quarters.
    Empty quarters (``None``) are ignored — they are "belum tersedia", not 0 (§2.7). All empty
    → ``None``.
    """
    kode = _jenis_agregasi(jenis)
    ada = [x for x in map(_d, nilai_triwulan) if x is not None]
    return _gabung(ada, kode)


def agregasi_rasio(
    pembilang: Sequence[Angka | None],
    penyebut: Sequence[Angka | None],
    jenis: str,
    *,
    agregasi_penyebut: str | None = None,
) -> Decimal | None:
    """Annual percentage of a numerator/denominator indicator (domain.md §2.4).

    Never the sum of quarterly percentages. Quarters are paired and only quarters with both
    values count:

    * SUM: Σ pembilang / Σ penyebut × 100;
    * LAST / YTD: the last quarter having both;
    * AVG / MAX / MIN: mean / max / min of the quarterly ratios.

    For numerators summed over a fixed population (e.g. PPKS binaan mandiri ÷ jumlah sasaran
    PPKS) pass ``agregasi_penyebut="LAST"``: each series is then aggregated on its own
    (Σ pembilang / last penyebut).
    """
    kode = _jenis_agregasi(jenis)
    num = [_d(x) for x in pembilang]
    den = [_d(x) for x in penyebut]
    if agregasi_penyebut is not None and _jenis_agregasi(agregasi_penyebut) != kode:
        return _persen(
            _gabung([x for x in num if x is not None], kode),
            _gabung([x for x in den if x is not None], _jenis_agregasi(agregasi_penyebut)),
        )
    if len(num) != len(den):
        raise ValueError(
            f"Jumlah periode pembilang ({len(num)}) dan penyebut ({len(den)}) harus sama"
        )
    pasangan = [(n, d) for n, d in zip(num, den, strict=True) if n is not None and d is not None]
    if not pasangan:
        return None
    if kode == "SUM":
        return _persen(sum((n for n, _ in pasangan), NOL), sum((d for _, d in pasangan), NOL))
    if kode in ("LAST", "YTD"):
        return _persen(*pasangan[-1])
    rasio = [p for p in (_persen(n, d) for n, d in pasangan) if p is not None]
    return _gabung(rasio, kode)


def nilai_rasio(pembilang: Angka | None, penyebut: Angka | None, desimal: int) -> Decimal | None:
    """One quarter's value of a numerator/denominator indicator, kept at ``desimal`` places.

    Derived, never typed twice (domain.md §2.4); stored rounded to the column's precision,
    while annual figures are recomputed from the sums by :func:`agregasi_rasio` (§9 item 12),
    never from this quotient. None unless both are given and the penyebut is not zero.
    """
    if pembilang is None or not penyebut:
        return None
    return bulatkan(agregasi_rasio([pembilang], [penyebut], "LAST"), desimal)


def proyeksi_akhir_tahun(
    nilai_triwulan: Sequence[Angka | None], jenis: str, jumlah_triwulan: int = 4
) -> Decimal | None:
    """Linear projection of the year-end value from the quarters reported so far.

    SUM: (Σ reported) / k × ``jumlah_triwulan`` with k = number of reported quarters, i.e. the
    average reported flow carried to year end; every other jenis: the aggregate so far. Used
    for "target at risk" warnings, never for the LKjIP figures.
    """
    kode = _jenis_agregasi(jenis)
    ada = [x for x in map(_d, nilai_triwulan) if x is not None]
    if not ada:
        return None
    if kode == "SUM":
        return sum(ada, NOL) * jumlah_triwulan / len(ada)
    return _gabung(ada, kode)


# --------------------------------------------------------------------------------------------
# Category scales (domain.md §2.6)
# --------------------------------------------------------------------------------------------


class Kategori(NamedTuple):
    """A category of a capaian scale; unpacks as ``(kode, label)``."""

    kode: str
    label: str


class Band(NamedTuple):
    """One band of a category scale, with the text printed in "Standar Penilaian Kinerja"."""

    kode: str
    label: str
    batas_bawah: Decimal | None
    batas_atas: Decimal | None
    bawah_inklusif: bool
    atas_inklusif: bool
    teks: str

    def memuat(self, nilai: Decimal) -> bool:
        if self.batas_bawah is not None and (
            nilai < self.batas_bawah or (nilai == self.batas_bawah and not self.bawah_inklusif)
        ):
            return False
        return self.batas_atas is None or (
            nilai < self.batas_atas or (nilai == self.batas_atas and self.atas_inklusif)
        )

    @property
    def kategori(self) -> Kategori:
        return Kategori(self.kode, self.label)


def _band(
    kode: str,
    label: str,
    bawah: int | None,
    atas: int | None,
    teks: str,
    *,
    kiri_terbuka: bool,
) -> Band:
    """Half-open band: ``kiri_terbuka`` means (bawah, atas], otherwise [bawah, atas)."""
    return Band(
        kode=kode,
        label=label,
        batas_bawah=None if bawah is None else Decimal(bawah),
        batas_atas=None if atas is None else Decimal(atas),
        bawah_inklusif=not kiri_terbuka,
        atas_inklusif=kiri_terbuka,
        teks=teks,
    )


SKALA: dict[str, tuple[Band, ...]] = {
    # Seed Gowa Tabel 2.5 "Standar Penilaian Kinerja"; bands closed on the left.
    "GOWA_4": (
        _band("SANGAT_BERHASIL", "Sangat Berhasil", 110, None, "≥ 110", kiri_terbuka=False),
        _band("BERHASIL", "Berhasil", 90, 110, "90 ≤ x < 110", kiri_terbuka=False),
        _band("CUKUP", "Cukup Berhasil", 60, 90, "60 ≤ x < 90", kiri_terbuka=False),
        _band("TIDAK_BERHASIL", "Tidak Berhasil", None, 60, "< 60", kiri_terbuka=False),
    ),
    # Permendagri 86/2017 publishes integer bands (91–100, 76–90 …) that leave gaps such as
    # 90,5; the continuous rule of demonev (> 90 ST …) closes them (domain.md §2.6).
    "PMDN86_5": (
        _band("ST", "Sangat Tinggi", 90, None, "> 90", kiri_terbuka=True),
        _band("T", "Tinggi", 75, 90, "75 < x ≤ 90", kiri_terbuka=True),
        _band("S", "Sedang", 65, 75, "65 < x ≤ 75", kiri_terbuka=True),
        _band("R", "Rendah", 50, 65, "50 < x ≤ 65", kiri_terbuka=True),
        _band("SR", "Sangat Rendah", None, 50, "≤ 50", kiri_terbuka=True),
    ),
    "BINARY": (
        _band("TERCAPAI", "Tercapai", 100, None, "≥ 100", kiri_terbuka=False),
        _band("TIDAK_TERCAPAI", "Tidak Tercapai", None, 100, "< 100", kiri_terbuka=False),
    ),
}
"""Bands of each capaian scale, best first."""

NAMA_SKALA: dict[str, str] = {
    "GOWA_4": "Standar Penilaian Kinerja (4 kategori)",
    "PMDN86_5": "Kriteria Penilaian Permendagri 86/2017 (5 kategori)",
    "BINARY": "Tercapai / Tidak Tercapai",
}


def _skala(skala: str) -> tuple[Band, ...]:
    kode = _kode(skala, "Skala")
    if kode not in SKALA:
        raise ValueError(f"Skala kategori '{skala}' tidak dikenal; pilihan: {', '.join(SKALA)}")
    return SKALA[kode]


def _band_untuk(nilai: Decimal, bands: tuple[Band, ...]) -> Band:
    for band in bands:
        if band.memuat(nilai):
            return band
    raise AssertionError(f"Skala tidak menutup nilai {nilai}")  # pragma: no cover


def kategori(capaian: Angka | None, skala: str) -> Kategori | None:
    """Category of a capaian on a scale (domain.md §2.6); ``None`` for a missing capaian.

    Boundaries are exact: GOWA_4 90,00 → Berhasil, 89,999 → Cukup Berhasil, 110 → Sangat
    Berhasil; PMDN86_5 uses the continuous rule (> 90 ST, > 75 T, > 65 S, > 50 R, else SR).
    Classify the raw capaian, never a hand-typed label: published reports print categories that
    contradict their own scale (domain.md §10, summary item 6).
    """
    bands = _skala(skala)
    nilai = _d(capaian)
    if nilai is None:
        return None
    return _band_untuk(nilai, bands).kategori


def kategori_terendah(skala: str) -> Kategori:
    """The lowest category of a scale (e.g. GOWA_4 "Tidak Berhasil")."""
    return _skala(skala)[-1].kategori


def is_band_terendah(capaian: Angka | None, skala: str) -> bool:
    """Whether a capaian falls in the lowest band of the scale; ``False`` when missing."""
    hasil = kategori(capaian, skala)
    return hasil is not None and hasil == kategori_terendah(skala)


# --------------------------------------------------------------------------------------------
# Serapan and efisiensi (domain.md §3)
# --------------------------------------------------------------------------------------------


def serapan(pagu: Angka | None, realisasi: Angka | None) -> Decimal | None:
    """Serapan anggaran = realisasi / pagu × 100, unrounded (domain.md §3).

    ``None`` when pagu is missing or 0 or realisasi is missing. Realisasi above pagu is returned
    as is (> 100); blocking it is a validation rule of the service layer (§3 rule 4, §8.3).
    """
    return _persen(_d(realisasi), _d(pagu))


# --- low serapan: a program/kegiatan the LKjIP must explain (analysis 5) ----------------------

BATAS_SERAPAN_RENDAH = Decimal(85)
"""Below this serapan (%) a program or kegiatan needs a kendala and a rencana tindak lanjut in
the LKjIP. A fixed figure rather than one relative to the office's own serapan: the planner
knows before writing which items need an explanation, and an office that spends poorly across
the board is not excused by its own average. 85 % leaves room for ordinary tender savings
(a kegiatan finished below its pagu) while catching an item that left more than a seventh of
its budget unspent, such as the Gowa kegiatan Kesiapsiagaan Bencana at 73,97 %, which the
published LKjIP 2024 leaves unexplained (domain.md §1.3, analysis 5)."""


def serapan_rendah(serapan_persen: Angka | None) -> bool:
    """True when a serapan (unrounded, %) is below :data:`BATAS_SERAPAN_RENDAH`; an unknown
    serapan (no pagu or no realisasi) is not "low": it is a missing-data warning instead."""
    nilai = _d(serapan_persen)
    return nilai is not None and nilai < BATAS_SERAPAN_RENDAH


RUMUS_EFISIENSI: dict[str, str] = {
    "EF-SISA": (
        "Efisiensi = 100 % − Serapan Anggaran (%), hanya bila Capaian Kinerja ≥ 100 %; "
        "bila target tidak tercapai, Efisiensi = 0"
    ),
    "EF-SELISIH": "Efisiensi = Capaian Kinerja (%) − Serapan Anggaran (%)",
    "EF-RASIO": "Indeks Efisiensi = Capaian Kinerja (%) ÷ Serapan Anggaran (%)",
}
"""Printed formula under the efficiency table (domain.md §3 rule 5)."""


def _metode_efisiensi(metode: str) -> str:
    kode = _kode(metode, "Metode efisiensi")
    if kode not in RUMUS_EFISIENSI:
        raise ValueError(
            f"Metode efisiensi '{metode}' tidak dikenal; pilihan: {', '.join(RUMUS_EFISIENSI)}"
        )
    return kode


def efisiensi(
    capaian: Angka | None, serapan: Angka | None, metode: str = "EF-SISA"
) -> Decimal | None:
    """Efisiensi penggunaan anggaran (PermenPAN-RB 53/2014 analysis 6; domain.md §3).

    * EF-SISA (default, Bekasi Tabel 3.16): 100 − S only if C ≥ 100, else 0.
    * EF-SELISIH (Gowa Tabel 3.5): C − S, in percentage points.
    * EF-RASIO: C / S — an index, not a percentage (> 1 efisien); ``None`` when S = 0.

    ``None`` when C or S is missing. Feed unrounded C and S (Gowa's 18 % came from 112 − 94).
    """
    kode = _metode_efisiensi(metode)
    c, s = _d(capaian), _d(serapan)
    if c is None or s is None:
        return None
    if kode == "EF-SISA":
        return SERATUS - s if c >= SERATUS else NOL
    if kode == "EF-SELISIH":
        return c - s
    return None if s == 0 else c / s


def efisiensi_keterangan(
    nilai: Angka | None, metode: str = "EF-SISA", capaian: Angka | None = None
) -> str:
    """Interpretation printed next to an efisiensi value (domain.md §3).

    EF-SISA: > 0 "Efisien"; 0 "Tidak efisien (target tidak tercapai)" (rule 3) unless the
    capaian is known to be ≥ 100, then "Sesuai (anggaran terserap penuh)". EF-SELISIH compares
    with 0 and EF-RASIO with 1: above "Efisien", equal "Sesuai", below "Tidak efisien".
    """
    kode = _metode_efisiensi(metode)
    e = _d(nilai)
    if e is None:
        return "Belum dapat dihitung"
    if kode == "EF-SISA":
        c = _d(capaian)
        if c is not None and c < SERATUS:
            return "Tidak efisien (target tidak tercapai)"
        if e > 0:
            return "Efisien"
        if e < 0:
            return "Tidak efisien (realisasi melebihi pagu)"
        if c is None:
            return "Tidak efisien (target tidak tercapai)"
        return "Sesuai (anggaran terserap penuh)"
    netral = Decimal(1) if kode == "EF-RASIO" else NOL
    if e > netral:
        return "Efisien"
    if e == netral:
        return "Sesuai"
    return "Tidak efisien"


# --------------------------------------------------------------------------------------------
# Predikat AKIP (PermenPAN-RB 88/2021, earlier 12/2015; domain.md §4.3)
# --------------------------------------------------------------------------------------------


class Predikat(NamedTuple):
    """Predikat of an AKIP score; unpacks as ``(kode, interpretasi)``."""

    kode: str
    interpretasi: str


class BandPredikat(NamedTuple):
    """One row of the predikat table: nilai in (batas_bawah, batas_atas]."""

    kode: str
    interpretasi: str
    batas_bawah: Decimal
    batas_atas: Decimal
    teks: str


PREDIKAT_AKIP: tuple[BandPredikat, ...] = (
    BandPredikat("AA", "Sangat Memuaskan", Decimal(90), Decimal(100), "> 90 – 100"),
    BandPredikat("A", "Memuaskan", Decimal(80), Decimal(90), "> 80 – 90"),
    BandPredikat("BB", "Sangat Baik", Decimal(70), Decimal(80), "> 70 – 80"),
    BandPredikat("B", "Baik", Decimal(60), Decimal(70), "> 60 – 70"),
    BandPredikat("CC", "Cukup (Memadai)", Decimal(50), Decimal(60), "> 50 – 60"),
    BandPredikat("C", "Kurang", Decimal(30), Decimal(50), "> 30 – 50"),
    BandPredikat("D", "Sangat Kurang", Decimal(0), Decimal(30), "0 – 30"),
)
"""Full 7-level table, best first (Bekasi's 6-level table omitting C is wrong, §4.3)."""


def predikat_akip(nilai: Angka | None) -> Predikat | None:
    """Predikat of an AKIP evaluation score 0–100 (PermenPAN-RB 88/2021; domain.md §4.3).

    Bands are left-open ("> 90"): 90,00 → A, 90,01 → AA, 70,00 → B, 0–30 → D. Out of 0..100
    raises :class:`ValueError`; ``None`` gives ``None``.
    """
    n = _d(nilai)
    if n is None:
        return None
    if n < 0 or n > 100:
        raise ValueError(f"Nilai AKIP harus antara 0 dan 100, bukan {n}")
    for band in PREDIKAT_AKIP:
        if n > band.batas_bawah:
            return Predikat(band.kode, band.interpretasi)
    return Predikat(PREDIKAT_AKIP[-1].kode, PREDIKAT_AKIP[-1].interpretasi)


# --------------------------------------------------------------------------------------------
# Evaluasi AKIP (PermenPAN-RB 88/2021; domain.md §4.2)
# --------------------------------------------------------------------------------------------

NILAI_YT: dict[str, Decimal] = {"Y": Decimal(1), "T": Decimal(0)}
NILAI_AE: dict[str, Decimal] = {
    "A": Decimal(1), "B": Decimal("0.75"), "C": Decimal("0.5"), "D": Decimal("0.25"),
    "E": Decimal(0),
}
"""Answer values of the LKE (domain.md §4.2): type ``yt`` Y/T, type ``ae`` A–E; type ``kustom``
takes its values from the criterion (e.g. Trenggalek's A/B/C/D = 1/0,66/0,33/0)."""


def nilai_jawaban(tipe: str, jawaban: str, pilihan: Sequence[Mapping] = ()) -> Decimal:
    """The value 0..1 of one LKE answer (domain.md §4.2).

    ``tipe`` is ``"yt"``, ``"ae"`` or ``"kustom"`` (lke.models.TipeJawaban); ``pilihan`` the
    criterion's custom options ``[{"jawaban": "A", "nilai": "1"}, ...]``. Letters are read
    case-insensitively. An answer the type does not offer raises :class:`ValueError` with an
    Indonesian message naming the allowed answers."""
    kunci = (jawaban or "").strip().upper()
    if tipe == "yt":
        tabel = NILAI_YT
    elif tipe == "ae":
        tabel = NILAI_AE
    elif tipe == "kustom":
        tabel = {str(p["jawaban"]).strip().upper(): _d(p["nilai"]) for p in pilihan}
    else:
        raise ValueError(f"Tipe jawaban '{tipe}' tidak dikenal")
    if kunci not in tabel:
        boleh = "/".join(tabel) or "(tidak ada pilihan)"
        raise ValueError(f"Jawaban '{jawaban}' tidak sah; pilih salah satu: {boleh}")
    return tabel[kunci]


def rata_rata(values: Iterable[Angka | None]) -> Decimal | None:
    """Mean of the answered values (None = unanswered, skipped, never 0); None if none."""
    ada = [_d(v) for v in values if v is not None]
    if not ada:
        return None
    return sum(ada, NOL) / len(ada)


def nilai_subkomponen(values: Iterable[Angka | None], bobot: Angka) -> Decimal | None:
    """Score of a sub komponen: mean of its answered criteria × bobot (domain.md §4.2), unrounded.

    Unanswered criteria (None) are left out of the mean, not counted as 0: a half-filled
    worksheet scores what was answered. None when nothing was answered. Computed as
    Σ × bobot ÷ n so a whole result stays whole (0,75 + 0,75 + 0,5 on bobot 6 gives 4, not
    3,999…)."""
    ada = [_d(v) for v in values if v is not None]
    if not ada:
        return None
    return sum(ada, NOL) * _d(bobot) / len(ada)


def jumlah_nilai(values: Iterable[Angka | None]) -> Decimal | None:
    """Σ of the scores that exist (komponen = Σ sub komponen, total = Σ komponen); None if none."""
    ada = [_d(v) for v in values if v is not None]
    return sum(ada, NOL) if ada else None


def melanggar_kerangka_logis(nilai: Angka | None, batas: Angka | None) -> bool:
    """Kerangka logis (domain.md §4.2): a criterion's value may not exceed its cap — the value of
    a referenced criterion, or the mean (:func:`rata_rata`) of a referenced sub komponen.
    Nothing to compare (either side unanswered) is not a violation."""
    if nilai is None or batas is None:
        return False
    return _d(nilai) > _d(batas)


def predikat_nilai_akhir(total: Angka | None) -> Predikat | None:
    """Predikat of an LKE total: the nilai akhir is published rounded to 2 dp (domain.md §4.2),
    and the predikat is that of the published figure, so 90,004 reads "90,00 → A"."""
    return predikat_akip(bulatkan(_d(total), 2)) if total is not None else None


# --------------------------------------------------------------------------------------------
# IKM / SKM (PermenPAN-RB 14/2017; domain.md §5)
# --------------------------------------------------------------------------------------------


class MutuIKM(NamedTuple):
    """Mutu pelayanan and kinerja unit pelayanan of an IKM value."""

    mutu: str
    kinerja: str


class IKMResult(NamedTuple):
    """IKM on the 25–100 scale (unrounded) with its mutu and kinerja label."""

    nilai: Decimal
    mutu: str
    kinerja: str


MUTU_IKM: tuple[tuple[Decimal, str, str, str], ...] = (
    (Decimal("88.31"), "A", "Sangat Baik", "88,31 – 100,00"),
    (Decimal("76.61"), "B", "Baik", "76,61 – 88,30"),
    (Decimal("65.00"), "C", "Kurang Baik", "65,00 – 76,60"),
    (Decimal("25.00"), "D", "Tidak Baik", "25,00 – 64,99"),
)
"""(lower bound of the rounded value, mutu, kinerja, printed NIK range), best first."""

BOBOT_IKM = ("exact", "0.111", "0.11")


def mutu_ikm(nilai: Angka) -> MutuIKM:
    """Mutu A–D of an IKM value 25–100 (PermenPAN-RB 14/2017; domain.md §5.3).

    The published intervals have gaps (64,99 | 65,00; 76,60 | 76,61), so the value is rounded
    half-up to 2 decimals first and then classified: 88,30 → B, 88,31 → A, 76,605 → B.
    """
    n = _d(nilai)
    if n is None:
        raise ValueError("Nilai IKM kosong")
    bulat = bulatkan(n, 2)
    assert bulat is not None
    if bulat < 25 or bulat > 100:
        raise ValueError(f"Nilai IKM harus antara 25 dan 100, bukan {n}")
    for batas, mutu, kinerja, _ in MUTU_IKM:
        if bulat >= batas:
            return MutuIKM(mutu, kinerja)
    raise AssertionError("unreachable")  # pragma: no cover


def _per_unsur(
    nilai: Sequence[Angka] | Mapping[str, Angka] | int, kunci: list[str] | None, jumlah: int
) -> list[Decimal]:
    if isinstance(nilai, (int, Decimal)) and not isinstance(nilai, bool):
        return [Decimal(nilai)] * jumlah
    if isinstance(nilai, Mapping):
        if kunci is None or set(nilai) != set(kunci):
            raise ValueError("Kode unsur pada total dan jumlah terisi harus sama")
        daftar = [nilai[k] for k in kunci]
    else:
        daftar = list(nilai)
    if len(daftar) != jumlah:
        raise ValueError(f"Jumlah unsur tidak sama: {len(daftar)} dan {jumlah}")
    hasil = [_d(x) for x in daftar]
    if any(x is None for x in hasil):
        raise ValueError("Setiap unsur IKM harus berisi angka")
    return [x for x in hasil if x is not None]


def nrr_per_unsur(
    total_per_unsur: Sequence[Angka] | Mapping[str, Angka],
    jumlah_terisi_per_unsur: Sequence[Angka] | Mapping[str, Angka] | int,
) -> list[Decimal]:
    """NRR per unsur = Σ nilai persepsi / jumlah kuesioner terisi untuk unsur itu (§5.2).

    Accepts sequences (by position) or mappings keyed by unsur code (U1…U9 — the order of
    U8/U9 varies between implementations); a single int means every unsur has that many
    answers. Each NRR must lie in 1–4.
    """
    kunci = list(total_per_unsur) if isinstance(total_per_unsur, Mapping) else None
    total = _per_unsur(total_per_unsur, kunci, len(total_per_unsur))
    terisi = _per_unsur(jumlah_terisi_per_unsur, kunci, len(total))
    if not total:
        raise ValueError("IKM membutuhkan paling sedikit satu unsur")
    hasil = []
    for nomor, (t, n) in enumerate(zip(total, terisi, strict=True), start=1):
        if n <= 0:
            raise ValueError(f"Unsur ke-{nomor} tidak memiliki jawaban terisi")
        nrr = t / n
        if nrr < 1 or nrr > 4:
            raise ValueError(
                f"Unsur ke-{nomor}: rata-rata {t}/{n} di luar skala persepsi 1–4; periksa total"
            )
        hasil.append(nrr)
    return hasil


def ikm(
    total_per_unsur: Sequence[Angka] | Mapping[str, Angka],
    jumlah_terisi_per_unsur: Sequence[Angka] | Mapping[str, Angka] | int,
    bobot: str = "exact",
) -> IKMResult:
    """Indeks Kepuasan Masyarakat on the 25–100 scale (PermenPAN-RB 14/2017; domain.md §5.2).

    IKM = Σ (NRR × 1/jumlah unsur) × 25, i.e. mean NRR × 25 with the exact weight. ``bobot``
    "0.111" or "0.11" reproduces old reports that used the truncated weight (0,11 × 9 = 0,99 —
    a systematic −1 %). ``nilai`` is unrounded; mutu and kinerja come from :func:`mutu_ikm`.
    """
    if bobot not in BOBOT_IKM:
        raise ValueError(f"Bobot IKM '{bobot}' tidak dikenal; pilihan: {', '.join(BOBOT_IKM)}")
    nrr = nrr_per_unsur(total_per_unsur, jumlah_terisi_per_unsur)
    jumlah_nrr = sum(nrr, NOL)
    if bobot == "exact":
        nilai = jumlah_nrr * 25 / len(nrr)
    else:
        nilai = jumlah_nrr * Decimal(bobot) * 25
    # A truncated weight can push an all-"1" survey just under 25; it is still mutu D.
    mutu, kinerja = mutu_ikm(max(nilai, Decimal(25)))
    return IKMResult(nilai=nilai, mutu=mutu, kinerja=kinerja)
