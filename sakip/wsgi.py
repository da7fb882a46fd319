import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sakip.settings")
from django.conf import settings  # noqa: E402
from django.core.exceptions import ImproperlyConfigured  # noqa: E402

application = get_wsgi_application()
if not settings.SECRET_KEY_DIISI:
    # A server without its secret must not start (sessions and CSRF would be forgeable).
    raise ImproperlyConfigured(settings.PESAN_SECRET_KEY)
