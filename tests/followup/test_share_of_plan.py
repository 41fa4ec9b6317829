"""The share of planned production, the same on every dashboard and in the API.

Ortopedkliniken, weeks 1–22 of 2026: its reception plans 100 Läkarbesök ny a
week and performs 84 (84 %), and 10 operations and performs 30 (far above
plan); its ward performs 272 Läkarbesök åter a week without any plan.
Ögonkliniken, in the same area, plans 10 Läkarbesök ny and performs 20.
Kardiologiska kliniken performs 5 a week and has no plan at all. Only planned
activities count in the share; the 16 missing new visits a week are the
shortfall, which neither the operations nor Ögonkliniken's extra visits can
hide; the return visits are "utan plan".
"""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from followup.charts.strategic import heatmap_chart
from followup.selectors import Scope
from followup.selectors.callin import callin_dashboard
from followup.selectors.catalogue import activity_catalogue
from followup.selectors.strategic import strategic_dashboard
from followup.selectors.tactical import tactical_dashboard
from organisation.calendar import IsoWeek, tertial_weeks
from organisation.selectors import schedule_periods

from .facts import activity, approved_plan, outcome

pytestmark = pytest.mark.django_db

WEEK = IsoWeek(2026, 20)
TODAY = date(2026, 6, 3)  # week 23
NEW_PLAN, NEW_DONE = 100, 84
OP_PLAN, OP_DONE = 10, 30
RETURN_DONE = 272
OGON_PLAN, OGON_DONE = 10, 20
KARD_DONE = 5
# Per week: the planned activities' plan and outcome, and what fell short.
PLAN = NEW_PLAN + OP_PLAN
DONE = NEW_DONE + OP_DONE
SHORT = NEW_PLAN - NEW_DONE


@pytest.fixture
def clinics(org):
    orto, ogon, kard = org.clinics
    reception, ward, ogon_unit, kard_unit = org.units[0], org.units[1], org.units[2], org.units[4]
    new, ret, op = activity("lak-ny"), activity("lak-ater"), activity("operation")
    weeks = [IsoWeek(2026, w).key for w in range(1, 23)]
    approved_plan(
        orto,
        2026,
        {(reception, new, w): NEW_PLAN for w in weeks}
        | {(reception, op, w): OP_PLAN for w in weeks},
    )
    approved_plan(ogon, 2026, {(ogon_unit, new, w): OGON_PLAN for w in weeks})
    for w in weeks:
        outcome(reception, new, w, NEW_DONE)
        outcome(reception, op, w, OP_DONE)
        outcome(ward, ret, w, RETURN_DONE)
        outcome(ogon_unit, new, w, OGON_DONE)
        outcome(kard_unit, new, w, KARD_DONE)
    return {
        "org": org,
        "orto": orto,
        "kard": kard,
        "reception": reception,
        "ward": ward,
        "kard_unit": kard_unit,
    }


def orto_scope(f) -> Scope:
    return Scope(clinic_ids=(f["orto"].id,), unit_ids=(f["reception"].id, f["ward"].id))


def test_call_in_counts_only_planned_activities_and_shows_the_shortfall_beside_the_share(clinics):
    d = callin_dashboard(scope=orto_scope(clinics), week=WEEK, catalogue=activity_catalogue())
    total = d.last_week["total"]
    assert total["share"] == pytest.approx(DONE / PLAN)
    assert total["shortfall"] == SHORT and total["behind"] == 1
    assert total["unplanned"] == RETURN_DONE
    returns = next(r for r in d.last_week["rows"] if r["activity"] == "Läkarbesök åter")
    assert (
        returns["share"] is None
        and returns["outcome"] == RETURN_DONE
        and returns["unplanned"] == RETURN_DONE
    )
    new = next(r for r in d.last_week["rows"] if r["activity"] == "Läkarbesök ny")
    assert new["share"] == pytest.approx(NEW_DONE / NEW_PLAN) and new["shortfall"] == SHORT
    rolling = d.rolling_now
    assert rolling["weeks_known"] == 12
    assert rolling["share"] == pytest.approx(DONE / PLAN)
    assert rolling["plan"] == 12 * PLAN and rolling["outcome"] == 12 * DONE
    assert rolling["shortfall"] == 12 * SHORT and rolling["unplanned"] == 12 * RETURN_DONE
    assert rolling["week_share"] == pytest.approx(DONE / PLAN)


def test_without_any_plan_the_call_in_shows_no_share_and_the_outcome_as_without_plan(clinics):
    scope = Scope(clinic_ids=(clinics["kard"].id,), unit_ids=(clinics["kard_unit"].id,))
    d = callin_dashboard(scope=scope, week=WEEK, catalogue=activity_catalogue())
    assert d.last_week["total"]["share"] is None and d.last_week["total"]["shortfall"] is None
    assert d.last_week["total"]["unplanned"] == KARD_DONE
    assert d.rolling_now["share"] is None and d.rolling_now["unplanned"] == 12 * KARD_DONE


def test_the_tactical_period_counts_only_planned_activities(clinics):
    f = clinics
    period = schedule_periods(area=f["orto"].area, year=2026)[1]
    t = tactical_dashboard(
        scope=orto_scope(f), units=[(f["reception"].id, "Mottagning")], period=period, today=TODAY,
        catalogue=activity_catalogue(), parts=frozenset({"lines"}),
    )  # fmt: skip
    known = t.totals["weeks_known"]
    assert known == len([w for w in period.weeks if w.key <= IsoWeek(2026, 22).key])
    assert t.totals["share"] == pytest.approx(DONE / PLAN)
    assert t.totals["outcome"] == known * DONE and t.totals["plan"] == known * PLAN
    assert t.totals["shortfall"] == known * SHORT and t.totals["behind"] == 1
    assert t.totals["unplanned"] == known * RETURN_DONE
    returns = next(line for line in t.lines if line["activity"] == "Läkarbesök åter")
    assert returns["share"] is None and returns["unplanned"] == known * RETURN_DONE


def test_the_strategic_view_keeps_each_clinics_shortfall_whatever_others_over_produce(clinics):
    f = clinics
    s = strategic_dashboard(clinic_ids=[c.id for c in f["org"].clinics], year=2026, today=TODAY)
    orto = next(c for c in s.clinics if c["clinic"] == "Ortopedkliniken")
    known = orto["ytd"]["weeks_known"]
    assert known == 22
    assert orto["ytd"]["share"] == pytest.approx(DONE / PLAN)
    assert (
        orto["ytd"]["shortfall"] == known * SHORT
        and orto["ytd"]["unplanned"] == known * RETURN_DONE
    )
    kard = next(c for c in s.clinics if c["clinic"] == "Kardiologiska kliniken")
    assert kard["ytd"]["share"] is None and kard["ytd"]["unplanned"] == known * KARD_DONE
    surgery = next(a for a in s.areas if a["area"] == f["orto"].area.name)
    # Ögonkliniken's extra visits raise the area's share, never lower its shortfall.
    assert surgery["ytd"]["share"] == pytest.approx((DONE + OGON_DONE) / (PLAN + OGON_PLAN))
    assert surgery["ytd"]["shortfall"] == known * SHORT
    assert s.region["ytd"]["unplanned"] == known * (RETURN_DONE + KARD_DONE)
    indicator = next(r for r in s.indicators if r["label"] == f["orto"].area.name)["tertials"][0]
    assert (
        indicator["outcome_shortfall"] == len(tertial_weeks(2026, 1)) * SHORT
    )  # all of tertial 1 is known


def test_the_api_gives_the_shortfall_and_the_outcome_without_plan(client, clinics, qulturum_user):
    client.force_login(qulturum_user)
    klinik = str(clinics["orto"].id)
    callin = client.get(
        reverse("followup-callin-list"), {"klinik": klinik, "vecka": str(WEEK)}
    ).json()
    assert callin["last_week"]["total"]["share"] == pytest.approx(DONE / PLAN)
    assert Decimal(str(callin["last_week"]["total"]["shortfall"])) == SHORT
    assert Decimal(str(callin["last_week"]["total"]["unplanned"])) == RETURN_DONE
    assert callin["last_week"]["total"]["behind"] == 1
    assert Decimal(str(callin["rolling"][-1]["shortfall"])) == 12 * SHORT
    tactical = client.get(
        reverse("followup-tactical-list"), {"klinik": klinik, "ar": 2026, "period": 2}
    ).json()
    known = tactical["totals"]["weeks_known"]
    assert Decimal(str(tactical["totals"]["shortfall"])) == known * SHORT
    assert Decimal(str(tactical["totals"]["unplanned"])) == known * RETURN_DONE
    strategic = client.get(reverse("followup-strategic-list"), {"ar": 2026}).json()
    orto = next(c for c in strategic["clinics"] if c["clinic"] == "Ortopedkliniken")
    assert orto["t1"]["share"] == pytest.approx(DONE / PLAN)
    assert Decimal(str(orto["t1"]["shortfall"])) == orto["t1"]["weeks_known"] * SHORT
    assert Decimal(str(orto["t1"]["unplanned"])) == orto["t1"]["weeks_known"] * RETURN_DONE
    schema = client.get(reverse("api-schema"), {"format": "json"}).json()["components"]["schemas"]
    for name in ("PlanOutcome", "Rolling", "Totals", "PeriodFigures", "YearPoint"):
        assert {"shortfall", "behind", "unplanned"} <= set(schema[name]["properties"]), name


PAGES = {
    "followup:callin": {"vecka": str(WEEK)},
    "followup:tactical": {"ar": "2026", "period": "2"},
    "followup:strategic": {"ar": "2026"},
}
# Per page, words of the definitions of its headline figures.
DEFINED = {
    "followup:callin": (
        ["Andel av planerad produktion: utfallet i de aktiviteter som har plan veckan",
         "Andel av planerad produktion de 12 veckor", "Bokade besök de fyra kommande veckorna",
         "Patienter på väntelistan vid den senaste mätningen"],
        ["Share of planned production: the outcome of the activities", "Share of planned production over the 12 weeks",
         "Visits booked in the coming four weeks", "Patients on the waiting list at the latest snapshot"],
    ),
    "followup:tactical": (
        ["Andel av planerad produktion i schemaperioden", "Lagt när varje enhet har schemalagd bemanning"],
        ["Share of planned production in the schedule period", "Laid when every unit has scheduled staff"],
    ),
    "followup:strategic": (
        ["Utfall mot plan: andel av planerad produktion i tertialet", "Kliniker med produktionsplan: kliniker vars",
         "Nybesök inom 60 dagar: andel", "Andel av planerad produktion per tertial och hittills i år"],
        ["Outcome against plan: share of planned production in the tertial", "Clinics with a production plan: clinics",
         "First visits within 60 days: share", "Share of planned production per tertial and year to date"],
    ),
}  # fmt: skip


@pytest.mark.parametrize("url_name", list(PAGES))
def test_each_dashboard_says_how_its_headline_figures_are_calculated(
    client, clinics, qulturum_user, url_name
):
    client.force_login(qulturum_user)
    params = {**PAGES[url_name], "klinik": str(clinics["orto"].id)}
    swedish, english = DEFINED[url_name]
    html = client.get(reverse(url_name), params).content.decode()
    assert '<details class="how"><summary>Så räknas det</summary>' in html
    for words in swedish:
        assert words in html, words
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get(reverse(url_name), params).content.decode()
    assert (
        '<details class="how"><summary>How it is calculated</summary>' in html
        and "Så räknas det" not in html
    )
    for words in english:
        assert words in html, words


def test_the_call_in_page_shows_the_shortfall_and_the_outcome_without_plan(
    client, clinics, qulturum_user
):
    client.force_login(qulturum_user)
    html = client.get(
        reverse("followup:callin"), {**PAGES["followup:callin"], "klinik": str(clinics["orto"].id)}
    )
    html = html.content.decode()
    assert f"<strong>{SHORT}</strong> underskott i 1 aktivitet under plan" in html
    assert f"Utan plan: {RETURN_DONE} utförda i aktiviteter utan plan" in html
    assert '<span class="muted">utan plan</span>' in html


def test_the_heatmap_writes_each_clinics_shortfall_under_its_share_and_in_its_data(clinics):
    s = strategic_dashboard(
        clinic_ids=[c.id for c in clinics["org"].clinics], year=2026, today=TODAY
    )
    chart = heatmap_chart(s)
    row = next(r for r in chart.rows if r[1] == "Ortopedkliniken")
    ytd = dict(zip(chart.columns, row, strict=True))
    known = next(c for c in s.clinics if c["clinic"] == "Ortopedkliniken")["ytd"]["weeks_known"]
    assert (
        ytd["Hittills i år underskott"] == known * SHORT
        and ytd["Hittills i år utan plan"] == known * RETURN_DONE
    )
    labels = chart.figure["data"][0]["y"]
    cells = chart.figure["data"][0]["text"][labels.index("Ortopedkliniken (Kirurgisk vård)")]
    assert cells[-1].endswith(f"<br>−{known * SHORT}")
