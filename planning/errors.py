"""Why a change to a plan was refused; views and the API turn these into Swedish messages."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kps.errors import DomainError


class PlanConflict(DomainError):
    """The save was based on a revision that is no longer the latest: someone saved meanwhile."""

    status_code = 409
    code = "plan_conflict"
    default_message = _(
        "Planen har sparats av någon annan sedan du öppnade den. Ingenting av ditt sparades."
    )

    def __init__(self, *, current_revision: int, changes: list[dict]):
        super().__init__(current_revision=current_revision, changes=changes)
        self.current_revision = current_revision
        # What the others changed since the revision the save was based on.
        self.changes = changes


class PlanLocked(DomainError):
    """The version is not a draft (submitted, approved or superseded) and cannot be changed."""

    status_code = 409
    code = "plan_locked"

    def __init__(self, message: str):
        super().__init__(message)
