"""The error pages: 400, 403, 404 and 500 in Swedish, in the site's layout with its navigation.

Django's own are a bare English "403 Forbidden" and, with DEBUG on as in the demo, its
technical 404 page listing every URL pattern. The 500 page renders even when the database
or a context processor is what failed: then without the user's menu rather than not at all.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def _page(request: HttpRequest, status: int, message: str = "") -> HttpResponse:
    response = render(request, f"errors/{status}.html", {"message": message}, status=status)
    response.kps_error_page = True
    return response


def _message(exception) -> str:
    """A refusal's own Swedish text (``PermissionDenied(_("…"))``); empty when it gave none."""
    return str(exception) if exception is not None and exception.args else ""


def bad_request(request: HttpRequest, exception=None) -> HttpResponse:
    return _page(request, 400)


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    return _page(request, 403, _message(exception))


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form refused by the CSRF check: usually one left open past the session, or sent again."""
    return _page(
        request,
        403,
        _(
            "Formuläret kunde inte tas emot: sidan var för gammal eller skickades från en annan "
            "sida. Ladda om sidan och försök igen."
        ),
    )


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return _page(request, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page; if rendering it with the request fails too (a database that does not
    answer, read by the navigation's role), it is rendered without the request."""
    try:
        return _page(request, 500)
    except Exception:
        logger.exception("the 500 page could not be rendered with the request")
    html = loader.get_template("errors/500.html").render({"user": AnonymousUser()})
    return HttpResponse(html, status=500)


class StyledNotFoundMiddleware:
    """With DEBUG on (the demo), a page's 404 is the styled one, not Django's technical page.

    Django shows its technical 404 whenever DEBUG is on, bypassing ``handler404``; the demo
    runs with DEBUG, and people trying it are not developers. The API keeps its JSON 404.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            settings.DEBUG
            and response.status_code == 404
            and response.get("Content-Type", "").startswith("text/html")
            and not request.path.startswith(("/api/", "/static/", "/admin/"))
            and not getattr(response, "kps_error_page", False)
        ):
            response = page_not_found(request)
        return response
