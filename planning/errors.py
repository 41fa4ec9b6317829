"""Why a change to a plan was refused; views and the API turn these into Swedish messages."""

from __future__ import annotations


class PlanConflict(Exception):
    """The save was based on a revision that is no longer the latest: someone saved meanwhile."""

    def __init__(self, *, current_revision: int, changes: list[dict]):
        super().__init__("stale revision")
        self.current_revision = current_revision
        # What the others changed since the revision the save was based on.
        self.changes = changes


class PlanLocked(Exception):
    """The version is not a draft (submitted, approved or superseded) and cannot be changed."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
