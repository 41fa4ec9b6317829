"""Building the demo organisation and accounts, and the commands around the generator."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError

from demo.region import SOURCES, region_spec
from demo.services import demo_region_build, demo_users_create
from demo.users import DEMO_USERS
from economics.models import ClinicSpecialty
from organisation.access import visible_clinics
from organisation.models import Area, Clinic, Membership, Region, Role, Site, Unit, UnitSourceCode
from theatre.models import Room, RoomSourceCode

pytestmark = pytest.mark.django_db
MODELS = (Region, Area, Site, Clinic, Unit, UnitSourceCode, User, Membership, Room, RoomSourceCode,
          ClinicSpecialty)  # fmt: skip


def snapshot() -> dict:
    return {model.__name__: sorted(map(str, model.objects.values_list())) for model in MODELS}


def test_the_organisation_is_built_once_and_a_second_run_changes_nothing():
    spec = region_spec(units=68)
    demo_region_build(spec=spec)
    demo_users_create()
    assert Region.objects.get().county_code == "06"
    assert Area.objects.count() == 3 and Site.objects.count() == 3
    assert Clinic.objects.count() >= 25 and Unit.objects.count() >= 60
    # COSMIC, Diver, HR and the KPP database (which keeps COSMIC's codes) for every unit;
    # Orbit's session plan for the operating units.
    assert (
        UnitSourceCode.objects.exclude(source="orbit").count()
        == len(SOURCES) * Unit.objects.count()
    )
    assert UnitSourceCode.objects.filter(source="orbit").count() == sum(
        u.profile.operates for u in spec.units
    )
    assert Room.objects.filter(site__code="CLD").count() == 8
    # The laminar-flow room admits the orthopaedic and hand surgeons, not the eye clinic.
    assert {c.code for c in Room.objects.get(code="CLD-S1").clinics.all()} == {"ORT", "HAN"}
    assert Area.objects.get(code="KIR").plan_target == 11
    first = snapshot()
    demo_region_build(spec=spec)
    demo_users_create()
    assert snapshot() == first


def test_source_codes_point_at_the_right_units():
    spec = region_spec(units=12)
    demo_region_build(spec=spec)
    for u in spec.units:
        for source in ("cosmic", "diver", "hr"):
            assert (
                UnitSourceCode.objects.get(source=source, code=u.source_code(source)).unit.code
                == u.code
            )


def test_demo_users_have_names_and_exactly_their_roles():
    demo_region_build(spec=region_spec(units=12))
    demo_users_create()
    ortho = Clinic.objects.get(name="Ortopedkliniken")
    for account in DEMO_USERS:
        user = User.objects.get(username=account["username"])
        assert user.check_password(account["password"])
        assert user.first_name and user.last_name
        assert list(Membership.objects.filter(user=user).values_list("role", flat=True)) == [
            account["role"]
        ]
    assert Membership.objects.get(user__username="ledare").clinic == ortho
    assert Membership.objects.get(user__username="chef").clinic == ortho
    assert Membership.objects.get(user__username="omradeschef").area == ortho.area
    admin = User.objects.get(username="admin")
    assert admin.is_staff and admin.is_superuser
    assert not User.objects.get(username="qulturum").is_staff

    assert list(visible_clinics(User.objects.get(username="ledare"))) == [ortho]
    assert set(visible_clinics(User.objects.get(username="omradeschef"))) == set(
        ortho.area.clinics.all()
    )
    assert visible_clinics(User.objects.get(username="qulturum")).count() == Clinic.objects.count()


def test_a_stray_membership_of_a_demo_user_is_removed():
    demo_region_build(spec=region_spec(units=12))
    demo_users_create()
    Membership.objects.create(user=User.objects.get(username="ledare"), role=Role.QULTURUM)
    demo_users_create()
    assert Membership.objects.filter(user__username="ledare").count() == 1


def test_kps_demo_builds_and_generates_without_loading(settings, tmp_path):
    settings.DEBUG = True  # pytest-django runs with DEBUG off, where the command refuses
    out = io.StringIO()
    call_command(
        "kps_demo",
        "--units",
        "12",
        "--contacts-per-year",
        "3000",
        "--waiting",
        "200",
        "--years",
        "1",
        "--until",
        "2026-11-22",
        "--out",
        str(tmp_path),
        "--skip-load",
        stdout=out,
    )
    text = out.getvalue()
    # The twelve units, and the inpatient wards of their clinics.
    spec = region_spec(units=12)
    assert Unit.objects.count() == 12 + len(spec.wards) and spec.wards
    assert any(tmp_path.glob("kontakter_cosmic_*.csv"))
    assert "importerades inte" in text and "demo-ledare" in text


def test_kps_demo_refuses_to_run_outside_development(settings, tmp_path):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("kps_demo", "--out", str(tmp_path), "--skip-load", stdout=io.StringIO())
    assert not Region.objects.exists()


@pytest.mark.parametrize(
    "args, message",
    [(["--until", "i morgon"], "datum"), (["--units", "0"], "enheter"), (["--years", "0"], "år")],
)
def test_bad_options_get_a_clear_message_and_write_nothing(tmp_path, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("kps_generate", "--out", str(tmp_path / "out"), *args, stdout=io.StringIO())
    assert not (tmp_path / "out").exists()


def test_kps_generate_writes_files_only(tmp_path):
    out = io.StringIO()
    call_command(
        "kps_generate",
        "--units",
        "5",
        "--contacts-per-year",
        "2000",
        "--waiting",
        "100",
        "--years",
        "1",
        "--until",
        date(2026, 3, 2).isoformat(),
        "--out",
        str(tmp_path),
        stdout=out,
    )
    assert not Unit.objects.exists()
    assert "filer" in out.getvalue() and any(tmp_path.glob("produktion_diver_*.csv"))
