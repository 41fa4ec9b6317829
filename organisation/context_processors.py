from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from .access import can_see_economics, role_label

# (url name, label); sections whose app is not installed yet are left out.
NAVIGATION = [
    ("planning:index", _("Planering")),
    ("followup:index", _("Uppföljning")),
    ("waitlists:index", _("Väntelistor")),
    ("rollout:index", _("Införande")),
    ("economics:index", _("Ekonomi")),
    ("imports:index", _("Import")),
]


def navigation(request):
    items = []
    for name, label in NAVIGATION:
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        if name == "economics:index" and not can_see_economics(request.user):
            continue
        items.append({"url": url, "label": label, "active": request.path.startswith(url)})
    return {
        "nav_items": items,
        "user_role": role_label(request.user) if hasattr(request, "user") else "",
    }
