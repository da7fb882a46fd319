"""Static files storage for production: WhiteNoise's compressed manifest storage, without
rewriting ``sourceMappingURL`` comments — the vendored npm builds (htmx, Chart.js) reference
``.map`` files that are not shipped, and a missing map must not fail ``collectstatic``."""

from django.contrib.staticfiles.storage import HashedFilesMixin
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    patterns = tuple(
        (glob, tuple(p for p in rules if "sourceMappingURL" not in str(p)))
        for glob, rules in HashedFilesMixin.patterns
    )
