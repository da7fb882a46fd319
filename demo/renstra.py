"""Demo additions of the renstra area: the 1.06 (Sosial) nomenklatur master, so the Tabel 4.2
import in the demo checks codes against it instead of saying the master is not loaded."""

import io
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

NOMENKLATUR_106 = (
    Path(settings.BASE_DIR) / "fixtures" / "nomenklatur" / "1.06_kepmendagri-900.1-2850-2025.csv"
)


def extend(*, pd, users, stdout=None) -> None:
    # Idempotent (matched on kode + versi), so a demo reload leaves the master as it is.
    call_command("load_nomenklatur", str(NOMENKLATUR_106), versi="Kepmendagri 900.1-2850/2025",
                 berlaku_mulai=2025, verbosity=0, stdout=io.StringIO())
