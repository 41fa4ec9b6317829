"""A hand-computed year of one clinic, imported through the pipeline.

Weights 2026: 901O outpatient 0.15, 209A outpatient 0.40, 209A inpatient 2.00; 2025: 901O 0.15.
Ortopedkliniken (the first clinic), 2026:

| row | care form | contact day | DRG | cost | outlier | counts as |
|---|---|---|---|---|---|---|
| K1 | OPPEN | 2026-02-10 (T1) | 901O | 300 | N | 0.15 points |
| K2 | OPPEN | 2026-06-01 (T2) | 209A | 1 000 | N | 0.40 points (the outpatient weight) |
| K3 | OPPEN | 2026-03-01, cancelled after its KPP row | 901O | 200 | N | nothing: without contact |
| K4 | OPPEN | 2026-10-01 (T3) | 901O | 3 000 | J | 0.15 points, an outlier |
| V1 | SLUTEN | (an episode, not imported) | 209A | 50 000 | N | 2.00 points (the inpatient weight), in the year only |

contacts 4, points 2.70, case-mix index 0.675, cost 54 300; inner: 51 300 / 2.55 = 20 117.65 kr
per point; all: 54 300 / 2.70 = 20 111.11; one outlier, one without contact. 2025: K0 (T2) 901O,
450 kr: 3 000 kr per point. Ögonkliniken, 2026: O1 (T1) 901O, 150 kr: 1 000 kr per point.
Ortopedkliniken and Ögonkliniken are compared as one specialty, "Kirurgi".
"""

from __future__ import annotations

import pytest

from economics.models import ClinicSpecialty
from inpatient.choices import Speciality
from inpatient.models import Ward
from organisation.models import Activity, ContactActivityRule, Unit

from .extracts import CONTACT_HEADER, DRG_HEADER, EPISODE_HEADER, KPP_HEADER, lines


@pytest.fixture
def scenario(org, load, django_capture_on_commit_callbacks):
    ContactActivityRule.objects.create(phase=1, activity=Activity.objects.get(code="lak-ny"))
    ort, ogn = "ORT06-1", "OGN06-1"
    with django_capture_on_commit_callbacks(execute=True):
        runs = [
            load(
                "drgvikter_socialstyrelsen_20260101.csv",
                lines(
                    DRG_HEADER,
                    "2026;901O;OPPEN;0.15;",
                    "2026;209A;OPPEN;0.40;",
                    "2026;209A;SLUTEN;2.00;",
                    "2025;901O;OPPEN;0.15;",
                ),
            ),
            load(
                "kontakter_cosmic_20261110.csv",
                lines(
                    CONTACT_HEADER,
                    f"K0;2025-05-05;C{ort};1;BESOK;LAK;GENOMFORD",
                    f"K1;2026-02-10;C{ort};1;BESOK;LAK;GENOMFORD",
                    f"K2;2026-06-01;C{ort};1;BESOK;LAK;GENOMFORD",
                    f"K3;2026-03-01;C{ort};1;BESOK;LAK;GENOMFORD",
                    f"K4;2026-10-01;C{ort};1;BESOK;LAK;GENOMFORD",
                    f"O1;2026-01-20;C{ogn};1;BESOK;LAK;GENOMFORD",
                ),
            ),
            load(
                "kpp_kpp_20261115.csv",
                lines(
                    KPP_HEADER,
                    f"2025;K0;OPPEN;K{ort};901O;450;N",
                    f"2026;K1;OPPEN;K{ort};901O;300;N",
                    f"2026;K2;OPPEN;K{ort};209A;1000;N",
                    f"2026;K3;OPPEN;K{ort};901O;200;N",
                    f"2026;K4;OPPEN;K{ort};901O;3000;J",
                    "2026;V1;SLUTEN;KORT06-2;209A;50000;N",
                    f"2026;O1;OPPEN;K{ogn};901O;150;N",
                ),
            ),
            # The contact is cancelled after its KPP row came.
            load(
                "kontakter_cosmic_20261120.csv",
                lines(CONTACT_HEADER, f"K3;2026-03-01;C{ort};1;BESOK;LAK;MAKULERAD"),
            ),
        ]
    assert all(r.status == "ok" for r in runs), [r.message for r in runs]
    for clinic in org.clinics[:2]:
        ClinicSpecialty.objects.create(clinic=clinic, specialty="Kirurgi")
    return org


def import_episodes(load, ward: Unit, *episodes: tuple[str, str, str], extracted: str = "20261201"):
    """Episodes (id, admitted, discharged: "YYYY-MM-DD HH:MM", "" while admitted) on ``ward``
    (made a ward), through the pipeline in a file extracted on ``extracted``; its ImportRun."""
    Ward.objects.get_or_create(unit=ward, defaults={"speciality": Speciality.SURGICAL})
    rows = [f"{eid};C{ward.code};;{admitted};{out};N;;GENOMFORD" for eid, admitted, out in episodes]
    run = load(f"vardtillfallen_cosmic_{extracted}.csv", lines(EPISODE_HEADER, *rows))
    assert run.status == "ok", run.message
    return run
