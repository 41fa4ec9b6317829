"""The dashboard pages and their chart data: they render, stay within their queries (at most 20),
and say clearly what is wrong with a bad filter instead of failing."""

import json

import pytest
from django.urls import reverse

from followup.charts import callin as callin_charts
from followup.charts import strategic as strategic_charts
from followup.charts import tactical as tactical_charts
from followup.models import Action, Meeting
from followup.summary import approved_plans_summed

from .facts import activity, approved_plan, outcome

pytestmark = pytest.mark.django_db

PAGES = {
    "followup:callin": {"vecka": "2026-W20"},
    "followup:callin_print": {"vecka": "2026-W20"},
    "followup:tactical": {"ar": "2026", "period": "2"},
    "followup:strategic": {"ar": "2026"},
}
CHARTS = [
    ("followup:callin_chart", callin_charts.CHARTS, {"vecka": "2026-W20"}),
    ("followup:tactical_chart", tactical_charts.CHARTS, {"ar": "2026", "period": "2"}),
    ("followup:strategic_chart", strategic_charts.CHARTS, {"ar": "2026"}),
]
# The limit is 20 queries per request whatever the data size; each page is held to what
# it needs today, so a query added per meeting, action or activity (N+1) fails at once.
# The strategic page's 11th is the return visits performed by their target date (one, whatever the size).
# No page brings a summary up to date before it reads: the writes do (tests/followup/test_reads_do_not_write.py).
# The call-in's 13th is the clinic's schedule periods, for the lights' links to an activity's weekly chart.
# A user's first page also asks once per menu section with a rule whether it shows (wards,
# operating rooms, economics), cached after (organisation.context_processors): the pages are
# counted after one page has been opened.
# The call-in's 14th asks for the clinic's wards; a clinic with wards adds their week's bed
# measurement and approved beds (16, whatever the number of wards: test_the_wards_panels_...).
# The strategic page's 13th is its hospitals' ward occupancy (one, whatever the size).
MAX_QUERIES = {
    "followup:callin": 14,
    "followup:callin_print": 14,
    "followup:tactical": 12,
    # The 12th, with a clinic chosen: its area's schedule periods, for the tertials' links; six
    # more for a user who sees economics: the production assignments against the points produced.
    "followup:strategic": 19,
}
MAX_CHART_QUERIES = {
    "senaste-veckan": 5, "rullande-andel": 5, "kommande-veckor": 6, "vantelista": 5, "bemanning": 6,
    "plan-utfall": 6, "ackumulerat-gap": 6, "kapacitet": 7, "inflode-utflode": 10,
    "karta": 9, "ar": 9, "vantelistor": 7,
}  # fmt: skip


def log_meetings(clinic, n: int) -> None:
    for i in range(n):
        meeting = Meeting.objects.create(
            clinic=clinic, held_on=f"2026-05-{10 + i:02d}", week=202619
        )
        meeting.deviations.create(description=f"Avvikelse {i}", week=202619)
        Action.objects.create(
            clinic=clinic, meeting=meeting, title=f"Åtgärd {i}", owner="Chef", due_date="2026-06-01"
        )


@pytest.mark.parametrize("url_name", list(PAGES))
def test_each_page_renders_for_a_manager(client, half_year, clinic_manager, url_name):
    client.force_login(clinic_manager)
    response = client.get(reverse(url_name), PAGES[url_name])
    assert response.status_code == 200
    assert "Ortopedkliniken" in response.content.decode()


@pytest.mark.parametrize("url_name", list(PAGES))
def test_a_page_keeps_its_queries_whatever_the_data_size(
    client, half_year, clinic_manager, django_assert_max_num_queries, url_name
):
    client.force_login(clinic_manager)
    # More meetings, actions and activities must not add queries (no N+1).
    log_meetings(half_year["clinic"], 6)
    unit = half_year["units"][0]
    approved_plan(half_year["clinic"], 2027, {(unit, activity("akut"), 202701): 3})
    outcome(unit, activity("akut"), 202619, 4)
    # The approved plans' weekly totals are summed when an approval commits (the scenario's
    # snapshots are counted when built, as after an import); the plan above is made directly.
    approved_plans_summed()
    client.get(reverse("home"))  # the menu's questions, asked once per user
    with django_assert_max_num_queries(MAX_QUERIES[url_name]):
        assert client.get(reverse(url_name), PAGES[url_name]).status_code == 200
    # With every filter set, a unit chosen without its clinic, and Diver's outcome.
    filters = {
        **PAGES[url_name],
        "enhet": str(unit.id),
        "aktivitet": str(activity("lak-ny").id),
        "kalla": "diver",
    }
    with django_assert_max_num_queries(MAX_QUERIES[url_name]):
        assert client.get(reverse(url_name), filters).status_code == 200


@pytest.mark.parametrize(("url_name", "charts", "params"), CHARTS)
def test_every_chart_gives_a_figure_and_its_data_in_csv_and_excel(client, half_year, qulturum_user, url_name,
                                                                  charts, params, django_assert_max_num_queries):  # fmt: skip
    client.force_login(qulturum_user)
    params = {**params, "klinik": str(half_year["clinic"].id)}
    approved_plans_summed()  # as an approval does when it commits
    for name in charts:
        with django_assert_max_num_queries(MAX_CHART_QUERIES[name]):
            response = client.get(reverse(url_name, args=[name]), params)
        assert response.status_code == 200, name
        figure = json.loads(response.content)
        # Sentences about the chart (notes) come beside the figure, drawn under it in HTML.
        assert {"data", "layout"} <= set(figure) <= {"data", "layout", "notes"}
        csv = client.get(reverse(url_name, args=[name]), {**params, "format": "csv"})
        assert csv["Content-Type"].startswith("text/csv") and csv.content.startswith(
            "\ufeff".encode()
        )
        assert "attachment" in csv["Content-Disposition"]
        xlsx = client.get(reverse(url_name, args=[name]), {**params, "format": "xlsx"})
        assert xlsx.content[:2] == b"PK"


BAD = [
    ("followup:callin", {"vecka": "vecka 5"}, "är ingen vecka"),
    ("followup:callin", {"vecka": "2026-W54"}, "är ingen vecka"),
    ("followup:callin", {"vecka": "9999-W01"}, "mellan år 2000 och 2100"),
    ("followup:callin", {"klinik": "abc"}, "Kliniken finns inte"),
    ("followup:callin", {"klinik": "999999"}, "Kliniken finns inte"),
    ("followup:callin", {"aktivitet": "999999"}, "Aktiviteten finns inte"),
    ("followup:callin", {"kalla": "excel"}, "Källan"),
    ("followup:tactical", {"period": "7"}, "Schemaperioden ska vara"),
    ("followup:tactical", {"ar": "20x6"}, "Välj ett år"),
    ("followup:strategic", {"omrade": "-1"}, "Verksamhetsområdet finns inte"),
    ("followup:strategic", {"ar": "1850"}, "Välj ett år"),
]


@pytest.mark.parametrize(("url_name", "params", "message"), BAD)
def test_a_bad_filter_gets_a_swedish_message_not_an_error_page(
    client, qulturum_user, url_name, params, message
):
    client.force_login(qulturum_user)
    response = client.get(reverse(url_name), params)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_a_unit_of_another_clinic_is_refused(client, qulturum_user, org):
    client.force_login(qulturum_user)
    response = client.get(
        reverse("followup:callin"), {"klinik": org.clinics[0].id, "enhet": org.units[4].id}
    )
    assert (
        response.status_code == 400
        and "Enheten hör inte till den valda kliniken" in response.content.decode()
    )


def test_a_unit_alone_names_its_clinic_if_the_user_may_see_it(client, clinic_manager, org):
    """Ortopedkliniken's manager: a unit of the clinic picks the clinic, one of Kardiologiska
    kliniken (out of reach) is refused like a unit that does not exist."""
    client.force_login(clinic_manager)
    response = client.get(reverse("followup:callin"), {"enhet": org.units[1].id})
    assert response.status_code == 200 and response.context["clinic"].id == org.clinics[0].id
    assert response.context["unit"] == (org.units[1].id, org.units[1].name)
    for unit in (org.units[4].id, 999999):
        response = client.get(reverse("followup:callin"), {"enhet": unit})
        assert response.status_code == 400
        assert "Enheten finns inte eller ingår inte i din behörighet" in response.content.decode()


def test_bad_chart_requests_answer_in_json(client, qulturum_user):
    client.force_login(qulturum_user)
    response = client.get(
        reverse("followup:callin_chart", args=["rullande-andel"]), {"vecka": "nästa"}
    )
    assert response.status_code == 400 and "är ingen vecka" in response.json()["detail"]
    response = client.get(
        reverse("followup:callin_chart", args=["rullande-andel"]), {"format": "pdf"}
    )
    assert response.status_code == 400
    assert client.get(reverse("followup:callin_chart", args=["finns-inte"])).status_code == 404


def test_the_url_holds_the_view(client, half_year, clinic_manager):
    client.force_login(clinic_manager)
    unit = half_year["units"][1]
    html = client.get(
        reverse("followup:callin"), {"vecka": "2026-W20", "enhet": unit.id}
    ).content.decode()
    # The chart, download, print and API links carry the same filter.
    assert f"enhet={unit.id}" in html and "vecka=2026-W20" in html
    assert f'<option value="{unit.id}" selected>' in html
    assert "?vecka=2026-W19" in html.replace("&amp;", "&") or "vecka=2026-W19" in html


def test_the_default_week_is_last_week(client, half_year, clinic_manager):
    from django.utils import timezone

    from organisation.calendar import IsoWeek

    client.force_login(clinic_manager)
    html = client.get(reverse("followup:callin")).content.decode()
    last = IsoWeek.of(timezone.localdate()) - 1
    assert f"v {last.week} {last.year}" in html


def test_followup_starts_at_the_callin(client, half_year, clinic_manager):
    client.force_login(clinic_manager)
    response = client.get(reverse("followup:index"), {"klinik": half_year["clinic"].id})
    assert response.status_code == 302 and response.url.startswith(reverse("followup:callin"))


def test_the_printable_view_has_the_same_figures_and_leads_back(client, half_year, clinic_manager):
    client.force_login(clinic_manager)
    response = client.get(reverse("followup:callin_print"), {"vecka": "2026-W20"})
    html = response.content.decode()
    assert (
        response.context["dashboard"].last_week
        == client.get(reverse("followup:callin"), {"vecka": "2026-W20"})
        .context["dashboard"]
        .last_week
    )
    assert "data-print" in html and "Logga veckans möte" not in html
    assert (
        f'href="{reverse("followup:callin")}?klinik={half_year["clinic"].id}' in html
        and "vecka=2026-W20" in html
    )


def _ward_week(unit, week, *, staffed: int, occupied: int, over: int = 0) -> None:
    from inpatient.models import BedDay, Ward

    Ward.objects.get_or_create(unit=unit)
    BedDay.objects.bulk_create(
        BedDay(unit=unit, date=day, source="cosmic", staffed=staffed, occupied=occupied,
               overcrowding=over, outlying=0)
        for day in week.days
    )  # fmt: skip


def test_the_wards_panels_on_the_callin_and_strategic_pages(
    client, half_year, clinic_manager, org, django_assert_max_num_queries
):
    from organisation.calendar import IsoWeek
    from planning.choices import STAFFED_BEDS

    client.force_login(clinic_manager)
    week = IsoWeek(2026, 20)
    ward = half_year["units"][1]
    # 20 staffed, 18 occupied (90 %), one överbeläggning on each of the seven days.
    _ward_week(ward, week, staffed=20, occupied=18, over=1)
    beds = activity(STAFFED_BEDS)
    from planning.models import PlanCell, PlanVersion

    approved = PlanVersion.objects.get(
        plan__clinic=half_year["clinic"], plan__year=2026, status="approved"
    )
    PlanCell.objects.create(version=approved, unit=ward, activity=beds, week=week.key, volume=22)
    client.get(reverse("followup:strategic"), PAGES["followup:strategic"])  # the session's first
    # Wards add three queries, however many there are.
    with django_assert_max_num_queries(MAX_QUERIES["followup:callin"] + 2):
        page = client.get(reverse("followup:callin"), PAGES["followup:callin"]).content.decode()
    panel = page[page.index('id="wards-week"') :]
    panel = panel[: panel.index("</section>")]
    assert ward.name in panel
    for figure in ("20,0", "22", "−2", "90\u00a0%", "7", "5,0"):  # 7 per 140 staffed bed-days: 5.0
        assert f'<td class="num">{figure}</td>' in panel
    # The approved beds are no production volume: the clinic's plan for the week is unchanged.
    assert "Disponibla vårdplatser" not in page[: page.index('id="wards-week"')]

    strategic = client.get(reverse("followup:strategic"), PAGES["followup:strategic"])
    sites = strategic.content.decode()
    sites = sites[sites.index('id="bed-sites"') :]
    assert org.site.name in sites and "90\u00a0%" in sites


def test_a_clinic_without_wards_shows_no_ward_panel(client, half_year, clinic_manager):
    client.force_login(clinic_manager)
    page = client.get(reverse("followup:callin"), PAGES["followup:callin"]).content.decode()
    assert 'id="wards-week"' not in page
