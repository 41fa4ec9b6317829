"""django-axes' lockout answer in Swedish, as a page for the form and as JSON for the API."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def client_address(request: HttpRequest) -> str | None:
    """The client's address, behind as many reverse proxies as KPS_PROXY_COUNT says.

    Each trusted proxy appends the address it saw to X-Forwarded-For, so the client is the
    entry that many places from the right; anything further left is what the client sent
    and could be forged. Without proxies the connection's own address is the client's.
    """
    proxies = settings.KPS_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


def lockout_message() -> str:
    return _(
        "För många misslyckade inloggningar: kontot är spärrat. Vänta %(minutes)s minuter "
        "eller be en administratör att låsa upp det."
    ) % {"minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)}


def lockout_response(
    request: HttpRequest, original_response=None, credentials=None
) -> HttpResponse:
    message = lockout_message()
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=429)
    return render(request, "registration/login.html", {"lockout": message}, status=429)
