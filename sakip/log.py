"""One log record = one line of JSON, for Django, the task worker and gunicorn alike.

journald, ``grep`` and log shippers read a line as one event: a traceback spread over thirty
lines becomes thirty unrelated events, and a quote or newline in a message must not break the
record. Pure ``logging`` (no Django import): gunicorn's master loads it before any app code.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

# Attributes every LogRecord has; anything else on a record was passed with ``extra=`` and is
# written as a field of its own.
_BAWAAN = frozenset(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {
    "message", "asctime", "taskName",
}

# gunicorn's access atoms (glogging.Logger.atoms) → field names in the JSON line.
_ATOM_AKSES = {
    "h": "remote",
    "m": "method",
    "U": "path",
    "q": "query",
    "s": "status",
    "B": "bytes",
    "M": "ms",
    "f": "referer",
    "a": "user_agent",
    "{x-forwarded-for}i": "forwarded_for",
    "{x-forwarded-proto}i": "forwarded_proto",
}


class JsonFormatter(logging.Formatter):
    """``{"time": …, "level": …, "logger": …, "msg": …, …}`` on a single line; a traceback is
    the field ``exc`` (its newlines escaped by JSON), never extra lines."""

    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "pid": record.process,
        }
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            data.update(_akses(record.args))
        else:
            data["msg"] = record.getMessage()
            data.update(_tambahan(record))
        if record.exc_info:
            data["exc_type"] = record.exc_info[0].__name__ if record.exc_info[0] else None
            data["exc"] = self.formatException(record.exc_info)
        elif record.exc_text:
            data["exc"] = record.exc_text
        if record.stack_info:
            data["stack"] = self.formatStack(record.stack_info)
        return json.dumps(data, ensure_ascii=False, default=str)


class TeksFormatter(logging.Formatter):
    """The development format (``make run``): readable, one line per record; a traceback keeps
    its lines, because a developer reads it in the terminal."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")


def _akses(atoms: dict) -> dict[str, object]:
    out: dict[str, object] = {"msg": "akses"}
    for atom, nama in _ATOM_AKSES.items():
        nilai = dict.get(atoms, atom)
        if nilai in (None, "", "-"):
            continue
        if isinstance(nilai, str):
            # gunicorn's SafeAtoms escaped quotes for its own text format; JSON escapes them.
            nilai = nilai.replace('\\"', '"')
        out[nama] = nilai
    if "status" in out:
        try:
            out["status"] = int(out["status"])
        except (TypeError, ValueError):
            pass
    return out


def _tambahan(record: logging.LogRecord) -> dict[str, object]:
    """Fields passed with ``extra=``; Django's request logger passes the request itself, of
    which only the method and the path are kept (never headers, cookies or the body)."""
    out: dict[str, object] = {}
    for key, value in vars(record).items():
        if key in _BAWAAN or key.startswith("_"):
            continue
        if key == "request":
            out["method"] = getattr(value, "method", None)
            out["path"] = getattr(value, "path", None)
            continue
        out[key] = value if isinstance(value, (str, int, float, bool, type(None))) else str(value)
    return out
