"""Kepmendagri codes in one canonical dotted form (domain.md §6.1).

``U.BB.PP.K.KK.SSSS`` — e.g. ``1.06.04.2.01.0001``: urusan (1 digit), bidang urusan (2),
program (2), level of government owning the kegiatan (1: 1 provinsi, 2 kabupaten/kota),
kegiatan (2), sub kegiatan (4). Every import and master list goes through
:func:`normalisasi_kode`, so a code typed one way never becomes a second node.

Variants accepted (§6.1 "Observed variants the importer must normalise"):

* level digit zero-padded: ``1.06.04.02.01.0001`` → ``1.06.04.2.01.0001``;
* two-digit sub kegiatan of the original 90/2019 lists: ``1.06.04.2.01.01`` →
  ``1.06.04.2.01.0001`` (only the *form*; a renumbering between versions is the nomenklatur
  master's business, never guessed here);
* SIPD names with the code embedded: ``"1.05.02.2.03.0002 Pembentukan Sekretariat PPNS"``;
  Renstra tables' ``KODE - NAMA`` with or without the `` - ``;
* SIMDA "kode unit – kode kegiatan": ``1.06.01.01 - 04.2.01.01`` = unit ``1.06.01.01`` +
  program ``04`` + kegiatan ``2.01`` + sub ``01`` → ``1.06.04.2.01.0001``;
* the Program Penunjang placeholder ``X.XX.01…`` with the bidang urusan of the perangkat daerah
  (``bidang="1.06"``).
"""

from __future__ import annotations

import re

__all__ = [
    "LEVEL_PER_SEGMEN",
    "KodeTidakSah",
    "kode_induk",
    "level_kode",
    "normalisasi_kode",
    "pisah_kode_nama",
    "tampak_seperti_kode",
]

# Number of dotted segments → level (§6.1). Four segments is not a level: a kegiatan always
# carries the level-of-government digit and its two-digit number together.
LEVEL_PER_SEGMEN = {
    1: "urusan",
    2: "bidang_urusan",
    3: "program",
    5: "kegiatan",
    6: "subkegiatan",
}
# Width of each canonical segment, in order.
_LEBAR = (1, 2, 2, 1, 2, 4)


class KodeTidakSah(ValueError):
    """The text looks like a code but is not one of the Kepmendagri shapes."""


_SPASI = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2007": " ", "\u2009": " "})
# Separators between code and name seen in tables and SIPD exports: " - ", " – ", " — ", ":".
_RE_PEMISAH = re.compile(r"^\s*[-–—:]?\s*")
_SEGMEN = r"(?:[0-9]{1,6}|[xX]{1,2})"
_RE_SIMDA = re.compile(
    r"^(?P<unit>\d\.\d{1,2}\.\d{1,2}\.\d{1,2})\s*[-–—]\s*"
    r"(?P<prog>\d{1,2})\.(?P<lvl>\d{1,2})\.(?P<keg>\d{1,2})\.(?P<sub>\d{1,4})"
    r"(?=$|\s|[-–—:])"
)
_RE_KODE_AWAL = re.compile(rf"^(?P<kode>{_SEGMEN}(?:\.{_SEGMEN})*)\.?(?=$|\s|[-–—:])")
# A leading token that is meant as a code: at least one dot between digits/X (a bare "2024"
# or "1 Orang" is not), or a bare urusan digit followed by a separator ("1 - URUSAN …").
_RE_TAMPAK_KODE = re.compile(r"^(?:[0-9xX]{1,4}\.[0-9xX]|\d\s*[-–—]\s+\S)")


def _bersih(teks: str) -> str:
    return " ".join(str(teks).translate(_SPASI).split())


def tampak_seperti_kode(teks: str | None) -> bool:
    """Does this cell start with something meant as a code (well-formed or not)?"""
    if teks is None:
        return False
    return bool(_RE_TAMPAK_KODE.match(_bersih(teks)))


def _kanonik(segmen: list[str], asli: str, bidang: str | None) -> str:
    if segmen and segmen[0].upper().startswith("X"):
        if len(segmen) < 2 or not segmen[1].upper().startswith("X"):
            raise KodeTidakSah(f"Kode '{asli}': placeholder harus berbentuk X.XX.…")
        if not bidang:
            raise KodeTidakSah(
                f"Kode '{asli}' memakai placeholder X.XX; sebutkan bidang urusan perangkat "
                "daerah (mis. 1.06) untuk menggantinya"
            )
        bidang_segmen = normalisasi_kode(bidang).split(".")
        if len(bidang_segmen) != 2:
            raise KodeTidakSah(f"Bidang urusan '{bidang}' harus berbentuk U.BB, mis. 1.06")
        segmen = bidang_segmen + segmen[2:]
    if any(not s.isdigit() for s in segmen):
        raise KodeTidakSah(f"Kode '{asli}' mengandung huruf: diharapkan angka bertitik, "
                           "mis. 1.06.04.2.01.0001")
    if len(segmen) not in LEVEL_PER_SEGMEN:
        raise KodeTidakSah(
            f"Kode '{asli}' terdiri atas {len(segmen)} segmen: kode yang sah berbentuk "
            "U (urusan), U.BB (bidang urusan), U.BB.PP (program), U.BB.PP.K.KK (kegiatan) atau "
            "U.BB.PP.K.KK.SSSS (sub kegiatan)"
        )
    keluaran = []
    for i, (s, lebar) in enumerate(zip(segmen, _LEBAR, strict=False)):
        n = int(s)
        # Shorter segments are padded (the 2-digit sub kegiatan of 90/2019, "1.6"); a longer one
        # is a typo, except the zero-padded level digit "02" seen in public lists (§6.1).
        padded_level = i == 3 and len(s) == 2 and s[0] == "0"
        if len(s) > lebar and not padded_level:
            raise KodeTidakSah(
                f"Kode '{asli}': segmen ke-{i + 1} '{s}' terlalu panjang (paling banyak "
                f"{lebar} digit)"
            )
        keluaran.append(str(n).zfill(lebar))
    return ".".join(keluaran)


def _pisah(teks: str, bidang: str | None) -> tuple[str, str]:
    bersih = _bersih(teks)
    simda = _RE_SIMDA.match(bersih)
    if simda:
        unit = simda["unit"].split(".")
        kode = _kanonik(
            [unit[0], unit[1], simda["prog"], simda["lvl"], simda["keg"], simda["sub"]],
            simda.group(0), bidang,
        )
        return kode, bersih[simda.end():]
    cocok = _RE_KODE_AWAL.match(bersih)
    if not cocok:
        raise KodeTidakSah(
            f"'{_potong(bersih)}' tidak diawali kode: diharapkan mis. 1.06.04.2.01.0001"
        )
    return _kanonik(cocok["kode"].split("."), cocok["kode"], bidang), bersih[cocok.end():]


def _potong(teks: str, n: int = 60) -> str:
    return teks if len(teks) <= n else teks[: n - 1] + "…"


def normalisasi_kode(teks: str, *, bidang: str | None = None) -> str:
    """The canonical dotted form of a Kepmendagri code (see the module docstring).

    A name after the code (``"1.06.04.2.02 Rehabilitasi …"``) is ignored; use
    :func:`pisah_kode_nama` to keep it. Raises :class:`KodeTidakSah` (a ``ValueError``) with an
    Indonesian message naming what was expected.
    """
    if teks is None or not _bersih(teks):
        raise KodeTidakSah("Kode kosong: diharapkan mis. 1.06.04.2.01.0001")
    return _pisah(teks, bidang)[0]


def pisah_kode_nama(teks: str, *, bidang: str | None = None) -> tuple[str, str]:
    """``"1.06.02 - PROGRAM PEMBERDAYAAN SOSIAL"`` → ``("1.06.02", "PROGRAM PEMBERDAYAAN SOSIAL")``.

    The separator may be `` - ``, `` – ``, ``:`` or only a space (SIPD ``nama_sub_giat``).
    """
    if teks is None or not _bersih(teks):
        raise KodeTidakSah("Kode kosong: diharapkan mis. 1.06.04.2.01.0001")
    kode, sisa = _pisah(teks, bidang)
    nama = _RE_PEMISAH.sub("", sisa).strip()
    return kode, nama


def level_kode(kode: str) -> str:
    """``"1.06.04.2.01"`` → ``"kegiatan"`` (the code must already be canonical)."""
    level = LEVEL_PER_SEGMEN.get(kode.count(".") + 1)
    if level is None:
        raise KodeTidakSah(f"Kode '{kode}' bukan kode urusan/bidang/program/kegiatan/sub kegiatan")
    return level


def kode_induk(kode: str) -> str | None:
    """The code of the parent level: sub kegiatan → kegiatan → program → bidang → urusan."""
    segmen = kode.split(".")
    if len(segmen) == 1:
        return None
    if len(segmen) == 5:
        return ".".join(segmen[:3])
    return ".".join(segmen[:-1])
