"""Production settings: the embedded defaults hardened for a region's deployment."""

import os

from django.core.exceptions import ImproperlyConfigured

from . import *  # noqa: F403
from . import env_bool

DEBUG = False

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be set to a random string of 50+ characters."
    )
KPS_PSEUDONYM_KEY = os.environ.get("KPS_PSEUDONYM_KEY", "")
if len(KPS_PSEUDONYM_KEY) < 32:
    raise ImproperlyConfigured(
        "KPS_PSEUDONYM_KEY must be set to a random string of 32+ characters."
    )
# The demo app (its management commands that build a synthetic region, and the seeding
# code) has no place in a region's deployment; the embedded defaults and the tests keep it.
INSTALLED_APPS = [app for app in INSTALLED_APPS if app != "demo"]  # noqa: F405
# Never the demo's one-click logins, whose passwords are public, even when KPS_DEMO_LOGIN
# reaches the environment (an env file copied from a demo machine): the base settings read it.
KPS_DEMO_LOGIN = False

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
# The container health check talks plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz/$", r"^readyz/$"]
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
