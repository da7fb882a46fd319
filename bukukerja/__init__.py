"""Buku Kerja: the whole-office workbook (design.md "Buku Kerja"); see ``bukukerja.workbook``."""
