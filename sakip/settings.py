"""SAKIP settings: one env-driven module (style.md §11).

Everything that differs between a laptop, CI and production comes from the environment:
``DEBUG``, ``SECRET_KEY``, ``DATABASE_URL``, ``ALLOWED_HOSTS``. Defaults are safe: debug off,
and outside debug a missing SECRET_KEY stops the process instead of running with a known key.
"""

from datetime import timedelta
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
TESTING = env.bool("SAKIP_TESTING", default=False)

PESAN_SECRET_KEY = (
    "SECRET_KEY wajib diisi di luar mode debug (set variabel lingkungan SECRET_KEY)."
)
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY and (DEBUG or TESTING):
    SECRET_KEY = "dev-only-insecure-key-never-use-in-production"  # noqa: S105
SECRET_KEY_DIISI = bool(SECRET_KEY)
# Outside debug an empty key is never replaced by a known one: the WSGI/ASGI entry points refuse
# to start (sakip/wsgi.py) and Django refuses anything that signs. Offline commands (check,
# makemigrations, migrate) still run, so tooling works without the production secret.

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "import_export",
    "django_tasks",
    "sakip.apps_tugas.TugasDatabaseConfig",  # django_tasks_db, named in Indonesian
    "axes",
    "csp",
    "sakip",
    "notifikasi",
    "renstra",
    "kinerja",
    "anggaran",
    "lke",
    "laporan",
    "dasbor",
    "bukukerja",
    "publik",
    "api",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Before any view-level middleware reads a body (sakip/keamanan.py says why it sits here).
    "sakip.keamanan.BatasIsiPermintaanMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A one-time password (reset by an administrator) is replaced before anything else.
    "sakip.pengguna.middleware.WajibGantiKataSandiMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes requires: turns a locked-out login into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sakip.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sakip.context_processors.peran",
                "notifikasi.context_processors.bel",
            ],
            "builtins": ["sakip.templatetags.angka"],
        },
    }
]

WSGI_APPLICATION = "sakip.wsgi.application"

# SQLite is the embedded default (make run); DATABASE_URL=postgres://… is production and CI.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
SQLITE_OPTIONS = {
    "timeout": 20,
    "transaction_mode": "IMMEDIATE",
    "init_command": "PRAGMA journal_mode=WAL;",
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # --- SQLite that waits (the single-office default of `make run`) ---
    # Several users, the gunicorn workers and the task worker share one file. A deferred
    # transaction that reads and then writes cannot wait for the write lock (SQLite answers
    # "database is locked" at once), so every transaction starts IMMEDIATE and waits up to
    # `timeout` seconds for the lock; WAL lets pages read while another request writes.
    # IMMEDIATE takes the write lock at BEGIN, so with ATOMIC_REQUESTS every GET would queue
    # behind every other request: on SQLite requests run in autocommit (reads never block) and
    # each write service opens its own transaction.atomic (the one write path per aggregate).
    DATABASES["default"]["OPTIONS"] = {**SQLITE_OPTIONS, **DATABASES["default"].get("OPTIONS", {})}
    DATABASES["default"]["ATOMIC_REQUESTS"] = False
else:
    # PostgreSQL (production): readers never wait for writers, so a request is one transaction.
    DATABASES["default"]["ATOMIC_REQUESTS"] = True
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Passwords and login throttling (sakip/keamanan.py) ---------------------------------------
# Length 10 and no common word dressed up with digits ("Sakip2025!", "Gowa2025"); the public
# demo password is refused outside debug.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "sakip.keamanan.KataSandiTebakanValidator"},
    {"NAME": "sakip.keamanan.KataSandiDemoValidator"},
]
# django-axes: after AXES_FAILURE_LIMIT wrong passwords for one username from one address, that
# pair is locked out for AXES_COOLOFF_TIME; an admin unlocks earlier (admin "Access attempts",
# or `manage.py axes_reset_username NAME`). Its backend must come first: it refuses a locked
# pair before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MENIT", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "sakip.keamanan.halaman_terkunci"
# Behind the reverse proxy every client would be 127.0.0.1 (one lockout for everybody): the
# address is the one nginx appends to X-Forwarded-For, trusted only from a loopback peer.
AXES_CLIENT_IP_CALLABLE = "sakip.keamanan.alamat_klien"

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia")]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
# Numbers are formatted explicitly by sakip.lib.angka (domain.md §8.1), never by the locale, so
# that pages, PDF, XLSX and commands agree; templates use the |angka, |rupiah, |persen filters.
USE_THOUSAND_SEPARATOR = False
# Date inputs: ISO first (sakip/formats/id/formats.py), so <input type="date"> shows its value.
FORMAT_MODULE_PATH = ["sakip.formats"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "sakip.storage.StaticStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING
WHITENOISE_AUTOREFRESH = DEBUG or TESTING

# Evidence files (bukti dukung) live outside static/ and are served only through views that check
# access on the indicator (design.md: "served only to users allowed to see that indicator").
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
# Never routed by urls.py: every file goes through a view that checks access first.
MEDIA_URL = "/berkas-terlindungi/"
BUKTI_MAX_BYTES = env.int("BUKTI_MAX_BYTES", default=10 * 1024 * 1024)

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "beranda"
LOGOUT_REDIRECT_URL = "login"

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# --- HTTPS and the reverse proxy (deploy/nginx-sakip.conf, `make serve`) ---
# nginx terminates TLS and says so in X-Forwarded-Proto; gunicorn listens on loopback, so only
# the proxy can send that header. SAKIP_HTTPS=0 is the plain-http trial on one machine without
# a proxy: no redirect to https, no Secure cookies, no HSTS (each still overridable alone).
SAKIP_HTTPS = env.bool("SAKIP_HTTPS", default=True)
if not DEBUG and not TESTING:
    SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=SAKIP_HTTPS)
    CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=SAKIP_HTTPS)
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=SAKIP_HTTPS)
    SECURE_HSTS_SECONDS = env.int(
        "SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 30 if SAKIP_HTTPS else 0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # A monitor on the machine itself polls http://127.0.0.1:PORT/healthz, past the proxy.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# Only when the proxy rewrites Host (nginx-sakip.conf passes the original Host instead).
USE_X_FORWARDED_HOST = env.bool("USE_X_FORWARDED_HOST", default=False)

# Long work (LKjIP PDF: WeasyPrint needs ~14 s for a 34-page report, platform.md) runs in the
# background through django-tasks' database backend; `make run` starts its worker.
TASKS = {
    "default": {
        "BACKEND": env.str(
            "TASKS_BACKEND",
            default="django_tasks_db.DatabaseBackend",
        )
    }
}

if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# --- Logs: one record, one line (sakip/log.py) ---
# JSON lines outside debug (journald and log shippers read a line as one event; a traceback is
# the field "exc"); readable text in `make run`. gunicorn's own logs use the same formatter
# (deploy/gunicorn.conf.py). LOG_FORMAT=json|teks overrides, LOG_LEVEL sets the level.
LOG_FORMAT = env.str("LOG_FORMAT", default="teks" if DEBUG else "json")
LOG_LEVEL = env.str("LOG_LEVEL", default="WARNING")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "sakip.log.JsonFormatter"},
        "teks": {"()": "sakip.log.TeksFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Replaces Django's default handlers (plain text in debug, mail_admins without ADMINS):
        # one route, one format.
        "django": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
    },
}

# Where the SAKIP deadline check warns (domain.md §1.1: LKjIP on the e-SAKIP portal by 28 Feb).
SAKIP_BATAS_UNGGAH_LKJIP = env.str("SAKIP_BATAS_UNGGAH_LKJIP", default="02-28")

# --- Uploaded spreadsheets (sakip.xlsx) -------------------------------------------------------
# Checked from the zip directory before any XML is parsed: the file itself, and everything it
# would expand to (a 630 KB zip bomb expands to 600 MB of XML).
SAKIP_XLSX_MAKS_BYTES = env.int("SAKIP_XLSX_MAKS_BYTES", default=20 * 1024 * 1024)
SAKIP_XLSX_MAKS_ISI = env.int("SAKIP_XLSX_MAKS_ISI", default=200 * 1024 * 1024)
# Cells read from one sheet (a 50,000-row Renstra has ~800,000): padding claimed by a forged
# <dimension> or row number stops here.
SAKIP_XLSX_MAKS_SEL = env.int("SAKIP_XLSX_MAKS_SEL", default=5_000_000)

# --- Imports in the background (sakip.tugas_impor) --------------------------------------------
# A file with more data rows than this is checked and applied by the task worker, with a status
# page, instead of inside the request: a 50,000-row Tabel 4.2 takes minutes, beyond a
# production server's request timeout.
SAKIP_IMPOR_LATAR_BARIS = env.int("SAKIP_IMPOR_LATAR_BARIS", default=2000)

# --- Admin exports (django-import-export) -----------------------------------------------------
# A cell starting with "=" is written as text, not as a formula (OWASP CSV injection).
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = True

# --- Security headers, request bodies, refusal logs (sakip/keamanan.py) -----------------------
# Content-Security-Policy on every page: scripts and stylesheets only from our own static files
# (htmx and Chart.js are vendored; no inline script anywhere). Style *attributes* stay allowed
# for the widths and CSS variables the templates compute (they cannot run code); <style>
# elements do not, which is why htmx's indicator style lives in sakip.css.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
# Bodies: refused by Content-Length before parsing (413), anonymous ones above a few KB never
# read; Django's own in-memory/temporary-file thresholds set explicitly.
SAKIP_UNGGAH_MAKS_BYTES = env.int("SAKIP_UNGGAH_MAKS_BYTES", default=25 * 1024 * 1024)
SAKIP_ANONIM_MAKS_BYTES = env.int("SAKIP_ANONIM_MAKS_BYTES", default=16 * 1024)
# Form fields (not files) up to 2.5 MB in memory; a file above 2.5 MB goes to a temporary file.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=2621440)
FILE_UPLOAD_MAX_MEMORY_SIZE = env.int("FILE_UPLOAD_MAX_MEMORY_SIZE", default=2621440)
# A 403 or a suspicious request is logged as one line, without Django's traceback.
LOGGING.setdefault("filters", {})["galat_klien"] = {"()": "sakip.keamanan.GalatKlienSatuBaris"}
for _handler in LOGGING["handlers"].values():
    _handler.setdefault("filters", []).append("galat_klien")
del _handler

# --- Read API (api/) --------------------------------------------------------------------------
# Requests per token and per client address without a token (django-ninja throttling, counted
# in the cache: the default local-memory cache counts per server process; a shared cache such
# as Redis or the database makes the limit exact across gunicorn workers).
SAKIP_API_BATAS_TOKEN = env.str("SAKIP_API_BATAS_TOKEN", default="600/m")
SAKIP_API_BATAS_ANONIM = env.str("SAKIP_API_BATAS_ANONIM", default="120/m")

# --- Notifikasi dan pengingat (notifikasi/, kinerja kirim_pengingat) -------------------------
# E-mail through Django's e-mail framework, sent by the task worker (notifikasi.tasks), never
# inside a request. The console backend (mail printed to the worker's log) until SMTP is set
# in the environment; README "Notifikasi dan pengingat".
if not TESTING:
    EMAIL_BACKEND = env.str("EMAIL_BACKEND",
                            default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env.bool("EMAIL_USE_SSL", default=False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="SAKIP <sakip@localhost>")
# The address of the site as users open it, for the links inside e-mails (a worker has no
# request to take the host from).
SAKIP_URL_DASAR = env.str("SAKIP_URL_DASAR", default="http://127.0.0.1:8000")
