"""Realisasi: entry by bidang staff (form and spreadsheet), evidence, submission, verification
and input periods."""
