"""The dashboards' figures are cached until their data changes (kps.figure_cache).

Each test asks for a figure, changes its data the way a user or the night does (an import,
a plan approved, the catalogue edited in the admin), and asks again: the answer must be the
new figure, equal to one computed with the cache off. A write path that forgot to move the
generation would serve the old figure and fail here.
"""

from decimal import Decimal

import pytest
from django.urls import reverse

from facts.models import WeeklyOutcome
from imports.models import RunStatus
from imports.services import import_file
from kps.figure_cache import figures_changed
from organisation.models import Activity, UnitSourceCode
from planning import services as plans
from planning.cells import CellEdit
from planning.models import PlanStatus, PlanVersion
from tests.imports.conftest import KONTAKTER_HEADER

from .scenario import FOLLOWED_WEEK

pytestmark = pytest.mark.django_db
CHART = "senaste-veckan"
PARAMS = {"vecka": str(FOLLOWED_WEEK)}


def chart(client, name: str = CHART, **params) -> dict:
    response = client.get(reverse("followup:callin_chart", args=[name]), {**PARAMS, **params})
    assert response.status_code == 200, response.content
    return response.json()


def uncached(client, settings, name: str = CHART, **params) -> dict:
    """The same figure computed afresh, with the cache off."""
    settings.KPS_FIGURE_CACHE_SECONDS = 0
    try:
        return chart(client, name, **params)
    finally:
        del settings.KPS_FIGURE_CACHE_SECONDS


def bars(figure: dict) -> dict:
    """{trace name: {activity: value}} of a bar chart (horizontal: activities on the y axis)."""
    return {
        t["name"]: dict(zip(t["y"], t["x"], strict=True))
        if t.get("orientation") == "h"
        else dict(zip(t["x"], t["y"], strict=True))
        for t in figure["data"]
    }


@pytest.fixture
def manager_client(client, half_year, clinic_manager):
    client.force_login(clinic_manager)
    return client


def test_a_figure_is_served_from_the_cache_until_the_generation_moves(manager_client):
    before = bars(chart(manager_client))
    # A write that sends no model signal (as a bulk SQL write would) leaves the cached figure ...
    assert WeeklyOutcome.objects.filter(week=FOLLOWED_WEEK.key).update(count=0)
    assert bars(chart(manager_client)) == before
    # ... until the generation moves, as the writers' commits make it.
    figures_changed()
    after = bars(chart(manager_client))
    assert after != before and set(after["Utfall"].values()) == {0.0}


def test_clinics_do_not_share_figures(client, half_year, org, qulturum_user, settings):
    client.force_login(qulturum_user)
    first = chart(client, klinik=org.clinics[0].id)
    second = chart(client, klinik=org.clinics[1].id)
    assert first != second
    assert second == uncached(client, settings, klinik=org.clinics[1].id)


def test_an_import_shows_at_once(
    manager_client, settings, org, django_capture_on_commit_callbacks, tmp_path
):
    before = chart(manager_client)
    unit = org.units[0]
    UnitSourceCode.objects.get_or_create(unit=unit, source="cosmic", code="C100")
    monday = FOLLOWED_WEEK.monday.isoformat()
    rows = [f"K{n};{monday};C100;19121212-1212;1;BESOK;LAK;;GENOMFORD;;;;;" for n in range(40)]
    path = tmp_path / f"kontakter_cosmic_{FOLLOWED_WEEK.sunday:%Y%m%d}.csv"
    path.write_text("\n".join([KONTAKTER_HEADER, *rows]) + "\n")
    with django_capture_on_commit_callbacks(execute=True):
        run = import_file(path=path, started_by="test")
    assert run.status == RunStatus.OK, run.message
    after = chart(manager_client)
    assert after != before
    assert after == uncached(manager_client, settings)


def test_an_approved_plan_shows_at_once(
    manager_client, settings, org, kps_leader, clinic_manager, django_capture_on_commit_callbacks
):
    before = bars(chart(manager_client))
    approved = PlanVersion.objects.get(
        plan__clinic=org.clinics[0], plan__year=FOLLOWED_WEEK.year, status=PlanStatus.APPROVED
    )
    new_visit = Activity.objects.get(code="lak-ny")
    with django_capture_on_commit_callbacks(execute=True):
        draft = plans.plan_reopen(version=approved, user=clinic_manager, reason="Fler nybesök")
        plans.plan_save_cells(
            version=draft,
            user=kps_leader,
            based_on_revision=draft.revision,
            cells=[CellEdit(org.units[0].id, new_visit.id, FOLLOWED_WEEK.key, Decimal(100))],
        )
        draft.refresh_from_db()
        plans.plan_submit(version=draft, user=kps_leader)
        plans.plan_approve(version=draft, user=clinic_manager)
    after = bars(chart(manager_client))
    name = new_visit.name
    assert after["Plan"][name] > before["Plan"][name]
    assert after == bars(uncached(manager_client, settings))


def test_a_catalogue_edit_in_the_admin_shows_at_once(
    manager_client, settings, django_capture_on_commit_callbacks
):
    before = bars(chart(manager_client))
    activity = Activity.objects.get(code="lak-ny")
    assert activity.name in before["Plan"]
    activity.name = "Nybesök läkare (omdöpt)"
    with django_capture_on_commit_callbacks(execute=True):  # the admin's save commits
        activity.save()
    after = bars(chart(manager_client))
    assert "Nybesök läkare (omdöpt)" in after["Plan"]
    assert after == bars(uncached(manager_client, settings))


@pytest.mark.parametrize(
    ("url_name", "params", "figures"),
    [("followup:callin", PARAMS, "dashboard"), ("followup:tactical", {}, "tactical")],
)
def test_a_page_shows_the_same_figures_as_with_the_cache_off(
    manager_client, settings, url_name, params, figures
):
    manager_client.get(reverse(url_name), params)  # fills the cache
    from_cache = manager_client.get(reverse(url_name), params)
    settings.KPS_FIGURE_CACHE_SECONDS = 0
    fresh = manager_client.get(reverse(url_name), params)
    assert from_cache.status_code == fresh.status_code == 200
    assert from_cache.context[figures] == fresh.context[figures]


def test_a_ward_and_its_measurement_edited_in_the_admin_show_at_once(
    manager_client, half_year, django_capture_on_commit_callbacks
):
    from inpatient.models import BedDay, Ward

    page = reverse("followup:callin")
    assert 'id="wards-week"' not in manager_client.get(page, PARAMS).content.decode()
    ward = half_year["units"][1]
    with django_capture_on_commit_callbacks(execute=True):  # the admin's saves commit
        Ward.objects.create(unit=ward)
        BedDay.objects.create(
            unit=ward, date=FOLLOWED_WEEK.monday, source="cosmic", staffed=12, occupied=9
        )
    wards = manager_client.get(page, PARAMS).context["wards"]
    assert [(w.name, w.figures.occupancy) for w in wards] == [(ward.name, 0.75)]
    with django_capture_on_commit_callbacks(execute=True):
        Ward.objects.filter(unit=ward).delete()
    assert manager_client.get(page, PARAMS).context["wards"] == []
