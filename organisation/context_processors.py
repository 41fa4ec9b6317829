from collections.abc import Callable

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from kps.figure_cache import cached

from .access import can_see_economics, role_label

# (url name, label, who may see it or None for everyone signed in); sections whose app is not
# installed yet are left out.
NAVIGATION: list[tuple[str, str, Callable | None]] = [
    ("planning:index", _("Planering"), None),
    ("followup:index", _("Uppföljning"), None),
    ("waitlists:index", _("Väntelistor"), None),
    ("rollout:index", _("Införande"), None),
    ("economics:index", _("Ekonomi"), can_see_economics),
    ("imports:index", _("Import"), None),
]


def add_section(url_name: str, label, *, visible: Callable | None = None, before: str = "") -> None:
    """A section an app adds to the main menu when it starts (its ``AppConfig.ready``), shown to
    the users ``visible(user)`` admits: the menu lives here, the rule of who sees it in the app."""
    if any(name == url_name for name, _label, _visible in NAVIGATION):
        return
    names = [name for name, _label, _visible in NAVIGATION]
    at = names.index(before) if before in names else len(NAVIGATION)
    NAVIGATION.insert(at, (url_name, label, visible))


def _visible_to(name: str, visible: Callable, user) -> bool:
    """Whether a section shows, asked once per change of the data (the figure cache) rather
    than with a query on every page."""
    if not user.is_authenticated:
        return bool(visible(user))
    return cached(f"menu:{name}", (user.pk,), lambda: bool(visible(user)))


def navigation(request):
    items = []
    user = getattr(request, "user", None)
    for name, label, visible in NAVIGATION:
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        if visible is not None and not (user is not None and _visible_to(name, visible, user)):
            continue
        items.append({"url": url, "label": label, "active": request.path.startswith(url)})
    return {
        "nav_items": items,
        "user_role": role_label(request.user) if hasattr(request, "user") else "",
    }
