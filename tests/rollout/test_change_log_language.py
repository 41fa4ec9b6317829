"""The change log's names are kept in Swedish and shown in the reader's language."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from rollout import services
from rollout.models import RolloutChange

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 15)


@pytest.fixture
def programme(org, qulturum_user):
    return services.programme_create(
        user=qulturum_user, clinic=org.clinics[0], decision_date=date(2026, 1, 20),
        start=date(2026, 2, 2), planned_end=date(2027, 1, 29), today=TODAY,
    )  # fmt: skip


def test_a_change_made_in_english_is_stored_with_the_swedish_names(programme, qulturum_user):
    RolloutChange.objects.all().delete()
    with translation.override("en"):
        services.programme_update(
            user=qulturum_user, programme=programme, goals="Shorter waits", today=TODAY
        )
    change = RolloutChange.objects.get()
    assert (change.subject, change.field) == ("Program", "mål")


def test_the_page_and_the_api_show_the_names_in_english(client, org, programme, qulturum_user):
    services.programme_update(
        user=qulturum_user, programme=programme, goals="Kortare väntan", today=TODAY
    )
    client.force_login(qulturum_user)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get(reverse("rollout:clinic", args=[org.clinics[0].id])).content.decode()
    log = html[html.index('id="andringar"') :]
    assert "<td>Programme</td><td>goals</td>" in log
    api = client.get("/api/v1/rollout/changes/", {"clinic": org.clinics[0].id}).json()
    rows = api["results"] if isinstance(api, dict) else api
    assert {(r["subject"], r["field"]) for r in rows} >= {("Programme", "goals")}
