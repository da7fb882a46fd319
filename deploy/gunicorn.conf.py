"""gunicorn settings for SAKIP in production (`make serve`, deploy/sakip-web.service).

Everything a site changes comes from the environment, like the Django settings:
HOST/PORT (bind), WEB_CONCURRENCY (workers), GUNICORN_THREADS, GUNICORN_TIMEOUT.
"""

import multiprocessing
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

wsgi_app = "sakip.wsgi:application"
chdir = str(ROOT)
bind = [f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"]

# Sync workers, 2 × cores + 1 (gunicorn's own rule: one computing per core while another waits
# on the database); each holds one database connection (CONN_MAX_AGE). WEB_CONCURRENCY
# overrides, e.g. on a machine shared with PostgreSQL.
workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * multiprocessing.cpu_count() + 1)
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# A request may take this long before its worker is killed and restarted. PDFs of the LKjIP and
# large imports run in the task worker, not here; the slowest requests left are a PK PDF (~2 s)
# and a staff workbook of 10,000 rows (~8 s). nginx's proxy_read_timeout matches it.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
graceful_timeout = 30
keepalive = 5
# Recycle a worker now and then: WeasyPrint and openpyxl leave memory behind after big files.
max_requests = 1000
max_requests_jitter = 100
# Load the application once in the master: a missing SECRET_KEY (sakip/wsgi.py) stops the
# server at start, not in every worker on its first request.
preload_app = True
proc_name = "sakip"
# X-Forwarded-Proto is believed only from the proxy on this machine.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# One line of JSON per record, access log included (sakip/log.py: the atoms become fields).
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "sakip.log.JsonFormatter"}},
    "handlers": {
        "access": {"class": "logging.StreamHandler", "formatter": "json",
                   "stream": "ext://sys.stdout"},
        "error": {"class": "logging.StreamHandler", "formatter": "json",
                  "stream": "ext://sys.stderr"},
    },
    "root": {"level": "WARNING", "handlers": ["error"]},
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["error"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": ["access"], "propagate": False},
    },
}

# No gunicornc control socket: nothing here uses it, and its default path ($HOME/.gunicorn) is
# shared by every gunicorn of the user and unwritable for a service account.
control_socket_disable = True
