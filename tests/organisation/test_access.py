"""The access filter: what each role sees and may change, in querysets and through the API."""

import pytest
from django.contrib.auth.models import User

from organisation import access
from organisation.models import Area, Clinic, Membership, Region, Role, Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def region():
    """Two areas; Kirurgi has two clinics, Medicin one; every clinic two units."""
    reg = Region.objects.create(name="Region Test", county_code="06")
    surgery = Area.objects.create(region=reg, code="KIR", name="Kirurgisk vård")
    medicine = Area.objects.create(region=reg, code="MED", name="Medicinsk vård")
    clinics = {
        "orto": Clinic.objects.create(area=surgery, code="ORT", name="Ortopedkliniken"),
        "ogon": Clinic.objects.create(area=surgery, code="OGN", name="Ögonkliniken"),
        "kard": Clinic.objects.create(area=medicine, code="KAR", name="Kardiologiska kliniken"),
    }
    for clinic in clinics.values():
        for n in (1, 2):
            Unit.objects.create(
                clinic=clinic, code=f"{clinic.code}{n}", name=f"{clinic.name} enhet {n}"
            )
    return {"surgery": surgery, "medicine": medicine, **clinics}


def make_user(username, role, *, clinic=None, area=None, superuser=False):
    user = User.objects.create_user(username, password="x", is_superuser=superuser)
    if role:
        Membership.objects.create(user=user, role=role, clinic=clinic, area=area)
    return user


def names(queryset):
    return sorted(queryset.values_list("code", flat=True))


def test_a_kps_leader_sees_only_their_clinic_and_its_units(region):
    leader = make_user("ledare", Role.KPS_LEADER, clinic=region["orto"])
    assert names(access.visible_clinics(leader)) == ["ORT"]
    assert names(access.visible_units(leader)) == ["ORT1", "ORT2"]
    assert names(access.visible_areas(leader)) == ["KIR"]


def test_a_clinic_manager_sees_their_clinic_and_an_area_manager_the_whole_area(region):
    manager = make_user("chef", Role.MANAGER, clinic=region["kard"])
    director = make_user("omradeschef", Role.MANAGER, area=region["surgery"])
    assert names(access.visible_clinics(manager)) == ["KAR"]
    assert names(access.visible_clinics(director)) == ["OGN", "ORT"]
    assert names(access.visible_units(director)) == ["OGN1", "OGN2", "ORT1", "ORT2"]


def test_qulturum_and_administrators_see_the_whole_region(region):
    for user in (
        make_user("q", Role.QULTURUM),
        make_user("a", Role.ADMIN),
        make_user("root", None, superuser=True),
    ):
        assert names(access.visible_clinics(user)) == ["KAR", "OGN", "ORT"]
        assert access.sees_whole_region(user)


def test_a_user_without_membership_or_login_sees_nothing(region):
    from django.contrib.auth.models import AnonymousUser

    assert names(access.visible_clinics(make_user("ny", None))) == []
    assert names(access.visible_units(AnonymousUser())) == []


def test_several_memberships_add_up_without_duplicates(region):
    user = make_user("dubbel", Role.KPS_LEADER, clinic=region["orto"])
    Membership.objects.create(user=user, role=Role.MANAGER, area=region["surgery"])
    assert names(access.visible_clinics(user)) == ["OGN", "ORT"]


def test_restrict_filters_any_queryset_along_its_path_to_clinic(region):
    leader = make_user("ledare", Role.KPS_LEADER, clinic=region["ogon"])
    assert names(access.restrict(Unit.objects.all(), leader, clinic_path="clinic")) == [
        "OGN1",
        "OGN2",
    ]
    qulturum = make_user("q", Role.QULTURUM)
    assert access.restrict(Unit.objects.all(), qulturum, clinic_path="clinic").count() == 6


def test_only_the_clinics_kps_leaders_and_administrators_edit_its_plan(region):
    leader = make_user("ledare", Role.KPS_LEADER, clinic=region["orto"])
    manager = make_user("chef", Role.MANAGER, clinic=region["orto"])
    qulturum = make_user("q", Role.QULTURUM)
    admin = make_user("a", Role.ADMIN)
    assert access.can_edit_plan(leader, region["orto"])
    assert not access.can_edit_plan(leader, region["ogon"])
    assert not access.can_edit_plan(manager, region["orto"])
    assert not access.can_edit_plan(qulturum, region["orto"])
    assert access.can_edit_plan(admin, region["kard"])


def test_managers_approve_plans_of_their_clinic_or_area(region):
    manager = make_user("chef", Role.MANAGER, clinic=region["orto"])
    director = make_user("omradeschef", Role.MANAGER, area=region["surgery"])
    leader = make_user("ledare", Role.KPS_LEADER, clinic=region["orto"])
    assert access.can_approve_plan(manager, region["orto"])
    assert not access.can_approve_plan(manager, region["ogon"])
    assert access.can_approve_plan(director, region["ogon"])
    assert not access.can_approve_plan(director, region["kard"])
    assert not access.can_approve_plan(leader, region["orto"])


def test_every_check_of_a_request_reads_the_memberships_once(region, django_assert_num_queries):
    """The roles, the clinic list and the per-clinic checks come from one read of the
    memberships, whatever a view asks and in which order."""

    user = make_user("chef", Role.MANAGER, clinic=region["orto"])
    Membership.objects.create(user=user, role=Role.KPS_LEADER, clinic=region["kard"])
    with django_assert_num_queries(1):
        assert access.primary_role(user) == Role.MANAGER
        assert not access.sees_whole_region(user)
        assert access.can_edit_plan(user, region["kard"]) and not access.can_edit_plan(
            user, region["orto"]
        )
        assert access.can_approve_plan(user, region["orto"]) and not access.can_approve_plan(
            user, region["kard"]
        )
        assert access.can_log_meeting(user, region["kard"]) and not access.can_log_meeting(
            user, region["ogon"]
        )
        access.visible_clinics(user)  # a queryset: not read yet
    with django_assert_num_queries(1):  # the clinics themselves, without reading memberships again
        assert names(access.visible_clinics(user)) == ["KAR", "ORT"]


def test_sessions_are_read_from_the_cache_and_outlive_it(region, client):
    """Sessions are read from the cache (no query for them on a page) and written through to
    the database: emptying the cache (a restarted Redis) logs nobody out."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_user("chef", Role.MANAGER, clinic=region["orto"])
    assert client.login(username="chef", password="x")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    assert not [q for q in queries if "django_session" in q["sql"]], (
        "the session came from the database"
    )
    cache.clear()
    response = client.get("/")
    assert response.status_code == 200
    assert response.wsgi_request.user.username == "chef"


def test_only_qulturum_and_administrators_edit_rollout_tracking(region):
    assert access.can_edit_rollout(make_user("q", Role.QULTURUM))
    assert access.can_edit_rollout(make_user("a", Role.ADMIN))
    assert not access.can_edit_rollout(make_user("chef", Role.MANAGER, area=region["surgery"]))


def test_the_api_lists_only_what_the_filter_allows(region, client):
    client.force_login(make_user("ledare", Role.KPS_LEADER, clinic=region["kard"]))
    clinics = client.get("/api/v1/clinics/").json()["results"]
    units = client.get("/api/v1/units/").json()["results"]
    assert [c["code"] for c in clinics] == ["KAR"]
    assert sorted(u["code"] for u in units) == ["KAR1", "KAR2"]
    other = Clinic.objects.get(code="ORT")
    assert client.get(f"/api/v1/clinics/{other.pk}/").status_code == 404


def test_pages_list_only_the_users_clinics(region, client):
    client.force_login(make_user("ledare", Role.KPS_LEADER, clinic=region["kard"]))
    for url in ("/", "/planering/", "/uppfoljning/", "/inforande/"):
        body = client.get(url, follow=True).content.decode()
        assert "Kardiologiska kliniken" in body, url
        assert "Ortopedkliniken" not in body, url


def test_anonymous_users_are_sent_to_login(client):
    response = client.get("/planering/")
    assert response.status_code == 302
    assert response["Location"].startswith("/logga-in/")
    assert client.get("/api/v1/clinics/").status_code in (401, 403)


def test_a_membership_cannot_name_both_area_and_clinic(region):
    from django.core.exceptions import ValidationError

    user = make_user("x", None)
    membership = Membership(
        user=user, role=Role.MANAGER, area=region["surgery"], clinic=region["orto"]
    )
    with pytest.raises(ValidationError):
        membership.full_clean()


def test_the_interface_is_swedish_whatever_the_browser_asks_until_the_user_switches(client):
    client.force_login(make_user("q", Role.QULTURUM))
    body = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="sv">' in body and "Planering" in body
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = client.get("/", HTTP_ACCEPT_LANGUAGE="sv-SE").content.decode()
    assert '<html lang="en">' in body and "Planning" in body
