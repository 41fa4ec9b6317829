"""The oracle's modules for operating rooms, beds, DRG and purchased care read small hand-built
extracts the way the extract format says (upserts, replacements, MAKULERAD, empty values,
both decimal separators) and compute their figures by the domain's definitions; every
expected figure here is worked out by hand in the comments."""

from __future__ import annotations

import sys
from datetime import date

import pytest

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))

from oracle_figures import economics, inpatient, purchasing, theatre  # noqa: E402
from oracle_figures.economics import rounded  # noqa: E402

OPS = (
    "operation_id;sal_kod;enhet_kod;op_datum;patient_in;op_start;op_slut;patient_ut;status;"
    "struken_tid;struken_orsak"
)
SESSIONS = "datum;sal_kod;start;slut;enhet_kod;bemannad"


def write(folder, name: str, lines: list[str], *, encoding="utf-8") -> None:
    (folder / name).write_bytes("\n".join(lines).encode(encoding))


def test_room_time_reads_sessions_replaced_per_room_and_day_and_operations_upserted(tmp_path):
    write(tmp_path, "salstider_orbit_20260105.csv", [
        SESSIONS,
        "2026-01-05;SAL1;07:30;16:00;ORB1;J",  # Monday: 07–17, 600 min
        "2026-01-05;SAL2;08:00;12:00;;J",
        "2026-01-08;SAL1;07:30;16:00;ORB1;J",  # Thursday: 600 min
    ])  # fmt: skip
    write(tmp_path, "salstider_orbit_20260107.csv", [
        SESSIONS,
        "2026-01-05;SAL2;08:00;12:00;;N",  # replaces SAL2's Monday: no longer staffed
        "20260109;SAL1;07:00;14:00;ORB1;",  # Friday, staffed by default: 07–14, 420 min
    ])  # fmt: skip
    write(tmp_path, "operationer_cosmic_20260105.csv", [
        OPS,
        # In 06:30, out 08:20: 07:00–08:20 in hours = 80; knife 07:10–08:00 = 50.
        "O1;OP1;U;2026-01-05;2026-01-05 06:30;2026-01-05 07:10;2026-01-05 08:00;2026-01-05 08:20;GENOMFORD;;",
        # Past midnight: 16:30–17:00 = 30 on Thursday, 07:00–07:30 = 30 on Friday; knife 15 + 0.
        "O2;OP1;U;2026-01-08;2026-01-08T16:30:00;2026-01-08T16:45;2026-01-09T06:50;2026-01-09T07:30;GENOMFORD;;",
        # Performed in an unstaffed room-day: an operation, no time in hours.
        "O3;OP2;U;2026-01-05;2026-01-05 09:00;;;2026-01-05 10:00;GENOMFORD;;",
        "O4;OP1;U;2026-01-09;;;;;STRUKEN;2026-01-08 17:00;PAT",  # late: at 17:00 the day before
        "O5;OP1;U;2026-01-09;2026-01-09 08:00;;;2026-01-09 09:00;GENOMFORD;;",
        "O6;OP1;U;2026-01-09;2026-01-09 10:00;;;2026-01-09 11:00;GENOMFORD;;",
    ])  # fmt: skip
    write(tmp_path, "operationer_cosmic_20260106.csv", [
        OPS,
        "O5;OP1;U;2026-01-09;;;;;STRUKEN;2026-01-08 16:59;RES",  # struck in time: not late
        "O6;OP1;U;2026-01-09;;;;;MAKULERAD;;",  # entered by mistake: gone
    ])  # fmt: skip

    operations = theatre.read_operations(tmp_path)
    sessions = theatre.read_sessions(tmp_path)
    operations["room"] = operations["sal_kod"].map({"OP1": 1, "OP2": 2})
    sessions["room"] = sessions["sal_kod"].map({"SAL1": 1, "SAL2": 2})
    figures = theatre.site_figures(
        operations, sessions, theatre.SPOR_HOURS, date(2026, 1, 1), date(2026, 1, 31)
    )

    assert sorted(operations["operation_id"]) == ["O1", "O2", "O3", "O4", "O5"]
    assert figures == {
        "open_minutes": 1620.0,
        "patient_minutes_in_hours": 140.0,
        "knife_minutes_in_hours": 65.0,
        "utilisation_patient_time": pytest.approx(140 / 1620),
        "utilisation_knife_time": pytest.approx(65 / 1620),
        "operations": 3,
        "late_cancellations": 1,
        "late_cancellations_by_cause": {"PAT": 1},
    }


def test_beds_are_replaced_per_ward_and_day_and_stays_are_real_elapsed_time(tmp_path):
    write(tmp_path, "vardplatser_cosmic_20260105.csv", [
        "datum;enhet_kod;disponibla;belagda;overbelaggningar;utlokaliserade",
        "2026-01-05;W1;20;18;0;1",
        "2026-01-05;W2;10;11;1;",
    ])  # fmt: skip
    write(tmp_path, "vardplatser_cosmic_20260106.csv", [
        "datum,enhet_kod,disponibla,belagda",  # the optional columns left out
        "2026-01-05,W1,20,19",  # replaces W1's day 5
        "2026-01-06,W1,20,20",
    ])  # fmt: skip
    header = "vardtillfalle_id;enhet_kod;inskrivning;utskrivning;status"
    write(tmp_path, "vardtillfallen_cosmic_20260401.csv", [
        header,
        # Summer time begins 29 March 2026: 48 hours on the clock are 47 hours.
        "E1;W1;2026-03-28 12:00;2026-03-30 12:00;GENOMFORD",
        "E2;W1;2026-01-02 08:00;;GENOMFORD",  # still admitted
        "E3;W2;2026-02-01 08:00;2026-02-02 08:00;GENOMFORD",
    ])  # fmt: skip
    write(tmp_path, "vardtillfallen_cosmic_20260502.csv", [
        header,
        "E3;W2;2026-02-01 08:00;2026-02-02 08:00;MAKULERAD",
        "E4;W2;2026-04-29T10:00;2026-05-01T10:00;GENOMFORD",  # discharged in T2
        # 02:30 on 29 March does not exist: read as 01:30 UTC (03:30 summer time), 8.5 h to
        # 12:00; 02:30 on 25 October comes twice: the first, 00:30 UTC, 10.5 h to 12:00 (11 UTC).
        "E5;W2;2026-03-29 02:30;2026-03-29 12:00;GENOMFORD",
        "E6;W2;2026-10-25 02:30;2026-10-25 12:00;GENOMFORD",
    ])  # fmt: skip

    beds, episodes = inpatient.read_beds(tmp_path), inpatient.read_episodes(tmp_path)
    t1 = inpatient.figures(beds, episodes, date(2026, 1, 1), date(2026, 4, 30))
    t2 = inpatient.figures(beds, episodes, date(2026, 5, 1), date(2026, 8, 31))

    # Day 5: W1 20/19, W2 10/11 (1 över); day 6: W1 20/20: Σ staffed 50, Σ occupied 50, 2 days.
    assert t1 == {
        "days_measured": 2,
        "staffed_beds": 25.0,
        "occupied_beds": 25.0,
        "occupancy": 1.0,
        "overcrowding": 1,
        "overcrowding_per_100": 2.0,
        "outlying": 0,
        "outlying_per_100": 0.0,
        "admissions": 4,  # E1, E2, E4, E5
        "discharges": 2,  # E1, E5
        "mean_length_of_stay": pytest.approx((47 + 8.5) / 24 / 2),
    }
    t3 = inpatient.figures(beds, episodes, date(2026, 9, 1), date(2026, 12, 31))

    assert (t2["admissions"], t2["discharges"], t2["mean_length_of_stay"]) == (0, 1, 2.0)
    assert t3["mean_length_of_stay"] == pytest.approx(10.5 / 24)


def test_drg_figures_follow_the_latest_weights_and_kpp_rows_and_leave_out_lost_contacts(tmp_path):
    weights = "ar;drg_kod;vardform;vikt"
    write(tmp_path, "drgvikter_socialstyrelsen_20250102.csv", [
        weights, "2026;D1;OPPEN;0,5", "2026;D2;SLUTEN;2.0",
    ])  # fmt: skip
    # Replaces 2026's outpatient weights; the inpatient ones stand.
    write(tmp_path, "drgvikter_socialstyrelsen_20260102.csv", [weights, "2026;D1;oppen;0.4"])
    kpp = "ar;kontakt_id;vardform;enhet_kod;drg_kod;kostnad;ytterfall"
    write(tmp_path, "kpp_kpp_20260215.csv", [
        kpp,
        "2026;K1;OPPEN;A;D1;1000;N",
        "2026;K2;OPPEN;A;d1;3000;J",  # an outlier
        "2026;K3;OPPEN;A;;500;N",  # no DRG: ungrouped
        "2026;K9;OPPEN;A;D1;700;",  # its contact was never performed
        "2026;V1;SLUTEN;B;D2;50000;N",
    ])  # fmt: skip
    write(tmp_path, "kpp_kpp_20261207.csv", [kpp, "2026;V2;SLUTEN;B;D2;40000,5;N"])  # B replaced

    rows = economics.weighed(
        economics.read_kpp(tmp_path), economics.read_weights(tmp_path), {"K1", "K2", "K3"}
    )

    # Counted: K1 (0.4, 1000), K2 (0.4, 3000, outlier), V2 (2.0, 40000.5).
    assert economics.figures(rows) == {
        "contacts": 3,
        "points": pytest.approx(2.8),
        "case_mix_index": pytest.approx(2.8 / 3),
        "cost": 44000.5,
        "cost_per_point": pytest.approx(41000.5 / 2.4),
        "cost_per_point_all": pytest.approx(44000.5 / 2.8),
        "outliers": 1,
        "ungrouped": 1,  # K3
        "without_contact": 1,  # K9
    }
    # K1 in March (T1), K2 in May (T2), K3 without a day here; V2 is an episode: in the year
    # only while it is not known to be discharged, else in its discharge's tertial (September: T3).
    days = {"K1": date(2026, 3, 31), "K2": date(2026, 5, 1)}
    assert economics.tertials(rows, days).tolist() == [1, 2, 0, 0, 0]
    order = rows["kontakt_id"].tolist()
    discharged = economics.tertials(rows, days, {"V2": date(2026, 9, 1)}).tolist()
    assert discharged[order.index("V2")] == 3
    assert [t for k, t in zip(order, discharged, strict=True) if k != "V2"] == [1, 2, 0, 0]


def test_a_figure_the_api_rounds_agrees_within_half_its_last_place():
    assert rounded(15714.4643, "15714", 0) == 15714.0
    assert rounded(15714.5001, "15714", 0) == 15714.5001
    assert rounded(0.93333, "0.9333", 4) == 0.9333
    assert rounded(3, 4, None) == 3


def test_purchased_care_counts_the_latest_status_and_costs_the_agreement_price_without_invoice(
    tmp_path,
):
    header = "uppdrag_id;enhet_kod;vardgivare_kod;avtal_kod;fas;skickad_datum;utford_datum;kostnad;status"
    write(tmp_path, "kopt_vard_cosmic_20260201.csv", [
        header,
        "R1;A;priv;avt1;2;2026-01-10;;;SKICKAD",
        "R2;A;PRIV;AVT1;2;2026-01-11;2026-01-20;5000,50;UTFORD",
        "R3;A;REG;;1;2025-12-30;;;SKICKAD",
        "R4;A;PRIV;AVT1;2;2026-01-12;;;SKICKAD",  # sent, not performed: committed, not cost
    ], encoding="cp1252")  # fmt: skip
    write(tmp_path, "kopt_vard_cosmic_20260301.csv", [
        header,
        "R1;A;PRIV;AVT1;2;2026-01-10;2026-02-01;;UTFORD",  # performed, not yet invoiced
        "R3;A;REG;;1;2025-12-30;;;AVBRUTEN",
    ])  # fmt: skip

    rows = purchasing.read_referrals(tmp_path)
    by_year = {y: rows[rows["sent"].map(lambda d, y=y: d.year == y)] for y in (2025, 2026)}
    price = {"AVT1": 1000.0}

    assert purchasing.figures(by_year[2026], price) == {
        "sent": 3,
        "performed": 2,
        "cancelled": 0,
        "cost": 6000.5,
    }
    assert purchasing.figures(by_year[2025], price) == {
        "sent": 1,
        "performed": 0,
        "cancelled": 1,
        "cost": 0.0,
    }
