"""Session lifetime and browser caching for logged-in users."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.dispatch import receiver
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

# Session keys: when the user logged in and when the user last did anything.
STARTED = "kps_session_started"
SEEN = "kps_session_seen"


@receiver(user_logged_in)
def _stamp_new_session(sender, request, user, **kwargs):
    # Stamped while login saves the session anyway, so the first page after it writes nothing.
    if request is not None and hasattr(request, "session"):
        now = time.time()
        request.session[STARTED] = now
        request.session[SEEN] = now


class SessionTimeoutMiddleware:
    """Logs a user out after KPS_SESSION_IDLE_SECONDS without a request, and in any case
    KPS_SESSION_MAX_SECONDS after logging in.

    Django's own expiry is one fixed age from the last save; it cannot express both an idle
    limit and an absolute one, and the listed timeout packages do only the first. The
    session engine stays as configured (cache written through to the database).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            session = request.session
            started = session.setdefault(STARTED, now)
            seen = session.get(SEEN, now)
            if (
                now - seen > settings.KPS_SESSION_IDLE_SECONDS
                or now - started > settings.KPS_SESSION_MAX_SECONDS
            ):
                logout(request)
                if request.path.startswith("/api/"):
                    return self.get_response(request)  # now anonymous: DRF answers 401/403
                messages.info(request, _("Du har loggats ut eftersom sessionen tog slut."))
                return redirect_to_login(request.get_full_path())
            # Written at most once a minute: a session save is a database write.
            if now - seen > 60 or SEEN not in session:
                session[SEEN] = now
        return self.get_response(request)


class NoStoreForUsersMiddleware:
    """Nothing a logged-in user was shown stays in the browser's or a proxy's cache.

    Pages, JSON and exports hold figures about a clinic; a shared hospital computer must not
    show them again from its cache after logout. Static files are answered before this (by
    whitenoise) and keep their long caching.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)  # no-cache, no-store, must-revalidate, private
        return response
