"""Programme data for the demo region: clinics at every stage, so Qulturum's overview has something to show.

``rollout_demo_seed(today=...)`` is called by the demo generator after the
organisation and the users exist. It writes through the services, so the demo's
change log reads as if Qulturum had kept it. Clinics that already have a
programme are left alone, so running it twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Exists, OuterRef

from organisation.models import Clinic, Membership, Role
from rollout import services
from rollout.models import Programme, ProgrammeRoleKind, Step
from rollout.status import METHOD_MEETINGS


@dataclass(frozen=True)
class Stage:
    """Where a demo clinic is: how long ago it started and which due steps it has not done."""

    months_ago: int
    skipped: tuple[Step, ...] = ()
    decided_only: bool = False


# In this order, so that even an area with four clinics in the programme shows every status.
STAGES = (
    Stage(6),
    Stage(8, skipped=(Step.FIRST_PLAN_APPROVED, Step.CALL_IN_STARTED, Step.METHOD_MEETING_3)),
    Stage(14),  # completed
    Stage(0, decided_only=True),
    Stage(2),
    Stage(11),
    Stage(4, skipped=(Step.GOALS_SET,)),
)
# Of each area's clinics, this share is in the programme; the rest have not been decided on yet.
SHARE_IN_PROGRAMME = 0.6

OWNERS = (
    "Karin Lund",
    "Per Holm",
    "Eva Strand",
    "Jonas Berg",
    "Maria Ek",
    "Anders Sjö",
    "Lena Dahl",
)
LEADERS = ("Sara Nyström", "Ali Hassan", "Johanna Vik", "Mikael Rask", "Fatima Noor", "Erik Ljung")
MEMBERS = ("Anna Sten", "Omar Said", "Ida Åberg", "Nils Fors", "Elin Myr", "Tove Hed", "Karl Ås")


def _actor() -> User | None:
    # The demo's Qulturum account when there is one, so the change log shows who keeps the list.
    membership = Membership.objects.filter(role=Role.QULTURUM).select_related("user").first()
    return membership.user if membership else None


def _linked(clinic: Clinic, role: str) -> User | None:
    membership = Membership.objects.filter(clinic=clinic, role=role).select_related("user").first()
    return membership.user if membership else None


def _seed_clinic(clinic: Clinic, stage: Stage, n: int, user: User | None, today: date) -> None:
    if stage.decided_only:
        decision, start = today - timedelta(days=10), today + timedelta(weeks=3)
    else:
        start = today - relativedelta(months=stage.months_ago)
        decision = start - timedelta(weeks=6)
    programme = services.programme_create(
        user=user,
        clinic=clinic,
        decision_date=decision,
        agreement_date=min(decision + timedelta(weeks=3), today),
        start=start,
        goals=f"{clinic.name} planerar sin produktion per vecka och följer upp den varje vecka.",
        expectations="KPS-gruppen deltar i metodmötena; verksamhetschefen avsätter tid för call-in.",
        timeline="Processkartläggning första månaden, första produktionsplanen efter ett kvartal.",
        follow_up="Qulturum följer upp vid varje metodmöte och i tertialrapporten.",
        today=today,
    )
    leader, owner = _linked(clinic, Role.KPS_LEADER), _linked(clinic, Role.MANAGER)
    services.programme_role_add(
        user=user,
        programme=programme,
        role=ProgrammeRoleKind.OWNER,
        name=OWNERS[n % len(OWNERS)] if owner is None else "",
        username=owner.username if owner else "",
    )
    services.programme_role_add(
        user=user,
        programme=programme,
        role=ProgrammeRoleKind.LEADER,
        name=LEADERS[n % len(LEADERS)] if leader is None else "",
        username=leader.username if leader else "",
    )
    for k in range(2):
        services.programme_role_add(
            user=user,
            programme=programme,
            role=ProgrammeRoleKind.MEMBER,
            name=MEMBERS[(n + k) % len(MEMBERS)],
        )
    for step in programme.steps.order_by("kind"):
        if step.due is None or step.due > today or step.kind in stage.skipped:
            continue
        # A few days either side of the due date, never before the decision or after today.
        done = min(
            max(step.due + timedelta(days=(clinic.id * 7 + step.kind) % 9 - 4), decision), today
        )
        notes = "Genomfört med hela KPS-gruppen." if step.kind in METHOD_MEETINGS else ""
        services.programme_step_update(
            user=user, programme=programme, kind=step.kind, done_on=done, notes=notes, today=today
        )


@transaction.atomic
def rollout_demo_seed(*, today: date) -> int:
    """Give about 60 % of each area's clinics a programme at a different stage; returns how many were added."""
    user = _actor()
    # Clinics with a demo KPS leader first, so whoever logs in as one sees a programme of their own.
    leaders = Membership.objects.filter(clinic=OuterRef("pk"), role=Role.KPS_LEADER)
    clinics = list(
        Clinic.objects.select_related("area")
        .annotate(has_leader=Exists(leaders))
        .order_by("area__name", "-has_leader", "name")
    )
    by_area: dict[int, list[Clinic]] = {}
    for clinic in clinics:
        by_area.setdefault(clinic.area_id, []).append(clinic)
    seeded = set(Programme.objects.values_list("clinic_id", flat=True))
    added = 0
    for area_index, members in enumerate(by_area.values()):
        wanted = max(1, round(len(members) * SHARE_IN_PROGRAMME))
        for n, clinic in enumerate(members[:wanted]):
            if clinic.id in seeded:
                continue
            _seed_clinic(
                clinic, STAGES[(n + 3 * area_index) % len(STAGES)], n + area_index, user, today
            )
            added += 1
    return added
