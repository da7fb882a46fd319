"""Indonesian number parsing and formatting — the only place that knows the notation.

Rules (domain.md §8.1): thousands separator ``.``, decimal separator ``,``, money as
``Rp 31.132.479.236``, percent as ``112,59 %``, negative numbers with a minus sign, rounding
ROUND_HALF_UP on the displayed value only. The active Django locale is deliberately ignored:
PDF rendering, management commands and tests may run without it.

Every value handed out is a :class:`~decimal.Decimal`; floats coming from spreadsheet cells are
converted through ``repr`` so that ``0.1`` stays ``Decimal("0.1")``.
"""

import re
from decimal import ROUND_HALF_UP, Context, Decimal

__all__ = [
    "angka_input",
    "boleh_negatif",
    "bulatkan",
    "format_angka",
    "format_nip",
    "format_persen",
    "format_rupiah",
    "jumlah",
    "nilai_predikat_teks",
    "parse_angka",
    "parse_nilai_predikat",
    "parse_nilai_satuan",
    "salah_desimal",
    "salah_negatif",
    "salah_uang",
    "sel_nilai_predikat",
    "terbilang",
    "terbilang_rupiah",
]

KOSONG = "—"
"""Placeholder printed for a missing value (domain.md §2.7: NULL is not 0)."""

# Spreadsheets and PDFs paste these for alignment; they never carry meaning.
_SPASI = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2007": " ", "\u2009": " "})
_TANDA_KOSONG = frozenset({"", "-", "–", "—"})
_MINUS = ("-", "\u2212")

_RE_RP = re.compile(r"^rp\.?\s*", re.IGNORECASE)
_RE_POLOS = re.compile(r"^\d+(?:,\d+)?$")
_RE_RIBUAN = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$")
# A single dot after four or more ungrouped digits cannot be an Indonesian thousands
# separator, so "1234567.89" is read as a machine decimal; "23.11" stays ambiguous.
_RE_MESIN = re.compile(r"^\d{4,}\.\d+$")
_RE_DIGIT_TITIK_KOMA = re.compile(r"^[\d.,]+$")

_CONTOH = "mis. 1.234.567,89"


def _pesan_gagal(text: str, badan: str) -> str:
    asli = text.strip()
    if badan.startswith("(") and badan.endswith(")"):
        return (
            f"Angka '{asli}' tidak dapat dibaca: tulis bilangan negatif dengan tanda minus, "
            "mis. -1.234"
        )
    if _RE_DIGIT_TITIK_KOMA.match(badan):
        return (
            f"Angka '{asli}' tidak dapat dibaca: titik dipakai sebagai pemisah ribuan "
            f"(kelompok 3 digit) dan koma sebagai desimal, {_CONTOH}"
        )
    return (
        f"Angka '{asli}' tidak dapat dibaca: diharapkan angka berformat Indonesia, "
        f"{_CONTOH}, 89,7 atau Rp 1.300.000.000"
    )


def _decimal_hingga(nilai: Decimal, asal: object) -> Decimal:
    if not nilai.is_finite():
        raise ValueError(f"Angka '{asal}' tidak dapat dibaca: bukan bilangan hingga")
    return nilai


def parse_angka(text: str | int | float | Decimal | None) -> Decimal | None:  # noqa: C901 (one
    # branch per notation of domain.md §8.1; split, the notations would lose their order)
    """Read one number written the Indonesian way (domain.md §8.1 "Parsing imports").

    Real numbers (``int``, ``float``, ``Decimal``) from xlsx cells pass through unchanged
    (floats via ``repr``). Strings use ``.`` only as a thousands separator with groups of
    exactly three digits and ``,`` as the decimal mark; ``Rp``/``Rp.`` prefixes, a trailing
    ``,-``, a trailing ``%`` and a leading minus are accepted. Blank, ``-``, ``–`` and ``—``
    mean "no value" and give ``None``. Malformed strings such as ``23.11`` or
    ``4.8294.89.225`` raise :class:`ValueError` so the importer can flag them.
    """
    if text is None:
        return None
    if isinstance(text, bool):
        raise ValueError(f"Angka '{text}' tidak dapat dibaca: nilai benar/salah bukan angka")
    if isinstance(text, Decimal):
        return _decimal_hingga(text, text)
    if isinstance(text, int):
        return Decimal(text)
    if isinstance(text, float):
        return _decimal_hingga(Decimal(repr(text)), text)
    if not isinstance(text, str):
        raise ValueError(f"Angka '{text}' tidak dapat dibaca: jenis {type(text).__name__}")

    badan = text.translate(_SPASI).strip()
    if badan in _TANDA_KOSONG:
        return None
    negatif = False
    if badan.startswith(_MINUS):
        negatif, badan = True, badan[1:].lstrip()
    cocok_rp = _RE_RP.match(badan)
    if cocok_rp:
        badan = badan[cocok_rp.end() :]
        if not negatif and badan.startswith(_MINUS):
            negatif, badan = True, badan[1:].lstrip()
        if badan in _TANDA_KOSONG:
            return None
    if badan.endswith(",-"):
        badan = badan[:-2].rstrip()
    if badan.endswith("%"):
        badan = badan[:-1].rstrip()

    if _RE_POLOS.match(badan) or _RE_RIBUAN.match(badan):
        hasil = Decimal(badan.replace(".", "").replace(",", "."))
    elif _RE_MESIN.match(badan):
        hasil = Decimal(badan)
    else:
        raise ValueError(_pesan_gagal(text, badan))
    if negatif:
        hasil = -hasil
    # "-0" would otherwise print as "-0" and compare oddly in JSON snapshots.
    return abs(hasil) if hasil == 0 else hasil


_RE_NILAI_SATUAN = re.compile(
    r"^(?P<rp>rp\.?\s*)?(?P<angka>[-\u2212]?\s*\d[\d.,]*)\s*(?P<satuan>[^\d.,].*)?$",
    re.IGNORECASE,
)
_RE_RUPIAH_GENAP = re.compile(r",-(?=\s|$)")


def parse_nilai_satuan(
    text: str | int | float | Decimal | None,
) -> tuple[Decimal | None, str | None]:
    """Split a Renstra/PK target cell such as ``"1036 Orang/ Bulan"`` into number and unit.

    domain.md §7.1 (Renstra Tabel 4.2 writes "8 Lembaga", "89,7 %"); §10.3 R-04 (unit checks need
    the unit separated). ``"-"`` or blank gives ``(None, None)``; a bare number gives
    ``(n, None)``; text that does not start with a number raises :class:`ValueError`.
    """
    if text is None or isinstance(text, (int, float, Decimal)):
        return parse_angka(text), None
    bersih = " ".join(str(text).translate(_SPASI).split())
    if bersih in _TANDA_KOSONG:
        return None, None
    if bersih[0] in "-–—" and (len(bersih) == 1 or bersih[1] == " "):
        # "- Orang": the cell states the unit but no value (Renstra R-04).
        return None, bersih[1:].strip() or None
    cocok = _RE_NILAI_SATUAN.match(_RE_RUPIAH_GENAP.sub("", bersih))
    if not cocok:
        raise ValueError(
            f"Nilai '{str(text).strip()}' tidak diawali angka: diharapkan angka diikuti satuan, "
            "mis. '1.000 Orang' atau '89,7 %'"
        )
    satuan = (cocok["satuan"] or "").strip() or None
    if cocok["rp"] and satuan is None:
        satuan = "Rp"
    return parse_angka(cocok["angka"].replace(" ", "")), satuan


_RE_NILAI_PREDIKAT = re.compile(
    r"^(?P<angka>[-\u2212]?\d[\d.,]*)?\s*(?:\(\s*(?P<kurung>[^()]*?)\s*\)|(?P<polos>[^\d\s()][^()]*))?$"
)


def parse_nilai_predikat(text: str | None) -> tuple[Decimal | None, str | None]:
    """Split a composite value such as ``"77,26 (BB)"`` into ``(Decimal("77.26"), "BB")``.

    domain.md §2.3: AKIP results are stored as nilai + predikat; a predikat-only cell (``"WTP"``)
    gives ``(None, "WTP")``. The predikat is upper-cased but not validated here — the scale
    belongs to ``kinerja.rumus``.
    """
    if text is None:
        return None, None
    bersih = " ".join(str(text).translate(_SPASI).split())
    if bersih in _TANDA_KOSONG:
        return None, None
    cocok = _RE_NILAI_PREDIKAT.match(bersih)
    if not cocok or not (cocok["angka"] or cocok["kurung"] or cocok["polos"]):
        raise ValueError(
            f"Nilai '{str(text).strip()}' tidak dapat dibaca: diharapkan nilai dan predikat, "
            "mis. '77,26 (BB)' atau 'WTP'"
        )
    predikat = (cocok["kurung"] or cocok["polos"] or "").strip().upper() or None
    nilai = parse_angka(cocok["angka"]) if cocok["angka"] else None
    return nilai, predikat


def jumlah(values) -> Decimal | None:
    """The sum of the values present; None when none is (domain.md §2.7: NULL is not 0, so a
    total of blanks stays blank instead of becoming Rp 0)."""
    total = None
    for v in values:
        if v is not None:
            total = (total or Decimal(0)) + v
    return total


# --- what a stored number may be ----------------------------------------------------------------

def salah_desimal(nilai: Decimal | int, *, digit: int, desimal: int) -> str | None:
    """Why ``nilai`` does not fit a ``DecimalField(max_digits=digit, decimal_places=desimal)``,
    or None. Checked before saving, so a preview never promises a row the database refuses
    (``1000,123`` rupiah, ``1e20``): Django would raise at ``full_clean`` only on confirm."""
    nilai = Decimal(nilai) if isinstance(nilai, int) else nilai
    if not nilai.is_finite():
        return "Angka tidak hingga."
    if abs(nilai) >= Decimal(10) ** (digit - desimal):
        return (f"Angka {_apa_adanya(nilai)} terlalu besar: paling banyak {digit - desimal} "
                "digit sebelum koma.")
    if nilai != nilai.quantize(Decimal(1).scaleb(-desimal), context=Context(prec=digit + 2)):
        return (f"Angka {_apa_adanya(nilai)} terlalu rinci: paling banyak {desimal} angka di "
                "belakang koma.")
    return None


def _apa_adanya(nilai: Decimal) -> str:
    """``nilai`` in Indonesian notation with every digit it has (messages quote what was read)."""
    if not nilai.is_finite() or abs(nilai.adjusted()) > 24:
        return str(nilai)
    return format_angka(nilai, max(0, -nilai.normalize().as_tuple().exponent))


def salah_uang(nilai: Decimal | int | None, *, label: str = "Nilai") -> str | None:
    """Why ``nilai`` cannot be a rupiah amount, or None. Money is never negative (a pagu or a
    spending is an amount, a correction is a new figure, domain.md §8.3) and is kept as
    ``DecimalField(max_digits=18, decimal_places=2)`` (design.md)."""
    if nilai is None:
        return None
    nilai = Decimal(nilai) if isinstance(nilai, int) else nilai
    if nilai.is_finite() and nilai < 0:
        return f"{label} rupiah tidak boleh negatif ({_apa_adanya(nilai)})."
    return salah_desimal(nilai, digit=18, desimal=2)


def _kata(teks: str | None) -> list[str]:
    return re.findall(r"[a-z%]+", (teks or "").lower())


_SATUAN_UANG = frozenset({"rp", "rupiah"})
# An indicator that measures a change (growth rate, a rise or a fall, a gap) is negative when
# the change goes the other way: "Laju pertumbuhan ekonomi -2,1 %" is data, not a typo.
_KATA_PERUBAHAN = frozenset("""
    pertumbuhan laju perubahan kenaikan peningkatan penurunan pertambahan penambahan
    pengurangan selisih inflasi deflasi deviasi pergeseran kontraksi surplus defisit saldo
    tren trend growth
""".split())


def boleh_negatif(satuan: str | None, uraian: str | None = "") -> bool:
    """Whether a value of an indicator with this unit may be negative — the one rule for
    targets, realisasi and budget (domain.md §8.1 keeps the minus sign for real negatives).

    * Money (``Rp``, ``rupiah``, ``juta rupiah``) is never negative.
    * Otherwise a value may be negative only when the indicator measures a change: its uraian
      or unit names growth, a rise, a fall, a gap (``laju pertumbuhan``, ``selisih``,
      ``inflasi``…): a fall is a negative change.
    * Counts (orang, jiwa, KK, unit, dokumen, laporan, kegiatan, paket…), percentages
      (``%``, coverage and shares are 0–100+), indices and scores (IPM, IKM, nilai SAKIP are
      non-negative scales) and units not recognised are refused below zero: a minus sign there
      is a typing slip (``-1000 Orang``) that would silently turn an achievement upside down
      (NEG-A/NEG-B capaian of a negative target).
    """
    kata_satuan = _kata(satuan)
    if _SATUAN_UANG.intersection(kata_satuan):
        return False
    return bool(_KATA_PERUBAHAN.intersection(kata_satuan + _kata(uraian)))


def salah_negatif(nilai: Decimal | None, satuan: str | None, uraian: str | None = "") -> str | None:
    """The refusal for a negative value where :func:`boleh_negatif` says no, or None."""
    if nilai is None or not Decimal(nilai).is_finite() or nilai >= 0 or boleh_negatif(
            satuan, uraian):
        return None
    if _SATUAN_UANG.intersection(_kata(satuan)):
        return salah_uang(nilai)
    unit = f" {satuan.strip()}" if satuan and satuan.strip() else ""
    return (f"Nilai {_apa_adanya(nilai)}{unit} tidak boleh negatif: "
            "hanya indikator perubahan (mis. laju pertumbuhan, selisih) yang boleh bernilai "
            "negatif.")


def _ke_decimal(value: int | float | Decimal) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        raise TypeError(
            f"Nilai {value!r} bukan angka; teks harus dibaca dahulu dengan parse_angka()"
        )
    if isinstance(value, float):
        return _decimal_hingga(Decimal(repr(value)), value)
    return _decimal_hingga(Decimal(value), value)


def bulatkan(value: int | float | Decimal | None, desimal: int = 2) -> Decimal | None:
    """Round half-up to ``desimal`` places — the single rounding helper (domain.md §8.1).

    Use it only on the final displayed or exported value; formulas stay unrounded.
    """
    if value is None:
        return None
    if desimal < 0:
        raise ValueError(f"Jumlah desimal harus ≥ 0, bukan {desimal}")
    nilai = _ke_decimal(value)
    # The default 28-digit context would refuse to quantize large rupiah sums.
    konteks = Context(prec=max(28, nilai.adjusted() + desimal + 2))
    hasil = nilai.quantize(Decimal(1).scaleb(-desimal), rounding=ROUND_HALF_UP, context=konteks)
    return abs(hasil) if hasil == 0 else hasil


def format_angka(
    value: int | float | Decimal | None, desimal: int = 2, *, kosong: str = KOSONG
) -> str:
    """Format as ``1.234.567,89`` with ROUND_HALF_UP (domain.md §8.1); ``None`` → ``kosong``."""
    if value is None:
        return kosong
    nilai = bulatkan(value, desimal)
    assert nilai is not None
    bulat, _, pecahan = f"{abs(nilai):f}".partition(".")
    teks = f"{int(bulat):,}".replace(",", ".")
    if pecahan:
        teks = f"{teks},{pecahan}"
    return f"-{teks}" if nilai < 0 else teks


def desimal_tersimpan(value: Decimal) -> int:
    """How many decimals a stored value really carries (1250.5000 → 1), at most 4."""
    return min(4, max(0, -Decimal(value).normalize().as_tuple().exponent))


def format_nilai(value, desimal: int = 0, *, kosong: str = KOSONG) -> str:
    """An indicator's value as shown everywhere (tree, grid, PK, realisasi): the indicator's
    ``desimal`` places, more only when the stored value has them — rounding 1.250,5 Orang to
    1.251 in one page and not in another hid a typing slip (the target warnings flag it)."""
    if value is None or value == "":
        return kosong
    if not isinstance(value, Decimal):
        value = _ke_decimal(value)
    return format_angka(value, max(int(desimal), desimal_tersimpan(value)))


def angka_input(value) -> str:
    """A stored value as a user would type it back: 1250.5000 → ``1.250,5`` (no trailing
    zeros, at most 4 decimals); None → empty. Inputs, spreadsheets and the PK grid share it."""
    if value in (None, ""):
        return ""
    if not isinstance(value, Decimal):
        return str(value)
    normal = value.normalize()
    desimal = max(0, -normal.as_tuple().exponent)
    return format_angka(value, min(desimal, 4))


def nilai_predikat_teks(nilai: Decimal | None, teks: str | None = "",
                        desimal: int | None = None) -> str:
    """A value with its predikat as typed: ``77,26 (BB)``; the predikat alone when there is no
    number (domain.md §2.3), the number alone when there is no predikat. With the indicator's
    ``desimal`` the number reads as everywhere else (:func:`format_nilai`)."""
    angka_teks = (angka_input(nilai) if desimal is None
                  else format_nilai(nilai, desimal, kosong=""))
    if teks:
        return f"{angka_teks} ({teks})" if nilai is not None else teks
    return angka_teks


def sel_nilai_predikat(nilai: Decimal | None, teks: str | None = ""):
    """A spreadsheet cell for a value: a real number (so spreadsheets compute with it), or the
    text ``77,26 (BB)`` when a predikat is set, so it reads back unchanged."""
    return nilai_predikat_teks(nilai, teks) if teks else nilai


def format_ukuran(byte: int | None) -> str:
    """A file size as users read it: ``850 byte``, ``12 KB``, ``1,2 MB`` (1 KB = 1024 byte)."""
    if byte is None:
        return KOSONG
    if byte < 1024:
        return f"{byte} byte"
    if byte < 1024 * 1024:
        return f"{format_angka(Decimal(byte) / 1024, 0)} KB"
    return f"{format_angka(Decimal(byte) / (1024 * 1024), 1)} MB"


def format_rupiah(value: int | float | Decimal | None, *, kosong: str = KOSONG) -> str:
    """Format money as ``Rp 31.132.479.236`` (domain.md §8.1 house style).

    Sen are shown (``Rp 1.234.567,89``) only when the value has a non-zero fraction.
    """
    if value is None:
        return kosong
    nilai = bulatkan(value, 2)
    assert nilai is not None
    desimal = 0 if nilai == nilai.to_integral_value() else 2
    teks = format_angka(nilai, desimal)
    return f"-Rp {teks[1:]}" if teks.startswith("-") else f"Rp {teks}"


def format_persen(
    value: int | float | Decimal | None, desimal: int = 2, *, kosong: str = KOSONG
) -> str:
    """Format a percentage as ``112,59 %`` (domain.md §8.1); ``None`` → ``kosong``."""
    if value is None:
        return kosong
    return f"{format_angka(value, desimal)} %"


_SATUAN = (
    "nol",
    "satu",
    "dua",
    "tiga",
    "empat",
    "lima",
    "enam",
    "tujuh",
    "delapan",
    "sembilan",
    "sepuluh",
    "sebelas",
)
_TINGKAT = ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"), (10**3, "ribu"))
_BATAS_TERBILANG = 10**15


def _ratusan(n: int) -> str:
    if n < 12:
        return _SATUAN[n]
    if n < 20:
        return f"{_SATUAN[n - 10]} belas"
    if n < 100:
        puluh, sisa = divmod(n, 10)
        return f"{_SATUAN[puluh]} puluh" + (f" {_SATUAN[sisa]}" if sisa else "")
    ratus, sisa = divmod(n, 100)
    kepala = "seratus" if ratus == 1 else f"{_SATUAN[ratus]} ratus"
    return kepala + (f" {_ratusan(sisa)}" if sisa else "")


def _ke_bulat(n: int | Decimal) -> int:
    if isinstance(n, bool) or not isinstance(n, (int, Decimal)):
        raise ValueError(f"Terbilang hanya untuk bilangan bulat, bukan {n!r}")
    if isinstance(n, Decimal):
        if not n.is_finite() or n != n.to_integral_value():
            raise ValueError(f"Terbilang hanya untuk bilangan bulat, bukan {n}")
        return int(n)
    return n


def terbilang(n: int | Decimal) -> str:
    """Spell an integer in Indonesian words, up to 999 triliun (domain.md §8.1).

    ``9604306296`` → "sembilan miliar enam ratus empat juta tiga ratus enam ribu dua ratus
    sembilan puluh enam"; 1.000 is "seribu" and 100 is "seratus" (never "satu ribu").
    """
    bilangan = _ke_bulat(n)
    if bilangan < 0:
        return f"minus {terbilang(-bilangan)}"
    if bilangan >= _BATAS_TERBILANG:
        raise ValueError(f"Terbilang hanya sampai 999 triliun, bukan {bilangan}")
    if bilangan == 0:
        return "nol"
    bagian: list[str] = []
    for nilai, nama in _TINGKAT:
        jumlah, bilangan = divmod(bilangan, nilai)
        if jumlah:
            bagian.append(
                "seribu" if nilai == 1000 and jumlah == 1 else f"{_ratusan(jumlah)} {nama}"
            )
    if bilangan:
        bagian.append(_ratusan(bilangan))
    return " ".join(bagian)


def terbilang_rupiah(n: int | Decimal) -> str:
    """Terbilang followed by "rupiah", for narrative money (domain.md §8.1).

    Sen, when present, are spelled after the rupiah: "… rupiah lima puluh sen".
    """
    if isinstance(n, Decimal) and n.is_finite() and n != n.to_integral_value():
        if n < 0:
            return f"minus {terbilang_rupiah(-n)}"
        nilai = bulatkan(n, 2)
        assert nilai is not None
        rupiah = int(nilai)
        sen = int((nilai - rupiah) * 100)
        teks = f"{terbilang(rupiah)} rupiah"
        return f"{teks} {terbilang(sen)} sen" if sen else teks
    return f"{terbilang(n)} rupiah"


def format_nip(nip: str | int) -> str:
    """Display an 18-digit NIP as ``19710628 199303 1 012`` (8-6-1-3, domain.md §8.1).

    Floats are refused: an 18-digit number does not survive a float round trip.
    """
    if isinstance(nip, bool) or not isinstance(nip, (str, int)):
        raise ValueError(f"NIP {nip!r} harus ditulis sebagai teks 18 digit")
    digit = "".join(str(nip).translate(_SPASI).split())
    if not re.fullmatch(r"\d{18}", digit):
        raise ValueError(
            f"NIP '{str(nip).strip()}' tidak valid: harus 18 digit angka, mis. 197106281993031012"
        )
    return f"{digit[:8]} {digit[8:14]} {digit[14]} {digit[15:]}"
