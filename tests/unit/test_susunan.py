"""The layout rules a newcomer relies on (README "Susunan kode"): project imports sit at the top
of a module, never inside a function where they would hide an import cycle; the layer contract
itself is checked by ``lint-imports`` in ``make test``."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = [
    "sakip", "notifikasi", "renstra", "anggaran", "kinerja", "lke", "laporan", "bukukerja",
    "dasbor", "publik", "api", "demo",
]


def _modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def _imports_in_functions(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for fn in ast.walk(tree):
        if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(fn):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            elif isinstance(node, ast.ImportFrom) and node.level:
                names = ["."]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                continue
            for name in names:
                if name == "." or name.split(".")[0] in APPS:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} {name}")
    return found


@pytest.mark.parametrize("path", list(_modules()), ids=lambda p: str(p.relative_to(ROOT)))
def test_project_imports_at_module_top(path):
    assert _imports_in_functions(path) == []
