"""Every URL × every kind of user × GET/POST: one access model, tested from the URLconf."""

import functools
import hashlib
import importlib
import pkgutil
from urllib.parse import urlencode

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests.access as access_pkg
from tests.access.spec import DENY, HIDDEN, KINDS, LOGIN, NA, OK, USERNAMES

# URL namespaces that belong to third-party apps, not to SAKIP views.
# The read API (api-v1) answers bearer tokens, not sessions: its access is tested in tests/api
# (public data only without a token, a token's scope, 401 for a revoked one).
SKIP_NAMESPACES = {"admin", "api-v1"}


def _url_names(resolver=None, prefix="") -> set[str]:
    names = set()
    for p in (resolver or get_resolver()).url_patterns:
        if isinstance(p, URLResolver):
            if p.namespace in SKIP_NAMESPACES:
                continue
            ns = f"{prefix}{p.namespace}:" if p.namespace else prefix
            names |= _url_names(p, ns)
        elif isinstance(p, URLPattern) and p.name:
            names.add(prefix + p.name)
    return names


def _matrix() -> dict:
    merged = {}
    for mod in pkgutil.iter_modules(access_pkg.__path__):
        if mod.name.startswith("matrix_"):
            table = importlib.import_module(f"tests.access.{mod.name}").MATRIX
            dup = set(table) & set(merged)
            assert not dup, f"URL in two matrix files: {dup}"
            merged.update(table)
    return merged


MATRIX = _matrix()


def test_every_url_is_in_the_matrix():
    missing = sorted(_url_names() - set(MATRIX))
    assert not missing, f"URL tanpa baris di matriks akses (tests/access/matrix_*.py): {missing}"


def test_matrix_has_no_stale_entries():
    stale = sorted(set(MATRIX) - _url_names())
    assert not stale, f"Matrix rows for URLs that no longer exist: {stale}"


_OURS = ("sakip", "renstra", "kinerja", "anggaran", "laporan", "dasbor", "api", "lke")


@functools.cache
def _fingerprint_sql() -> tuple[tuple[str, str], ...]:
    """One plain SELECT per SAKIP model: every concrete column, in primary-key order."""
    q = connection.ops.quote_name
    out = []
    for m in apps.get_models():
        if m._meta.app_label not in _OURS:
            continue
        cols = ", ".join(q(f.column) for f in m._meta.concrete_fields)
        out.append((m._meta.label, f"SELECT {cols} FROM {q(m._meta.db_table)} "
                                   f"ORDER BY {q(m._meta.pk.column)}"))
    return tuple(out)


def _fingerprint() -> tuple:
    """Row count and a digest of the rows of every SAKIP model.

    A refused POST must leave all of them as they were — not only the counts: an update that
    slipped through a refusal changes the digest.
    """
    out = []
    with connection.cursor() as cur:
        for label, sql in _fingerprint_sql():
            cur.execute(sql)
            rows = cur.fetchall()
            out.append((label, len(rows), hashlib.sha256(repr(rows).encode()).hexdigest()))
    return tuple(out)


# The Inspektorat's own records: review notes and the LKjIP review (LHR, domain.md §1.3).
# Whatever else it posts must leave every SAKIP table as it was (design.md: it changes nothing).
REVIU_INSPEKTORAT = ("dasbor:catatan-", "laporan:reviu")
# The evaluation (LKE, LHE) is the Inspektorat's own record too, but only its tables: a POST on an
# ``lke:`` page may write the lke tables and their audit rows, every other table stays as it was.
EVALUASI_INSPEKTORAT = "lke:"


def _di_luar_evaluasi(cetak: tuple) -> tuple:
    return tuple(r for r in cetak if not r[0].startswith("lke.") and r[0] != "sakip.JejakAudit")


def _outcome(response) -> str:
    code = response.status_code
    if code == 403:
        return DENY
    if code == 405:
        return NA
    if code == 404:
        return HIDDEN
    if code in (301, 302) and reverse("login") in response.get("Location", ""):
        return LOGIN
    if code < 500:
        return OK
    return f"HTTP {code}"


REFUSED = (DENY, LOGIN, NA, HIDDEN)


def _params():
    # A row whose page renders a PDF (WeasyPrint) is slow: ``make test-fast`` leaves it out.
    return [pytest.param(name, marks=[pytest.mark.slow] if MATRIX[name].slow else [])
            for name in sorted(MATRIX)]


@pytest.mark.parametrize("url_name", _params())
def test_access(url_name, world):
    spec = MATRIX[url_name]
    url = reverse(url_name, kwargs=spec.kwargs(world))
    if spec.query:
        url = f"{url}?{urlencode(spec.query(world))}"
    failures = []
    for kind in KINDS:
        client = Client()
        if USERNAMES[kind]:
            client.force_login(world.users[USERNAMES[kind]])
        got = _outcome(client.get(url))
        if got != spec.get[kind]:
            failures.append(f"GET {kind}: expected {spec.get[kind]}, got {got}")
        cek_insp = kind == "inspektorat" and not url_name.startswith(REVIU_INSPEKTORAT)
        # Every POST that must change nothing is fingerprinted: the refused ones and the
        # Inspektorat's. A POST answered otherwise than the matrix says already fails the test.
        cek_tolak = spec.post[kind] in REFUSED and url_name not in ("login", "logout")
        before = _fingerprint() if cek_insp or cek_tolak else None
        data = spec.post_data(world) if spec.post_data else {}
        got = _outcome(client.post(url, data))
        if got != spec.post[kind]:
            failures.append(f"POST {kind}: expected {spec.post[kind]}, got {got}")
        if cek_tolak and got in REFUSED:
            assert _fingerprint() == before, f"POST {kind} {url} was refused but changed data"
        elif cek_insp and url_name.startswith(EVALUASI_INSPEKTORAT):
            assert _di_luar_evaluasi(_fingerprint()) == _di_luar_evaluasi(before), (
                f"POST inspektorat {url} changed data outside the evaluation tables"
            )
        elif cek_insp:
            assert _fingerprint() == before, (
                f"POST inspektorat {url} changed data: Inspektorat changes nothing"
            )
    assert not failures, f"{url}:\n" + "\n".join(failures)
