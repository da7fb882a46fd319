import os

# openpyxl parses through lxml whenever lxml is installed (python-docx brings it), and then
# skips defusedxml: a workbook with a DTD/entity bomb would be read with the entities left
# unexpanded instead of refused. Uploaded spreadsheets are untrusted, so every process of the
# project keeps openpyxl on the defusedxml parser (sakip.xlsx refuses such files by name).
os.environ.setdefault("OPENPYXL_LXML", "False")
