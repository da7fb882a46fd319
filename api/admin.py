from django.contrib import admin

from api.models import TokenAPI
from sakip.admin import HanyaBacaMixin

# Tokens are created (shown once) and revoked on the token page (api.views), whose service
# audits both: read-only here. The hash is never shown.


@admin.register(TokenAPI)
class TokenAPIAdmin(HanyaBacaMixin, admin.ModelAdmin):
    list_display = ["nama", "awalan", "pemda", "perangkat_daerah", "dibuat_oleh", "dibuat_pada",
                    "terakhir_dipakai", "dicabut_pada"]
    list_filter = ["pemda"]
    search_fields = ["nama", "awalan"]
    exclude = ["hash"]
