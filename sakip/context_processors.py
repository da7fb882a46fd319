from sakip.access import akses
from sakip.models import Role


def peran(request):
    """Navigation needs to know the user's perangkat daerah without each view passing it."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    a = akses(request)
    pd = a.default_pd()
    return {
        "akses": a,
        "pd_aktif": pd,
        "peran_aktif": sorted(a.roles_for(pd)) if pd else [],
        # The top bar speaks Indonesian: "Kepala perangkat daerah", not "kepala".
        "peran_aktif_label": [Role(r).label for r in sorted(a.roles_for(pd))] if pd else [],
    }
