"""Reference data the dashboards label and weigh their figures with."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce

from organisation.models import Activity, ClinicTimeStandard, Profession
from planning.choices import STAFFED_BEDS


@dataclass(frozen=True)
class ActivityInfo:
    id: int
    name: str
    profession: str
    sort_order: int
    # Minutes per contact: the clinic's own time standard where it has one, else the default.
    minutes: int


def activity_catalogue(*, clinic_id: int | None = None) -> dict[int, ActivityInfo]:
    """Every production activity by id, in the region's own order, timed for the clinic. One query.

    The minutes follow ``organisation.selectors.time_standards`` (the clinic's
    standard overrides the activity's), read in the same query as the names.
    """
    # A ward's planned staffed beds are no production activity to follow up (inpatient's pages do).
    activities = Activity.objects.exclude(code=STAFFED_BEDS).order_by("sort_order", "name")
    if clinic_id is not None:
        own = ClinicTimeStandard.objects.filter(clinic_id=clinic_id, activity=OuterRef("pk"))
        activities = activities.annotate(
            timed=Coalesce(Subquery(own.values("minutes")[:1]), "minutes")
        )
    else:
        activities = activities.annotate(timed=F("minutes"))
    return {
        row[0]: ActivityInfo(*row)
        for row in activities.values_list("id", "name", "profession", "sort_order", "timed")
    }


def ordered(activity_ids, catalogue: dict[int, ActivityInfo]) -> list[ActivityInfo]:
    return sorted(
        (catalogue[a] for a in activity_ids if a in catalogue), key=lambda a: (a.sort_order, a.name)
    )


def profession_label(code: str) -> str:
    return str(Profession(code).label) if code in Profession.values else code
