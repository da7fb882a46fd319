"""A small LKE world: template files written here (any size), a throwaway office and users."""

from __future__ import annotations

import datetime
import io

import pytest
from openpyxl import Workbook

from lke import services
from lke.models import Kriteria
from lke.template_io import KOLOM
from sakip.models import Role
from tests.factories import PerangkatDaerahFactory, UserFactory

FIXTURE_88 = "fixtures/lke/lke_88_2021.xlsx"
FIXTURE_12 = "fixtures/lke/lke_12_2015.xlsx"
PESAN_IMPL = "nilai implementasi melebihi rata-rata pemenuhan"


def xlsx_template(*, n: int = 2, nama: str = "Template uji", komponen=None, kriteria=None,
                  kerangka=None) -> bytes:
    """A template workbook: komponen A (60 = A.1 Pemenuhan 20 + A.2 Implementasi 40) and B (40 =
    B.1 10 + B.2 30), ``n`` criteria per sub komponen (x.1 Y/T, x.2 A–E); A.2.* capped by the
    mean of A.1, B.2.1 capped by B.1.1. Any sheet's rows may be replaced."""
    komponen = komponen if komponen is not None else [
        ["A", "", "Perencanaan", 60], ["A.1", "A", "Pemenuhan", 20],
        ["A.2", "A", "Implementasi", 40], ["B", "", "Pelaporan", 40],
        ["B.1", "B", "Pemenuhan", 10], ["B.2", "B", "Kualitas", 30]]
    if kriteria is None:
        kriteria = []
        for sub in ("A.1", "A.2", "B.1", "B.2"):
            for i in range(1, n + 1):
                tipe = "Y/T" if sub.endswith(".1") else "A-E"
                kriteria.append([f"{sub}.{i}", sub, f"Kriteria {sub}.{i}", tipe, "", "", "", ""])
    # Written raw (ws.append), unlike lke.template_io.tulis_template: tests put formulas and
    # other hostile cells into the file on purpose.
    if kerangka is None:
        kerangka = [[f"A.2.{i}", "", "A.1", PESAN_IMPL] for i in range(1, n + 1)]
        kerangka.append(["B.2.1", "B.1.1", "", "Laporan Kinerja tidak ada"])
    wb = Workbook()
    wb.remove(wb.active)
    isi = {"Template": [[nama, ""]], "Komponen": komponen, "Kriteria": kriteria,
           "Kerangka Logis": kerangka}
    for judul, rows in isi.items():
        ws = wb.create_sheet(judul)
        ws.append(KOLOM[judul])
        for r in rows:
            ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.fixture
def pd_uji(db):
    return PerangkatDaerahFactory()


@pytest.fixture
def perencana(pd_uji):
    return UserFactory(peran=Role.PERENCANA, peran__perangkat_daerah=pd_uji)


@pytest.fixture
def auditor(db):
    return UserFactory(first_name="Auditor", peran=Role.INSPEKTORAT)


@pytest.fixture
def template_uji(db):
    tpl, _ = services.template_load(xlsx_template(), "uji/kecil")
    return tpl


def kriteria(template, kode: str) -> Kriteria:
    return Kriteria.objects.select_related("subkomponen__komponen").get(
        subkomponen__komponen__template=template, kode=kode)


def jawab_semua(ev, user, pihak: str, jawaban: dict[str, str] | None = None,
                bawaan: dict[str, str] | None = None) -> None:
    """Answer every criterion of ``ev`` on ``pihak``: ``jawaban`` by code, else by type."""
    bawaan = bawaan or {"yt": "Y", "ae": "A", "kustom": "A"}
    for k in Kriteria.objects.filter(subkomponen__komponen__template=ev.template).select_related(
            "subkomponen__komponen"):
        services.jawaban_set(ev, k, user, pihak=pihak,
                             jawaban=(jawaban or {}).get(k.kode, bawaan[k.tipe]))


@pytest.fixture
def evaluasi_uji(pd_uji, perencana, template_uji):
    return services.evaluasi_create(pd_uji, 2024, perencana, template=template_uji)


TANGGAL = datetime.date(2025, 3, 31)
