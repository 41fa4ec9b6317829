"""A view limited to some clinics says so, names them, and divides nobody's patients by a county.

The whole region's population is the catchment of the region's whole waiting list only: one
clinic's 10 patients per 200 000 inhabitants would read as a region doing well.
"""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from waitlists import selectors

pytestmark = pytest.mark.django_db


def test_a_kps_leaders_report_names_their_clinic_and_not_the_region(rules_snapshot, kps_leader):
    report = selectors.waitlist_report(user=kps_leader)
    clinic, region = rules_snapshot.clinic, rules_snapshot.clinic.area.region
    assert report.limited_to == {region.id: [clinic.name]}
    assert [row["label"] for row in report.rows] == [f"{clinic.name} i {region.name}"]


@pytest.mark.parametrize("level", selectors.LEVELS)
def test_a_view_of_some_clinics_has_no_rate_per_100_000(rules_snapshot, kps_leader, level):
    report = selectors.waitlist_report(user=kps_leader, level=level)
    assert report.total["waiting"] == 10
    assert report.population is None
    assert report.total["per_100k"] is None
    assert all(row["per_100k"] is None for row in report.rows)


def test_an_area_manager_sees_only_some_of_the_regions_clinics_too(
    org, rules_snapshot, area_manager
):
    report = selectors.waitlist_report(user=area_manager)
    area_clinics = sorted(c.name for c in org.clinics if c.area == org.areas[0])
    assert list(report.limited_to.values()) == [area_clinics]
    assert report.total["per_100k"] is None


def test_the_region_wide_view_keeps_its_rate_and_its_region_name(rules_snapshot, qulturum_user):
    report = selectors.waitlist_report(user=qulturum_user)
    assert report.limited_to == {}
    assert report.rows[0]["label"] == rules_snapshot.clinic.area.region.name
    assert report.total["per_100k"] == pytest.approx(10 * 100_000 / 200_000)


def test_trend_and_home_counties_have_no_rate_for_some_clinics(
    rules_snapshot, kps_leader, qulturum_user
):
    assert selectors.waitlist_trend(user=kps_leader)[-1]["per_100k"] is None
    assert selectors.waitlist_trend(user=qulturum_user)[-1]["per_100k"] is not None
    limited = selectors.waitlist_regions(user=kps_leader)
    assert limited.limited_to and limited.population_year is None
    assert all(county["per_100k"] is None for county in limited.counties)
    assert selectors.waitlist_regions(user=qulturum_user).counties[0]["per_100k"] is not None


def test_the_report_page_says_it_is_limited_to_the_users_clinic(client, rules_snapshot, kps_leader):
    client.force_login(kps_leader)
    page = client.get(reverse("waitlists:index")).content.decode()
    assert f"Begränsat till dina kliniker: {rules_snapshot.clinic.name}" in page
    assert "Per 100 000" not in page
    regions = client.get(reverse("waitlists:home_counties")).content.decode()
    assert f"Begränsat till dina kliniker: {rules_snapshot.clinic.name}" in regions
    assert "Per 100 000" not in regions


def test_the_region_wide_report_page_shows_the_rate_and_no_limit(
    client, rules_snapshot, qulturum_user
):
    client.force_login(qulturum_user)
    page = client.get(reverse("waitlists:index")).content.decode()
    assert "Per 100 000 invånare" in page
    assert "Begränsat till dina kliniker" not in page


def test_the_api_and_the_download_say_the_report_is_limited(client, rules_snapshot, kps_leader):
    api = APIClient()
    api.force_authenticate(kps_leader)
    answer = api.get("/api/v1/waitlists/report/").json()
    assert answer["limited_to_clinics"] == [rules_snapshot.clinic.name]
    assert answer["total"]["per_100k"] is None and answer["population"] is None
    client.force_login(kps_leader)
    csv = client.get(reverse("waitlists:data", args=["rapport", "csv"])).content.decode("utf-8-sig")
    assert f"{rules_snapshot.clinic.name} i {rules_snapshot.clinic.area.region.name}" in csv
    assert "100 000" not in csv


def test_the_trend_download_of_some_clinics_has_no_rate_column(
    client, rules_snapshot, kps_leader, qulturum_user
):
    client.force_login(kps_leader)
    limited = client.get(reverse("waitlists:data", args=["utveckling", "csv"])).content.decode(
        "utf-8-sig"
    )
    assert "100 000" not in limited
    client.force_login(qulturum_user)
    whole = client.get(reverse("waitlists:data", args=["utveckling", "csv"])).content.decode(
        "utf-8-sig"
    )
    assert "Per 100 000 invånare (alla)" in whole
