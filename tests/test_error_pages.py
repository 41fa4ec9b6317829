"""Error pages in Swedish, in the site's layout with its navigation; the 500 page renders whatever failed."""

import pytest
from django.db import DatabaseError
from django.test import RequestFactory

from kps import error_pages

pytestmark = pytest.mark.django_db


def test_a_missing_page_is_the_swedish_404_with_the_navigation(client, kps_leader):
    client.force_login(kps_leader)
    response = client.get("/finns-inte/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Sidan finns inte" in html and 'class="mainnav"' in html
    assert "Using the URLconf" not in html


def test_with_debug_on_a_missing_page_is_still_the_styled_404(client, kps_leader, settings):
    settings.DEBUG = True
    client.force_login(kps_leader)
    for url in ("/finns-inte/", "/planering/999999/"):
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 404
        assert "Sidan finns inte" in html, url
        assert "Using the URLconf" not in html and "Django" not in html


def test_the_api_keeps_its_json_404_with_debug_on(client, kps_leader, settings):
    settings.DEBUG = True
    client.force_login(kps_leader)
    response = client.get("/api/v1/plans/999999/")
    assert response.status_code == 404 and response["Content-Type"].startswith("application/json")


def test_a_refusal_is_the_swedish_403_with_its_reason(client, org, qulturum_user):
    client.force_login(qulturum_user)  # follows every clinic, writes in none of their logs
    response = client.get("/uppfoljning/callin/mote/", {"klinik": org.clinics[2].id})
    html = response.content.decode()
    assert response.status_code == 403
    assert "Du har inte behörighet" in html and "403 Forbidden" not in html
    assert "Du får inte föra mötesanteckningar för Kardiologiska kliniken." in html
    assert 'class="mainnav"' in html


def test_the_403_page_shows_the_services_message(rf_user_request):
    from django.core.exceptions import PermissionDenied

    response = error_pages.permission_denied(
        rf_user_request, PermissionDenied("Bara klinikens chef kan fastställa planen.")
    )
    html = response.content.decode()
    assert response.status_code == 403
    assert "Bara klinikens chef kan fastställa planen." in html
    assert 'class="mainnav"' in html


def test_a_bad_request_is_the_swedish_400(client):
    response = client.get("/", HTTP_HOST="inte-var-vard.example")
    assert response.status_code == 400
    assert "Felaktig begäran" in response.content.decode()


def test_the_500_page_renders_when_the_database_is_what_failed():
    class BrokenUser:
        @property
        def is_authenticated(self):
            raise DatabaseError("the database does not answer")

    request = RequestFactory().get("/")
    request.user = BrokenUser()
    response = error_pages.server_error(request)
    assert response.status_code == 500
    assert "Något gick fel hos oss" in response.content.decode()


def test_the_500_page_has_the_navigation_when_it_can(rf_user_request):
    response = error_pages.server_error(rf_user_request)
    html = response.content.decode()
    assert response.status_code == 500 and 'class="mainnav"' in html


@pytest.fixture
def rf_user_request(kps_leader):
    from django.contrib.messages.storage.fallback import FallbackStorage

    request = RequestFactory().get("/")
    request.user = kps_leader
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_a_form_refused_by_the_csrf_check_is_the_swedish_403(kps_leader):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(kps_leader)
    response = client.post("/logga-ut/")
    html = response.content.decode()
    assert response.status_code == 403
    assert "Formuläret kunde inte tas emot" in html and "CSRF verification failed" not in html
