"""Versions with statuses, shared by the production plan and the production assignment.

A plan (``planning``) and an assignment (``economics.assignment``) are both held as numbered
versions of an owner (the plan, the assignment) that go draft → submitted → approved and, when a
later version is approved, superseded. This module holds that machinery once: the abstract
models (``Version``, ``StatusChange``, ``version_constraints``) and the moves between statuses
(``move``, ``submit``, ``back_to_draft``, ``approve``, ``reopen``, ``claim_revision``) and
which version a page shows (``current_version``).

What differs stays with each app: who may do what, what a version holds (cells, lines) and the
checks before a move. A concrete version names its owner's field in ``owner_field`` and has a
status change model whose foreign key to it is called ``version`` with related name
``status_changes``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, ClassVar, TypeVar

from django.conf import settings
from django.contrib.auth.models import User
from django.db import IntegrityError, models, transaction
from django.db.models import F, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .choices import PlanStatus
from .errors import PlanLocked

V = TypeVar("V", bound="Version")


class Version(models.Model):
    """One numbered version of an owner: its status, revision and who drafted and approved it."""

    owner_field: ClassVar[str]
    status_changes: Any  # the reverse accessor of the concrete status change model

    number = models.PositiveIntegerField(gettext_lazy("version"))
    status = models.CharField(
        gettext_lazy("status"), max_length=12, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    # Bumped by every save with compare-and-swap, so a save based on an older revision is refused.
    revision = models.PositiveIntegerField(gettext_lazy("revision"), default=0)
    created_at = models.DateTimeField(gettext_lazy("skapad"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(gettext_lazy("inskickad"), null=True, blank=True)
    approved_at = models.DateTimeField(gettext_lazy("fastställd"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{getattr(self, self.owner_field)} v{self.number} ({self.get_status_display()})"

    @property
    def is_editable(self) -> bool:
        return self.status == PlanStatus.DRAFT

    def siblings(self) -> models.QuerySet[Any]:
        """Every version of the same owner, this one included."""
        owner_id = getattr(self, f"{self.owner_field}_id")
        return type(self)._default_manager.filter(**{f"{self.owner_field}_id": owner_id})


def current_version(versions: Iterable[V]) -> V | None:
    """The version being worked on (draft or submitted), else the approved one, else the latest."""
    by_number = sorted(versions, key=lambda v: v.number, reverse=True)
    for wanted in ((PlanStatus.DRAFT, PlanStatus.SUBMITTED), (PlanStatus.APPROVED,)):
        for version in by_number:
            if version.status in wanted:
                return version
    return by_number[0] if by_number else None


def version_constraints(owner: str, prefix: str) -> list[models.BaseConstraint]:
    """A version's number is unique in its owner, one is approved at most, one open at most."""
    return [
        models.UniqueConstraint(fields=[owner, "number"], name=f"{prefix}_number_unique"),
        # Follow-up counts exactly one version per owner: the approved one.
        models.UniqueConstraint(
            fields=[owner], condition=Q(status="approved"), name=f"{prefix}_one_approved"
        ),
        # At most one version is being worked on at a time.
        models.UniqueConstraint(
            fields=[owner],
            condition=Q(status__in=["draft", "submitted"]),
            name=f"{prefix}_one_open",
        ),
    ]


class StatusChange(models.Model):
    """A step in a version's life: submitted, approved, reopened (with the reason) or superseded.

    The concrete model adds ``version``, its foreign key with related name ``status_changes``.
    """

    version: Any

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(gettext_lazy("tidpunkt"), auto_now_add=True)
    from_status = models.CharField(
        gettext_lazy("från"), max_length=12, choices=PlanStatus.choices, blank=True
    )
    to_status = models.CharField(gettext_lazy("till"), max_length=12, choices=PlanStatus.choices)
    reason = models.TextField(gettext_lazy("motivering"), blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.version}: {self.from_status} → {self.to_status}"


def locked(version: Version) -> PlanLocked:
    """The refusal of a change to a version that is not (or no longer) a draft."""
    return PlanLocked(
        _("Version %(number)s är %(status)s och kan inte ändras.")
        % {"number": version.number, "status": str(version.get_status_display()).lower()}
    )


def record(version: Version, *, user: User, frm: str = "", to: str, reason: str = "") -> None:
    """Keep a status change in the version's history."""
    version.status_changes.create(user=user, from_status=frm, to_status=to, reason=reason)


def claim_revision(version: Version, based_on_revision: int) -> bool:
    """The compare-and-swap of a save: only one save can move a draft on from a given revision."""
    swapped = (
        type(version)
        ._default_manager.filter(pk=version.pk, revision=based_on_revision, status=PlanStatus.DRAFT)
        .update(revision=F("revision") + 1)
    )
    return bool(swapped)


def move(version: Version, *, user: User, frm: str, to: str, reason: str = "", **fields) -> None:
    """Change the status with a guarded UPDATE, so two clicks cannot both move it."""
    moved = (
        type(version)._default_manager.filter(pk=version.pk, status=frm).update(status=to, **fields)
    )
    if not moved:
        version.refresh_from_db(fields=["status"])
        raise locked(version)
    record(version, user=user, frm=frm, to=to, reason=reason)
    version.status = to
    for name, value in fields.items():
        setattr(version, name, value)


def submit(version: Version, *, user: User, reason: str = "") -> None:
    """Hand a draft on for approval; it is locked meanwhile."""
    with transaction.atomic():
        move(
            version,
            user=user,
            frm=PlanStatus.DRAFT,
            to=PlanStatus.SUBMITTED,
            reason=reason,
            submitted_at=timezone.now(),
        )


def back_to_draft(version: Version, *, user: User, reason: str) -> None:
    """Take a submitted version back to draft (withdrawn or reopened)."""
    with transaction.atomic():
        move(
            version,
            user=user,
            frm=PlanStatus.SUBMITTED,
            to=PlanStatus.DRAFT,
            reason=reason,
            submitted_at=None,
        )


def approve(version: Version, *, user: User, reason: str = "") -> None:
    """Approve a submitted version; the one approved before it is kept as superseded.

    Call it inside a transaction (the caller's, which may add what is to happen on commit).
    """
    previous = version.siblings().filter(status=PlanStatus.APPROVED).first()
    if previous:
        move(previous, user=user, frm=PlanStatus.APPROVED, to=PlanStatus.SUPERSEDED)
    move(
        version,
        user=user,
        frm=PlanStatus.SUBMITTED,
        to=PlanStatus.APPROVED,
        reason=reason,
        approved_at=timezone.now(),
        approved_by=user,
    )


def reopen(
    version: V,
    *,
    user: User,
    reason: str,
    copy: Callable[[V], None],
    already_open: str,
    **draft_fields: Any,
) -> V:
    """Open a locked version for changes again, with the (checked) reason recorded; the draft.

    A submitted version goes back to draft. An approved one stays approved (and keeps counting
    for follow-up) while a new draft version is worked on: ``copy`` fills it with the approved
    one's content. ``already_open`` is the refusal when the owner has an open version already.
    """
    if version.status == PlanStatus.SUBMITTED:
        back_to_draft(version, user=user, reason=reason)
        return version
    if version.status != PlanStatus.APPROVED:
        raise PlanLocked(_("Bara en inskickad eller fastställd version kan öppnas igen."))
    owner_id = f"{version.owner_field}_id"
    try:
        with transaction.atomic():
            number = version.siblings().aggregate(n=Max("number"))["n"] + 1
            draft = type(version)._default_manager.create(
                **{owner_id: getattr(version, owner_id)},
                number=number,
                based_on=version,
                created_by=user,
                **draft_fields,
            )
            copy(draft)
            record(draft, user=user, frm=PlanStatus.APPROVED, to=PlanStatus.DRAFT, reason=reason)
    except IntegrityError:
        raise PlanLocked(already_open) from None
    setattr(draft, version.owner_field, getattr(version, version.owner_field))
    return draft
