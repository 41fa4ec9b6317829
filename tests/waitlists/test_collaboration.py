"""Between regions: the aggregated report one installation exports, another imports and compares.

The hand-built case: Region Jönköping (06, 400 000 inhabitants) exports its report; Region
Östergötland (05, 500 000 inhabitants) imports it beside its own waiting list.
"""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.test import override_settings
from rest_framework.test import APIClient

from facts.selectors import rows as facts_rows
from imports.services import import_file
from organisation.models import Area, Clinic, Region, Site, Unit
from tests import factories
from tests.waitlists import builders as b
from waitlists import exchange
from waitlists.models import RegionReportRow, WaitingSummary
from waitlists.selectors import collaboration, regions_compare

pytestmark = pytest.mark.django_db
DAY = date(2026, 10, 31)


def _jonkoping_waiting_list(unit) -> None:
    """Twenty waiting for NFB49 (six over 90 days, two of them over 150, one PVV, one MOV),
    three for NGB49 (a small group) and two operations without a code, ten first visits."""
    entries = [b.waiting(unit, DAY, days=30, phase=2, kva="NFB49") for _ in range(12)]
    entries += [b.waiting(unit, DAY, days=100, phase=2, kva="NFB49") for _ in range(4)]
    entries += [b.waiting(unit, DAY, days=160, phase=2, kva="NFB49") for _ in range(2)]
    entries += [b.waiting(unit, DAY, days=200, phase=2, kva="NFB49", deviation="PVV")]
    entries += [b.waiting(unit, DAY, days=10, phase=2, kva="NFB49", deviation="MOV")]
    entries += [b.waiting(unit, DAY, days=120, phase=2, kva="NGB49") for _ in range(3)]
    entries += [b.waiting(unit, DAY, days=20, phase=2) for _ in range(2)]
    entries += [b.waiting(unit, DAY, days=20, phase=1) for _ in range(10)]
    b.save(*entries)


def _rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


# --- Suppression -------------------------------------------------------------------------------


def _group(phase, code, n, guarantee=None, over_90=0, over_150=0, pvv=0, mov=0) -> dict:
    return {
        "fas": phase,
        "kva_kod": code,
        "antal": n,
        "antal_vardgaranti": n if guarantee is None else guarantee,
        "over_90": over_90,
        "over_150": over_150,
        "pvv": pvv,
        "mov": mov,
    }


def test_a_small_group_is_pooled_into_its_phases_row_without_a_code_and_totals_stay_whole():
    rows = exchange.suppress([_group(2, "NFB49", 20), _group(2, "NGB49", 3), _group(2, "", 4)], 5)
    assert [(r["kva_kod"], r["antal"]) for r in rows] == [("", 7), ("NFB49", 20)]
    assert sum(r["antal"] for r in rows) == 27


def test_a_small_pool_takes_the_smallest_codes_until_no_hidden_group_can_be_subtracted_out():
    rows = exchange.suppress(
        [_group(1, "AB123", 2), _group(1, "AB124", 6), _group(1, "AB125", 9)], 5
    )
    # AB123 alone (2) would be a row below 5, and with the total known it could be recovered:
    # the smallest coded group joins it.
    assert [(r["kva_kod"], r["antal"]) for r in rows] == [("", 8), ("AB125", 9)]


def test_a_phase_smaller_than_the_threshold_is_left_out():
    assert exchange.suppress([_group(3, "", 2), _group(3, "AB123", 1)], 5) == []


def test_small_breakdowns_are_left_empty_and_pvv_with_mov():
    (row,) = exchange.suppress(
        [_group(2, "NFB49", 40, 30, over_90=12, over_150=3, pvv=8, mov=2)], 5
    )
    assert (row["over_90"], row["over_150"]) == (12, None)
    # MOV 2 is hidden; PVV would give it away (40 − 30 − 8), so PVV is hidden too.
    assert (row["pvv"], row["mov"]) == (None, None)


def test_the_threshold_is_a_setting():
    with override_settings(KPS_REGION_REPORT_MIN_COUNT=3):
        assert exchange.threshold() == 3
        rows = exchange.suppress([_group(2, "NGB49", 3)], exchange.threshold())
    assert rows[0]["kva_kod"] == "NGB49"


# --- Export ------------------------------------------------------------------------------------


def test_the_export_is_the_format_and_nothing_person_level(org, tmp_path):
    _jonkoping_waiting_list(org.units[0])
    call_command("kps_region_report", "--ut", str(tmp_path), stdout=io.StringIO())
    (path,) = tmp_path.iterdir()
    assert path.name == "vantanderapport_06_20261031.csv"
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == ";".join(exchange.COLUMNS)
    rows = _rows(text)
    # NGB49's three are pooled with the two operations without a code.
    assert [(r["fas"], r["kva_kod"], r["antal"]) for r in rows] == [
        ("1", "", "10"),
        ("2", "", "5"),
        ("2", "NFB49", "20"),
    ]
    for row in rows:
        assert set(row) == set(exchange.COLUMNS)
        assert int(row["antal"]) >= 5 and row["lan_kod"] == "06"
    assert "V1" not in text and "cosmic" not in text


def test_nfb49s_row_reports_the_guarantee_rules(org):
    _jonkoping_waiting_list(org.units[0])
    report = collaboration.own_report(region=org.region)
    rows = {(r["fas"], r["kva_kod"]): r for r in report.rows}
    nfb = rows[(2, "NFB49")]
    # 18 within the guarantee (PVV and MOV out), 6 over 90 days; 2 over 150 is below 5: empty.
    assert (nfb["antal"], nfb["antal_vardgaranti"], nfb["over_90"], nfb["over_150"]) == (
        20,
        18,
        6,
        None,
    )
    assert (nfb["pvv"], nfb["mov"]) == (None, None)
    assert (2, "NGB49") not in rows and rows[(2, "")]["antal"] == 5
    assert report.day == DAY and report.file_name == "vantanderapport_06_20261031.csv"


def test_the_export_is_from_the_latest_snapshot_or_the_chosen_day(org):
    unit = org.units[0]
    b.save(*[b.waiting(unit, DAY - timedelta(days=31), days=5) for _ in range(7)])
    b.save(*[b.waiting(unit, DAY, days=5) for _ in range(9)])
    assert collaboration.own_report(region=org.region).rows[0]["antal"] == 9
    earlier = collaboration.own_report(region=org.region, day=DAY - timedelta(days=1))
    assert earlier.day == DAY - timedelta(days=31) and earlier.rows[0]["antal"] == 7


def test_the_scheduled_task_writes_into_the_folder_set(org, tmp_path):
    from waitlists.tasks import write_region_report

    _jonkoping_waiting_list(org.units[0])
    with override_settings(KPS_REGION_REPORT_FOLDER=str(tmp_path / "ut")):
        written = write_region_report.delay().get()
    assert [p.split("/")[-1] for p in written] == ["vantanderapport_06_20261031.csv"]
    assert not list((tmp_path / "ut").glob("*.part"))


# --- The round trip ----------------------------------------------------------------------------


def _remove_region(region: Region) -> None:
    """The exporting installation's organisation is not the importing one's."""
    Unit.objects.filter(clinic__area__region=region).delete()
    Clinic.objects.filter(area__region=region).delete()
    Area.objects.filter(region=region).delete()
    Site.objects.filter(region=region).delete()
    region.delete()


@pytest.fixture
def round_trip(org, tmp_path, settings):
    """Jönköping exports; its waiting list and organisation go; Östergötland imports the file."""
    settings.KPS_DROP_FOLDER = tmp_path / "drop"
    _jonkoping_waiting_list(org.units[0])
    call_command("kps_region_report", "--ut", str(tmp_path), stdout=io.StringIO())
    (exported,) = tmp_path.glob("vantanderapport_*.csv")
    # The other installation: its own region and waiting list only.
    facts_rows.waiting_entries().delete()
    WaitingSummary.objects.all().delete()
    _remove_region(org.region)
    ost = factories.make_org(county_code="05", name="Region Östergötland")
    unit = ost.units[0]
    b.save(
        *[b.waiting(unit, DAY, days=100, phase=2, kva="NFB49") for _ in range(10)],
        *[b.waiting(unit, DAY, days=20, phase=2, kva="NFB49") for _ in range(30)],
    )
    b.population("06", 2026, 400_000)
    b.population("05", 2026, 500_000)
    run = import_file(path=exported, started_by="test")
    assert run.status == "ok", run.error
    users = factories.make_role_users(ost)
    return ost, users


def test_what_one_region_exports_another_imports_and_compares(round_trip):
    ost, users = round_trip
    assert RegionReportRow.objects.filter(county_code="06", snapshot_date=DAY).exists()
    result = regions_compare(user=users["qulturum"], day=DAY + timedelta(days=7))
    by_county = {r["county"]: r for r in result.regions}
    assert list(by_county) == ["05", "06"]
    own, neighbour = by_county["05"], by_county["06"]
    assert own["own"] and not neighbour["own"]
    assert (own["waiting"], own["guarantee_waiting"], own["over_90"]) == (40, 40, 10)
    assert own["per_100k"] == pytest.approx(8.0)
    # Jönköping's 35 waiting, all counted (the small group pooled, not lost), per 400 000.
    assert neighbour["waiting"] == 35
    assert neighbour["per_100k"] == pytest.approx(8.75)
    assert neighbour["guarantee_waiting"] == 33 and neighbour["over_90"] == 9
    assert neighbour["report_date"] == DAY and neighbour["status"] == "current"
    assert "over_150" in neighbour["suppressed"] or neighbour["over_150"] >= 5


def test_the_region_waiting_longest_per_kva_code(round_trip):
    _ost, users = round_trip
    result = regions_compare(user=users["qulturum"], day=DAY, level="kva")
    nfb = next(g for g in result.groups if g["key"] == "NFB49")
    # NFB49: Jönköping 6 of 18 over 90 days (33 %), Östergötland 10 of 40 (25 %).
    assert nfb["longest"]["county"] == "06"
    assert nfb["longest"]["share_over_90"] == pytest.approx(6 / 18)
    area = regions_compare(user=users["qulturum"], day=DAY, level="area")
    assert any(g["longest"] and g["longest"]["county"] == "06" for g in area.groups)


def test_importing_the_same_report_twice_changes_nothing_and_a_new_one_replaces_it(
    round_trip, tmp_path
):
    before = list(RegionReportRow.objects.values_list("phase", "kva_code", "waiting"))
    path = tmp_path / "vantanderapport_06_20261031_igen.csv"
    path.write_text(
        "matdatum;lan_kod;fas;kva_kod;antal;antal_vardgaranti;over_90\n2026-10-31;06;1;;12;12;0\n",
        encoding="utf-8",
    )
    assert import_file(path=path, started_by="test").status == "ok"
    after = list(RegionReportRow.objects.values_list("phase", "kva_code", "waiting"))
    assert after == [(1, "", 12)] and after != before


# --- Not delivered -----------------------------------------------------------------------------


def test_a_neighbour_that_has_not_delivered_for_a_month_is_marked_not_counted_as_zero(round_trip):
    _ost, users = round_trip
    later = DAY + timedelta(days=40)
    with override_settings(KPS_COLLABORATION_COUNTIES="06,08"):
        result = regions_compare(user=users["qulturum"], day=later)
    by_county = {r["county"]: r for r in result.regions}
    assert by_county["06"]["status"] == "stale" and by_county["06"]["report_date"] == DAY
    assert by_county["06"]["waiting"] is None and by_county["06"]["per_100k"] is None
    assert by_county["08"]["status"] == "missing" and by_county["08"]["report_date"] is None
    # The development: October delivered, November a gap, never a zero.
    trend = {s["county"]: s for s in result.trend}
    months = result.months
    assert trend["06"]["waiting"][months.index("2026-10")] == 35
    assert trend["06"]["waiting"][months.index("2026-11")] is None
    assert trend["06"]["delivered"][months.index("2026-11")] is False


def test_the_chart_marks_a_month_not_delivered_only_once_it_is_over(round_trip):
    from waitlists.charts import compare_trend_figure

    _ost, users = round_trip

    def crosses(day):
        figure = compare_trend_figure(regions_compare(user=users["qulturum"], day=day))
        return [(t["name"], t["x"]) for t in figure["data"] if t["mode"] == "markers"]

    assert crosses(date(2026, 11, 20)) == []  # November under way: Jönköping's October is current
    # December: neither region measured November (the own one's gap is marked alike).
    assert crosses(date(2026, 12, 10)) == [
        ("Östergötland: ingen rapport", ["2026-11"]),
        ("Jönköping: ingen rapport", ["2026-11"]),
    ]


def test_a_row_for_another_county_or_with_contradicting_counts_is_rejected(org, tmp_path):
    path = tmp_path / "vantanderapport_05_20261031.csv"
    lines = ["matdatum;lan_kod;fas;kva_kod;antal;antal_vardgaranti;over_90;over_150"]
    lines += [f"2026-10-31;05;1;AB{100 + i};10;8;2;" for i in range(40)]
    lines += ["2026-10-31;06;1;;10;8;2;", "2026-10-31;05;2;NFB49;10;8;9;"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = import_file(path=path, started_by="test")
    assert run.status == "partial"
    rejected = {(r.line, r.column): r.message for r in run.rejected_rows.all()}
    assert rejected == {
        (42, "lan_kod"): "Raden gäller län 06 men filen är rapporten från 05.",
        (43, "over_90"): "Fler över 90 dagar än väntande inom vårdgarantin.",
    }
    assert RegionReportRow.objects.filter(county_code="05").count() == 40
    assert not RegionReportRow.objects.filter(county_code="06").exists()


# --- Access and the API ------------------------------------------------------------------------


def test_a_clinic_reader_sees_the_neighbours_and_only_their_own_clinics(round_trip):
    _ost, users = round_trip
    result = regions_compare(user=users["ledare"], day=DAY)
    own = next(r for r in result.regions if r["own"])
    assert own["limited_to"] == ["Ortopedkliniken"] and own["per_100k"] is None
    neighbour = next(r for r in result.regions if not r["own"])
    assert neighbour["waiting"] == 35 and neighbour["per_100k"] == pytest.approx(8.75)


def test_only_roles_that_see_the_whole_region_hand_out_its_report(round_trip, client):
    _ost, users = round_trip
    api = APIClient()
    api.force_authenticate(users["ledare"])
    refused = api.get("/api/v1/waitlists/region-report/")
    assert refused.status_code == 403
    assert "Bara Qulturum och administratörer" in refused.json()["detail"]
    api.force_authenticate(users["qulturum"])
    answer = api.get("/api/v1/waitlists/region-report/", {"date": "2026-11-05"}).json()
    assert answer["county"] == "05" and answer["date"] == "2026-10-31" and answer["min_count"] == 5
    assert answer["file_name"] == "vantanderapport_05_20261031.csv"
    assert [r["antal"] for r in answer["rows"]] == [40]
    client.force_login(users["ledare"])
    assert client.get("/vantelistor/regioner/var-rapport.csv").status_code == 403
    client.force_login(users["admin"])
    download = client.get("/vantelistor/regioner/var-rapport.csv")
    assert download.status_code == 200
    assert download["Content-Disposition"].endswith('filename="vantanderapport_05_20261031.csv"')
    assert _rows(download.content.decode())[0]["antal"] == "40"
    assert APIClient().get("/api/v1/waitlists/regions/").status_code == 403


def test_the_regions_api_answers_per_region_and_refuses_bad_input_in_swedish(round_trip):
    _ost, users = round_trip
    api = APIClient()
    api.force_authenticate(users["omradeschef"])
    answer = api.get(
        "/api/v1/waitlists/regions/", {"date": "2026-11-07", "level": "kva", "kva": "nfb49"}
    ).json()
    assert answer["level"] == "kva" and answer["kva"] == "NFB49"
    region = answer["regions"][1]
    assert {
        "county",
        "waiting",
        "guarantee_waiting",
        "over_90",
        "over_150",
        "per_100k",
        "report_date",
    } <= set(region)
    assert (
        region["county"] == "06"
        and region["waiting"] == 20
        and region["report_date"] == "2026-10-31"
    )
    bad = api.get("/api/v1/waitlists/regions/", {"date": "igår", "level": "land", "kva": "höft"})
    assert bad.status_code == 400
    assert bad.json()["errors"] == {
        "date": ["Ange ett datum som 2026-10-31."],
        "level": ["Nivån ska vara region, area eller kva."],
        "kva": ["Ange en KVÅ-kod som NFB49 eller DV056."],
    }


def test_the_schema_documents_the_comparison_and_the_report(round_trip):
    _ost, users = round_trip
    api = APIClient()
    api.force_authenticate(users["qulturum"])
    paths = api.get("/api/schema/", {"format": "json"}).json()["paths"]
    params = {p["name"] for p in paths["/api/v1/waitlists/regions/"]["get"]["parameters"]}
    assert {"date", "level", "care_area", "kva"} <= params
    assert "/api/v1/waitlists/region-report/" in paths
    assert "/api/v1/waitlists/home-counties/" in paths


def test_the_page_compares_the_regions_and_states_its_rules(round_trip, client):
    _ost, users = round_trip
    client.force_login(users["qulturum"])
    page = client.get(
        "/vantelistor/regioner/", {"date": "2026-11-07", "level": "area"}
    ).content.decode()
    assert "Jönköpings län" in page and "Östergötlands län" in page
    assert "Små tal döljs" in page and "färre än 5 väntande" in page
    assert "Vår rapport till grannregionerna" in page
    assert "Var väntar varje medicinskt område längst?" in page
    stale = client.get("/vantelistor/regioner/", {"date": "2026-12-20"}).content.decode()
    assert "Ingen rapport senaste månaden" in stale
    client.force_login(users["ledare"])
    limited = client.get("/vantelistor/regioner/").content.decode()
    assert "Vår rapport till grannregionerna" not in limited
    assert "bara dina kliniker: Ortopedkliniken" in limited
