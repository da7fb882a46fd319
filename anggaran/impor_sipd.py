"""Import of budget lines from a flat xlsx/csv with SIPD field names (domain.md §6.3).

SIPD has no public export API; data leaves it as spreadsheets whose columns carry SIPD's
vocabulary, so that vocabulary is what this import reads (headers case-insensitive, extra
columns ignored, numbers as real numbers or Indonesian text ``1.234.567,89``):

* pagu (DPA/DPPA, ``data_sub_keg_bl``): ``kode_sub_giat`` (or the code inside ``nama_sub_giat``),
  ``pagumurni`` → tahap murni, ``pagu`` → the tahap chosen on the form (perubahan by default;
  skipped when equal to ``pagumurni`` and that tahap is not stored yet: nothing changed);
* realisasi (``data_rfk``): ``kode_sub_giat``, ``bulan`` (1–12) or ``triwulan`` (1–4),
  ``realisasi_anggaran`` (also ``realisasi_rp`` or ``realisasi``);
* ``tahun_anggaran`` when present must be the year chosen; ``kode_giat``/``kode_program`` rows
  (no sub kegiatan) are matched at their own level.

Everything goes through ``anggaran.services.anggaran_save``: the whole file or nothing, and
a realisasi above its pagu refuses the file naming the row. The preview and the confirmation run
the same reader and the same service validation (``simpan=False`` / ``True``), so a preview
that promises "N baris akan disimpan" is never followed by a refusal the database would raise
(over-precise or huge amounts are refused by the service's money rule, ``salah_uang``).

Cells are read as data (``sakip.xlsx``): a formula, an error value, TRUE/FALSE or a date where a
number, a code or a month is expected is an error naming the row and the column — never a blank
or a cached value taken on trust. A broken, entity-laden or zip-bomb file is one message.
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass, field

from anggaran.models import Tahap
from anggaran.selectors import pemilik_per_kode
from anggaran.services import (
    EntriPagu,
    EntriRealisasiAnggaran,
    HasilAnggaran,
    anggaran_save,
)
from renstra.kode import KodeTidakSah, normalisasi_kode, pisah_kode_nama
from sakip.lib.periode import triwulan_dari_bulan
from sakip.xlsx import BerkasTidakValid, SelTidakValid, angka, baris_sel, buka_xlsx, mentah, teks

KOLOM_KODE = ("kode_sub_giat", "kode_giat", "kode_program")
KOLOM_NAMA = ("nama_sub_giat", "nama_giat", "nama_program")
KOLOM_REALISASI = ("realisasi_anggaran", "realisasi_rp", "realisasi")


@dataclass
class HasilImpor:
    nama_berkas: str = ""
    baris: int = 0
    galat: list[str] = field(default_factory=list)
    hasil: HasilAnggaran | None = None

    @property
    def ok(self) -> bool:
        return not self.galat and (self.hasil is None or self.hasil.ok)

    def semua_galat(self) -> list[str]:
        out = list(self.galat)
        if self.hasil:
            for g in self.hasil.galat:
                e = g.entri
                out.append(f"baris {e.baris}, kolom {e.kolom}: {g.pesan}" if e.baris else g.pesan)
        return out


def baca_tabel(isi: bytes, nama: str) -> tuple[list[str], list[dict]]:
    """Rows of an xlsx (first sheet) or csv as dicts keyed by lower-cased header, with the
    1-based row number in ``_baris``. Raises ValueError with a readable message."""
    if nama.lower().endswith(".csv"):
        return _baca_csv(isi)
    if nama.lower().endswith(".xlsx"):
        return _baca_xlsx(isi)
    raise ValueError("Berkas harus .xlsx atau .csv.")


def _kunci(h) -> str:
    return " ".join(str(h).split()).lower() if h is not None else ""


def _baca_csv(isi: bytes) -> tuple[list[str], list[dict]]:
    for enc in ("utf-8-sig", "cp1252"):
        try:
            isi_teks = isi.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ValueError("Berkas CSV tidak dapat dibaca (encoding); simpan sebagai CSV UTF-8.")
    try:
        dialect = csv.Sniffer().sniff(isi_teks[:4096], delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return _baris_csv(csv.reader(io.StringIO(isi_teks), dialect))
    except csv.Error as e:
        # A NUL byte or a field above the csv module's limit: not a SIPD table.
        raise ValueError(f"Berkas CSV rusak dan tidak dapat dibaca ({e}).") from None


def _baris_csv(reader) -> tuple[list[str], list[dict]]:
    header = [_kunci(h) for h in next(reader, [])]
    rows = []
    for nomor, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        row = {"_baris": nomor}
        for k, v in zip(header, values, strict=False):
            if k and k not in row:
                row[k] = v.strip() or None
        rows.append(row)
    return header, rows


def _baca_xlsx(isi: bytes) -> tuple[list[str], list[dict]]:
    """Cells keep what they are (``sakip.xlsx.mentah``: a formula stays a formula) until a
    column is used; extra columns are ignored whatever they hold."""
    wb = buka_xlsx(isi, nama="Berkas xlsx")
    try:
        if not wb.worksheets:
            raise BerkasTidakValid("Berkas xlsx tidak memuat sheet.")
        it = baris_sel(wb.worksheets[0], nama="Berkas xlsx")
        header = [_kunci(_judul(c)) for c in next(it, ())]
        rows = []
        for nomor, cells in enumerate(it, start=2):
            values = [mentah(c) for c in cells]
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                continue
            row = {"_baris": nomor}
            for k, v in zip(header, values, strict=False):
                if k and k not in row:
                    row[k] = v.strip() if isinstance(v, str) else v
            rows.append(row)
    finally:
        wb.close()
    return header, rows


def _judul(cell) -> str | None:
    try:
        return teks(mentah(cell)) or None
    except SelTidakValid:
        return None  # a formula as a header is no SIPD column name


def _teks(row, kolom, out: HasilImpor) -> str | None:
    """The cell as text ('' when blank); None (and a galat) for a formula or an error value."""
    try:
        return teks(row.get(kolom)).strip()
    except SelTidakValid as e:
        out.galat.append(f"baris {row['_baris']}, kolom {kolom}: {e.pesan}.")
        return None


def _angka(row, kolom, out: HasilImpor):
    """A money cell: Decimal or None (blank), and whether it could be read. Booleans, dates,
    formulas and unreadable text are galat; sign, precision and size are the service's rule."""
    try:
        return angka(row.get(kolom)), True
    except SelTidakValid as e:
        out.galat.append(f"baris {row['_baris']}, kolom {kolom}: {e.pesan}.")
        return None, False


def _pemilik(row, kode_map, bidang_urusan, out: HasilImpor):
    for kolom_kode, kolom_nama in zip(KOLOM_KODE, KOLOM_NAMA, strict=True):
        kode_teks = _teks(row, kolom_kode, out)
        nama = _teks(row, kolom_nama, out)
        if kode_teks is None or nama is None:
            return None
        if not kode_teks and nama:
            try:
                kode_teks, _n = pisah_kode_nama(nama, bidang=bidang_urusan)
            except KodeTidakSah:
                kode_teks = None
        if not kode_teks:
            continue
        try:
            kode = normalisasi_kode(kode_teks, bidang=bidang_urusan)
        except KodeTidakSah as e:
            out.galat.append(f"baris {row['_baris']}, kolom {kolom_kode}: {e}")
            return None
        node = kode_map.get(kode)
        if node is None:
            out.galat.append(f"baris {row['_baris']}, kolom {kolom_kode}: kode {kode} tidak ada "
                             "di Renstra perangkat daerah ini untuk tahun tersebut.")
        return node
    out.galat.append(f"baris {row['_baris']}: tidak ada kode_sub_giat (atau kode_giat/"
                     "kode_program) yang dapat dibaca.")
    return None


@dataclass
class _Kolom:
    """What the header row offers: pagu columns, the realisasi column (if any)."""

    ada_pagu: bool
    realisasi: str | None


def _baca_kepala(header: list[str], out: HasilImpor) -> _Kolom:
    kolom = _Kolom(ada_pagu="pagu" in header or "pagumurni" in header,
                   realisasi=next((k for k in KOLOM_REALISASI if k in header), None))
    if not any(k in header for k in (*KOLOM_KODE, *KOLOM_NAMA)):
        out.galat.append("baris 1: kolom kode_sub_giat (atau nama_sub_giat) tidak ada.")
    if not kolom.ada_pagu and not kolom.realisasi:
        out.galat.append("baris 1: tidak ada kolom pagu/pagumurni atau realisasi_anggaran; "
                         "diharapkan nama kolom SIPD (domain.md §6.3).")
    if kolom.realisasi and "bulan" not in header and "triwulan" not in header:
        out.galat.append("baris 1: realisasi memerlukan kolom bulan (1–12) atau triwulan (1–4).")
    return kolom


@dataclass
class _Pilihan:
    """The choices made on the form, applied to every row."""

    tahun: int
    tahap_pagu: str
    urutan_tahap: int
    tanggal_dokumen: datetime.date | None


def _bulat(teks_sel: str) -> int:
    """A whole number typed in a cell (``2025``, ``3``); ValueError for anything else (a date
    ``01-03-2025``, ``TRUE``, ``3.5``)."""
    bagian = teks_sel.strip().split(".")
    if len(bagian) > 2 or (len(bagian) == 2 and bagian[1].strip("0")):
        raise ValueError(teks_sel)
    return int(bagian[0])


def _tahun_cocok(row, tahun: int, out: HasilImpor) -> bool:
    ta = _teks(row, "tahun_anggaran", out)
    if ta is None:
        return False
    if ta == "":
        return True
    b = row["_baris"]
    try:
        if _bulat(ta) == tahun:
            return True
        out.galat.append(f"baris {b}, kolom tahun_anggaran: {ta} bukan tahun {tahun} yang "
                         "dipilih.")
    except ValueError:
        out.galat.append(f"baris {b}, kolom tahun_anggaran: '{ta}' bukan tahun.")
    return False


def _entri_pagu(row, node, pilih: _Pilihan, out: HasilImpor) -> list[EntriPagu] | None:
    """``pagumurni`` is tahap murni; ``pagu`` is the chosen tahap, skipped when it equals the
    murni figure (nothing changed). None: the row is refused (its realisasi is not read)."""
    b = row["_baris"]
    murni, ok1 = _angka(row, "pagumurni", out)
    kini, ok2 = _angka(row, "pagu", out)
    if not (ok1 and ok2):
        return None
    if pilih.tahap_pagu == Tahap.MURNI:
        if murni is not None and kini is not None and murni != kini:
            out.galat.append(f"baris {b}, kolom pagu: tahap yang dipilih murni, tetapi pagu "
                             "berbeda dari pagumurni.")
            return None
        nilai = kini if kini is not None else murni
        if nilai is None:
            return []
        return [EntriPagu(node, Tahap.MURNI, nilai, tanggal_dokumen=pilih.tanggal_dokumen,
                          baris=b, kolom="pagu")]
    entri = []
    if murni is not None:
        entri.append(EntriPagu(node, Tahap.MURNI, murni, baris=b, kolom="pagumurni"))
    if kini is not None and (murni is None or kini != murni):
        entri.append(EntriPagu(node, pilih.tahap_pagu, kini, urutan_tahap=pilih.urutan_tahap,
                               tanggal_dokumen=pilih.tanggal_dokumen, baris=b, kolom="pagu"))
    return entri


def _periode(bulan: str, triwulan: str) -> tuple[int, int | None]:
    """(triwulan, bulan) of a realisasi row from the cells as text; ValueError when neither
    is a month 1–12 or a quarter 1–4."""
    if bulan:
        b = _bulat(bulan)
        return triwulan_dari_bulan(b), b
    tw = _bulat(triwulan)
    if tw not in (1, 2, 3, 4):
        raise ValueError(triwulan)
    return tw, None


def _entri_realisasi(row, node, kolom: str, out: HasilImpor) -> list[EntriRealisasiAnggaran]:
    nilai, ok = _angka(row, kolom, out)
    bulan, triwulan = _teks(row, "bulan", out), _teks(row, "triwulan", out)
    sumber = _teks(row, "sumber", out)
    if not ok or nilai is None or None in (bulan, triwulan, sumber):
        return []
    try:
        tw, b = _periode(bulan, triwulan)
    except ValueError:
        nama = "bulan" if bulan else "triwulan"
        out.galat.append(f"baris {row['_baris']}, kolom {nama}: diharapkan bulan 1–12 atau "
                         "triwulan 1–4.")
        return []
    return [EntriRealisasiAnggaran(node, tw, nilai, bulan=b, sumber=(sumber or "SIPD")[:60],
                                   baris=row["_baris"], kolom=kolom)]


def _baca_entri(rows, renstra, kolom: _Kolom, pilih: _Pilihan, out: HasilImpor):
    """The parser: rows → pagu and realisasi entries; every unreadable cell goes to
    ``out.galat``."""
    kode_map = pemilik_per_kode(renstra)
    bidang_urusan = _bidang_urusan(kode_map)
    pagu: list[EntriPagu] = []
    realisasi: list[EntriRealisasiAnggaran] = []
    for row in rows:
        if not _tahun_cocok(row, pilih.tahun, out):
            continue
        node = _pemilik(row, kode_map, bidang_urusan, out)
        if node is None:
            continue
        if kolom.ada_pagu:
            baru = _entri_pagu(row, node, pilih, out)
            if baru is None:
                continue
            pagu.extend(baru)
        if kolom.realisasi:
            realisasi.extend(_entri_realisasi(row, node, kolom.realisasi, out))
    return pagu, realisasi


def impor(isi: bytes, nama: str, *, renstra, tahun: int, tahap_pagu: str = Tahap.PERUBAHAN,
          urutan_tahap: int = 0, tanggal_dokumen: datetime.date | None = None, user=None,
          simpan: bool = False) -> HasilImpor:
    """Read a SIPD-style file and validate (``simpan=False``) or write it, all or nothing."""
    out = HasilImpor(nama_berkas=nama)
    try:
        header, rows = baca_tabel(isi, nama)
    except ValueError as e:
        out.galat.append(str(e))
        return out
    out.baris = len(rows)
    kolom = _baca_kepala(header, out)
    if out.galat:
        return out
    pilih = _Pilihan(tahun, tahap_pagu, urutan_tahap, tanggal_dokumen)
    pagu, realisasi = _baca_entri(rows, renstra, kolom, pilih, out)
    if out.galat:
        return out
    out.hasil = anggaran_save(tahun=tahun, pagu=pagu, realisasi=realisasi, user=user,
                              alasan=f"Impor SIPD {nama}"[:200], simpan=simpan,
                              pd=renstra.perangkat_daerah)
    return out


def _bidang_urusan(kode_map) -> str | None:
    # Program Penunjang placeholders (X.XX.01…) take the office's bidang urusan (§6.1).
    for kode in kode_map:
        parts = kode.split(".")
        if len(parts) >= 2 and parts[0].isdigit():
            return f"{parts[0]}.{parts[1]}"
    return None
