from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from kps import health
from organisation import views as organisation_views

# Swedish error pages in the site's layout (kps.error_pages), instead of Django's English ones.
handler400 = "kps.error_pages.bad_request"
handler403 = "kps.error_pages.permission_denied"
handler404 = "kps.error_pages.page_not_found"
handler500 = "kps.error_pages.server_error"

urlpatterns = [
    path("", organisation_views.home, name="home"),
    path("logga-in/", organisation_views.LoginView.as_view(), name="login"),
    path("logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz/", organisation_views.healthz, name="healthz"),
    path("readyz/", health.readyz, name="readyz"),
    # Browsers ask for /favicon.ico where a page links no icon (the admin, a download opened
    # in a tab). The URL is looked up per request, as {% static %} does, so it follows the
    # static storage's file names and needs no storage while this module is imported.
    path("favicon.ico", RedirectView.as_view(url=lazy(static, str)("favicon.svg"), permanent=True)),
    path("admin/", admin.site.urls),
    path("", include("organisation.urls")),
    path("planering/", include("planning.urls")),
    path("uppfoljning/", include("followup.urls")),
    path("vardplatser/", include("inpatient.urls")),
    path("vantelistor/", include("waitlists.urls")),
    path("inforande/", include("rollout.urls")),
    path("operation/", include("theatre.urls")),
    path("import/", include("imports.urls")),
    path("ekonomi/", include("economics.urls")),
    path("kopt-vard/", include("purchasing.urls")),
    path("api/v1/", include("kps.api_urls")),
    # Only for logged-in users (SPECTACULAR_SETTINGS' SERVE_PERMISSIONS): the schema maps every
    # endpoint. The docs page loads its script from a URL of its own: no inline script.
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "api/docs/",
        login_required(SpectacularSwaggerSplitView.as_view(url_name="api-schema")),
        name="api-docs",
    ),
]
