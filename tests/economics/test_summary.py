"""The DRG figures read from the summary equal a direct count of the KPP rows, as the facts change.

A varied region (two years, both care forms, every tertial, outliers, rows without a DRG or
without a contact, inpatient rows with a discharged episode, one still admitted or none)
goes through the pipeline; after each change (a DRG held, then resolved by a weight list; a
weight changed; a contact cancelled after its KPP row, another moved to a later tertial; an
episode discharged, another moved to another tertial, a third cancelled) every report — per year, tertial, care form and clinic — is compared with
sums made here in Python from the rows themselves, and with the report read straight from
the KPP rows (the summary's years marked as not summed).
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import asdict
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection

from economics import summary
from economics.models import DrgWeight, KppRow
from economics.selectors import drg_report
from facts.models import Contact
from imports.models import HeldRow
from inpatient.models import Episode
from organisation.models import Activity, ContactActivityRule, Unit

from .extracts import CONTACT_HEADER, DRG_HEADER, EPISODE_HEADER, KPP_HEADER, lines
from .scenario import import_episodes

pytestmark = pytest.mark.django_db

WEIGHTS = {
    (2025, "OPPEN"): {"901O": "0.1500", "902O": "0.3125", "209A": "0.4000"},
    (2026, "OPPEN"): {"901O": "0.1600", "902O": "0.3000", "209A": "0.4200"},
    (2025, "SLUTEN"): {"209A": "2.0000", "310B": "1.2345"},
    (2026, "SLUTEN"): {"209A": "2.1000", "310B": "1.3000"},
}
HELD = "777Z"  # a 2026 outpatient DRG the first weight list lacks


def _weight_file(year: int, care_form: str, weights: dict[str, str]) -> str:
    return lines(DRG_HEADER, *(f"{year};{code};{care_form};{w};" for code, w in weights.items()))


def _rows(org) -> tuple[list[str], list[str], list[tuple[str, str, str]]]:
    """80 KPP rows drawn with a fixed seed, the contacts of the outpatient ones and the
    episodes of most inpatient ones (id, admitted, discharged or "" while admitted)."""
    draw, episode_draw = random.Random(18), random.Random(19)
    units = [u.code for u in org.units]
    kpp, contacts, episodes = [], [], []
    for n in range(80):
        year = 2025 + n % 2
        care_form = "OPPEN" if draw.random() < 0.7 else "SLUTEN"
        codes = [*WEIGHTS[(year, care_form)], ""]
        if year == 2026 and care_form == "OPPEN":
            codes.append(HELD)
        drg = draw.choice(codes)
        cost = f"{draw.randint(100, 90_000)}.{draw.randint(0, 99):02d}"
        outlier = "J" if draw.random() < 0.12 else "N"
        unit = draw.choice(units)
        kpp.append(f"{year};R{n};{care_form};K{unit};{drg};{cost};{outlier}")
        # Outpatient rows have their contact, on a day of the year up to the extract's; a few
        # were never delivered.
        if care_form == "OPPEN" and draw.random() < 0.9:
            day = date(year, 1, 1) + timedelta(days=draw.randint(0, 328))
            contacts.append(f"R{n};{day.isoformat()};C{unit};1;BESOK;LAK;GENOMFORD")
        # Inpatient rows mostly have their episode, discharged on a day of the year; a few
        # are still admitted, a few not known.
        known = episode_draw.random()
        if care_form == "SLUTEN" and known < 0.9:
            out = date(year, 1, 1) + timedelta(days=episode_draw.randint(5, 328))
            admitted = f"{out - timedelta(days=episode_draw.randint(0, 5))} 08:00"
            episodes.append((f"R{n}", admitted, f"{out} 14:00" if known < 0.8 else ""))
    return kpp, contacts, episodes


def _expected(year: int, units: set[int], tertial: int | None, care_form: str | None) -> dict:
    """The figures of the units' KPP rows in the year, counted row by row here."""
    weights = {(w.year, w.care_form, w.code): w.weight for w in DrgWeight.objects.all()}
    days = {
        "OPPEN": dict(Contact.objects.filter(source="cosmic").values_list("contact_id", "date")),
        "SLUTEN": dict(
            Episode.objects.filter(source="cosmic").values_list("episode_id", "discharge_date")
        ),
    }
    sums: dict = defaultdict(Decimal)
    for row in KppRow.objects.filter(year=year, unit_id__in=units):
        if care_form and row.care_form != care_form:
            continue
        # An outpatient row's day is its contact's, an inpatient row's its episode's discharge.
        day = days[row.care_form].get(row.contact_id)
        if row.care_form == "OPPEN" and day is None:
            sums["without_contact"] += 1  # in no tertial: shown for the year
            continue
        if tertial and (day is None or (day.month - 1) // 4 + 1 != tertial):
            continue  # an inpatient row without a discharged episode: in the year only
        weight = weights.get((row.year, row.care_form, row.drg_code))
        if weight is None:
            sums["ungrouped"] += 1
            continue
        sums["contacts"] += 1
        sums["points"] += weight
        sums["cost"] += row.cost
        if row.outlier:
            sums["outliers"] += 1
        else:
            sums["inner_points"] += weight
            sums["inner_cost"] += row.cost
    return {name: sums[name] for name in asdict(_empty())}


def _empty():
    from economics.selectors import Figures

    return Figures()


def _compare(user, org) -> int:
    """Every report of 2026 against the direct count; returns how many figures were compared."""
    units_of = defaultdict(set)
    for unit in Unit.objects.all():
        units_of[unit.clinic_id].add(unit.id)
    everyone = set().union(*units_of.values())
    compared = 0
    for tertial in (None, 1, 2, 3):
        for care_form in (None, "OPPEN", "SLUTEN"):
            for clinic in (None, *org.clinics):
                report = drg_report(
                    user=user,
                    year=2026,
                    clinic_id=clinic.pk if clinic else None,
                    tertial=tertial,
                    care_form=care_form,
                )
                scope = units_of[clinic.pk] if clinic else everyone
                for year, figures in (
                    (2026, report.region.figures),
                    (2025, report.region.previous),
                ):
                    assert asdict(figures) == _expected(year, scope, tertial, care_form), (
                        year, tertial, care_form, clinic
                    )  # fmt: skip
                for row in report.clinics:
                    assert asdict(row.figures) == _expected(
                        2026, units_of[row.id], tertial, care_form
                    ), (row.name, tertial, care_form)
                for row in report.units:
                    assert asdict(row.figures) == _expected(2026, {row.id}, tertial, care_form)
                compared += 2 + len(report.clinics) + len(report.units)
    return compared


def _summed_and_direct_agree(user, org) -> None:
    assert summary.summed_years([2025, 2026]) == {2025, 2026}  # read from the summary
    assert _compare(user, org) > 100
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {summary.YEARS} SET summed = false")
    assert summary.summed_years([2025, 2026]) == set()  # read from the KPP rows
    _compare(user, org)
    assert summary.drg_summary_sync() == [2026, 2025]


def test_the_summary_follows_every_change_of_the_facts(
    org, load, qulturum_user, django_capture_on_commit_callbacks
):
    ContactActivityRule.objects.create(phase=1, activity=Activity.objects.get(code="lak-ny"))
    kpp, contacts, episodes = _rows(org)
    inpatient = sum(";SLUTEN;" in row for row in kpp)
    # Discharged episodes, still admitted ones, and inpatient rows without one.
    assert sum(bool(out) for _, _, out in episodes) > sum(not out for _, _, out in episodes) > 0
    assert inpatient > len(episodes)
    ward = org.units[1]
    with django_capture_on_commit_callbacks(execute=True):
        for n, ((year, care_form), weights) in enumerate(WEIGHTS.items()):
            load(
                f"drgvikter_socialstyrelsen_2026010{n + 1}.csv",
                _weight_file(year, care_form, weights),
            )
        load("kontakter_cosmic_20261201.csv", lines(CONTACT_HEADER, *contacts))
        load("kpp_kpp_20261115.csv", lines(KPP_HEADER, *kpp))
        import_episodes(load, ward, *episodes)
    held = HeldRow.objects.filter(kind="kpp").count()
    assert held >= 1  # the rows of the DRG without a weight wait for it
    _summed_and_direct_agree(qulturum_user, org)

    # The weight list arrives: the held rows come in, and the summary counts them.
    with django_capture_on_commit_callbacks(execute=True):
        load(
            "drgvikter_socialstyrelsen_20261201.csv",
            _weight_file(2026, "OPPEN", {**WEIGHTS[(2026, "OPPEN")], HELD: "0.7500"}),
        )
    assert not HeldRow.objects.exists()
    assert KppRow.objects.filter(drg_code=HELD).count() == held
    _summed_and_direct_agree(qulturum_user, org)

    # A corrected weight list (901O weighs more) and 310B no longer weighed in 2026.
    with django_capture_on_commit_callbacks(execute=True):
        load(
            "drgvikter_socialstyrelsen_20261202.csv",
            _weight_file(2026, "SLUTEN", {"209A": "2.5000"}),
        )
        load(
            "drgvikter_socialstyrelsen_20261203.csv",
            _weight_file(2026, "OPPEN", {**WEIGHTS[(2026, "OPPEN")], "901O": "0.2000", HELD: "1"}),
        )
    _summed_and_direct_agree(qulturum_user, org)

    # Contacts cancelled after their KPP rows, and one moved from its tertial to the third.
    present = list(
        Contact.objects.filter(date__year=2026, unit__clinic__in=org.clinics)
        .order_by("date", "contact_id")
        .values_list("contact_id", "date", "unit__code")[:3]
    )
    changes = [
        f"{cid};{day.isoformat()};C{unit};1;BESOK;LAK;MAKULERAD" for cid, day, unit in present[:2]
    ]
    moved, _, unit = present[2]
    changes.append(f"{moved};2026-11-30;C{unit};1;BESOK;LAK;GENOMFORD")
    with django_capture_on_commit_callbacks(execute=True):
        load("kontakter_cosmic_20261202.csv", lines(CONTACT_HEADER, *changes))
    assert not Contact.objects.filter(contact_id__in=[c for c, _, _ in present[:2]]).exists()
    _summed_and_direct_agree(qulturum_user, org)

    # The still admitted are discharged on 30 November (T3), an episode discharged in the first
    # half of the year moves to 1 September (T3), the last one is cancelled (year only).
    admitted = [e for e in episodes if not e[2]]
    early = next(e for e in episodes if e[2] and e[2] < f"{e[2][:4]}-07-01")
    cancelled = next(e for e in reversed(episodes) if e[2] and e != early)
    assert admitted and early[0] != cancelled[0]
    ward_code = f"C{ward.code}"
    changes = [(eid, came, f"{came[:4]}-11-30 12:00") for eid, came, _ in admitted]
    changes.append((early[0], early[1], f"{early[1][:4]}-09-01 12:00"))
    with django_capture_on_commit_callbacks(execute=True):
        import_episodes(load, ward, *changes, extracted="20261202")
        load(
            "vardtillfallen_cosmic_20261203.csv",
            lines(
                EPISODE_HEADER,
                f"{cancelled[0]};{ward_code};;{cancelled[1]};{cancelled[2]};N;;MAKULERAD",
            ),
        )
    assert not Episode.objects.filter(episode_id=cancelled[0]).exists()
    assert not Episode.objects.filter(discharge_date__isnull=True).exists()
    _summed_and_direct_agree(qulturum_user, org)


def test_a_row_saved_by_hand_is_read_from_the_rows_until_summed(
    scenario, qulturum_user, django_capture_on_commit_callbacks
):
    ort = scenario.clinics[0]
    assert summary.summed_years([2025, 2026]) == {2025, 2026}
    before = drg_report(user=qulturum_user, year=2026, clinic_id=ort.pk).region.figures
    row = KppRow.objects.get(contact_id="V1")
    row.cost = Decimal("60000")
    with django_capture_on_commit_callbacks(execute=False):
        row.save()
    # Marked in the save's transaction; the sum is queued for when it commits.
    assert summary.summed_years([2026]) == set()
    after = drg_report(user=qulturum_user, year=2026, clinic_id=ort.pk).region.figures
    assert after.cost == before.cost + 10_000
    assert summary.drg_summary_sync() == [2026]
    assert drg_report(user=qulturum_user, year=2026, clinic_id=ort.pk).region.figures == after
