"""Requests in flight on the live server of the browser tests.

A page fetches the inbox badge after it loads (static/js/kotak.js), so a request can still be
querying when the test ends. On PostgreSQL the end of a transactional test truncates every table
and would deadlock against that query; the test therefore waits until the live server is idle
(tests/conftest.py) before the database is reset."""

import threading

_aktif = 0
_kondisi = threading.Condition()


class HitungPermintaan:
    """Test-only middleware (sakip/settings_test.py): counts the requests being answered."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        global _aktif
        with _kondisi:
            _aktif += 1
        try:
            return self.get_response(request)
        finally:
            with _kondisi:
                _aktif -= 1
                _kondisi.notify_all()


def tunggu_sepi(batas_detik: float = 15) -> bool:
    """Wait until no request is being answered; False when it did not happen in time."""
    with _kondisi:
        return _kondisi.wait_for(lambda: _aktif == 0, timeout=batas_detik)
