"""DRF throttles that read their rate when asked and refuse in Swedish."""

import math

from django.utils.translation import gettext as _
from rest_framework import exceptions, throttling
from rest_framework.settings import api_settings


class _SwedishRefusal:
    def get_rate(self):
        # DRF binds the rates when the class is defined; reading them per request lets the
        # environment (and a test's settings) decide.
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def allow_request(self, request, view):
        if super().allow_request(request, view):
            return True
        seconds = max(1, math.ceil(self.wait() or 1))
        # Raised here rather than left to the view, whose message would be half English.
        refusal = exceptions.Throttled(
            detail=_("För många anrop till API:t. Försök igen om %(seconds)s sekunder.")
            % {"seconds": seconds}
        )
        refusal.wait = seconds  # becomes the Retry-After header
        raise refusal


class AnonRateThrottle(_SwedishRefusal, throttling.AnonRateThrottle):
    """Requests without a login, per address."""


class UserRateThrottle(_SwedishRefusal, throttling.UserRateThrottle):
    """Requests of a logged-in user, per user."""
