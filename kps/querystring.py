"""Choices a page reads from its query string, shared by the pages that offer them."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest
from django.utils.translation import gettext as _


def chosen(request: HttpRequest, name: str, options: dict, label: str, say: Callable[[str], None]):
    """The option whose id is in ``?name=``; None (with a message to ``say``) when it is not
    one of them, so a bad link shows everything rather than an error page."""
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    if raw.isdigit() and int(raw) in options:
        return options[int(raw)]
    say(_("%(what)s ”%(value)s” finns inte här; visar alla.") % {"what": label, "value": raw[:20]})
    return None
