"""django-axes' lockout check, for logins that come with a request."""

from axes.backends import AxesStandaloneBackend


class LockoutBackend(AxesStandaloneBackend):
    """Every login over HTTP (the form, the admin, the API's Basic authentication) brings its
    request and is checked. A call without one (the test client's ``login``, a shell) has no
    address to count against and no attacker behind it: it goes straight to the password check,
    where axes itself would refuse it with an error."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
