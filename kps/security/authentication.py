"""The API's Basic authentication, answering a locked-out login as the login form does."""

from drf_spectacular.authentication import BasicScheme
from rest_framework import exceptions
from rest_framework.authentication import BasicAuthentication

from .lockout import lockout_message


class LockedOut(exceptions.APIException):
    status_code = 429
    default_code = "locked_out"


class LockoutAwareBasicAuthentication(BasicAuthentication):
    """django-axes refuses a locked-out user before the password is checked, but DRF would
    report that as a wrong password; this says why, with 429 like the form."""

    def authenticate_credentials(self, userid, password, request=None):
        try:
            return super().authenticate_credentials(userid, password, request)
        except exceptions.AuthenticationFailed:
            # django-axes marks the request it was given: DRF's, not Django's.
            if getattr(request, "axes_locked_out", False):
                raise LockedOut(lockout_message()) from None
            raise


class LockoutAwareBasicScheme(BasicScheme):
    """The schema documents it as the HTTP Basic authentication it is."""

    target_class = LockoutAwareBasicAuthentication
