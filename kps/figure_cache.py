"""Figures computed once per change of the data they come from, not once per request.

On a Monday morning every manager of a clinic opens the same call-in page and its charts
within minutes, and the figures behind them change only when their data does: an import
commits, a plan is saved or changes status, a summary is rebuilt, the organisation or its
catalogue is edited. Each such change bumps one generation number, kept in the shared
cache; a figure is cached under its inputs and the generation, so one change makes every
earlier figure unreachable at once, and no write has to know which figures it touches.

The generation moves when a transaction that saved or deleted a watched model commits
(``connect``: a receiver on every model signal, filtered by app and model), and when an
import sends ``facts_imported`` (imports write facts in bulk, which sends no model
signal). A bulk write elsewhere calls ``figures_changed()`` itself. The time limit
(``KPS_FIGURE_CACHE_SECONDS``) bounds the age of a figure should a write ever be missed;
0 turns the cache off. A lost cache costs only speed: its errors are misses, a missing
generation starts a new one, and every figure is then computed as if uncached.

Only what follows from the inputs is cached: access is checked, the filter resolved and
person-level reads logged before the cache is asked, on every request.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from datetime import date
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone, translation

T = TypeVar("T")
GENERATION = "kps:figures:generation"
PREFIX = "kps:figures"

# The apps whose rows the dashboards' figures are computed from ...
WATCHED_APPS = {
    "organisation",
    "planning",
    "followup",
    "waitlists",
    "facts",
    "imports",
    "inpatient",
    "theatre",
    "economics",
}
# ... except the rows that are no figure's input: who read what, and the meeting log (read
# fresh on every page). Memberships are watched: the menu caches whom a section shows to.
IGNORED = {
    "organisation.PersonDataAccess",
    "followup.Meeting",
    "followup.DiscussedDeviation",
    "followup.Action",
    "followup.ActionUpdate",
    "imports.RejectedRow",
    "imports.HeldRow",
    "imports.ColumnProfile",
    # The council's proposals and their edits; a decision writes the session plan and says so.
    "theatre.Allocation",
    "theatre.AllocatedSession",
}
DELETES_WATCHED = ("planning.Plan", "planning.PlanVersion", "inpatient.Ward")


def _seconds() -> int:
    return int(getattr(settings, "KPS_FIGURE_CACHE_SECONDS", 600))


def generation() -> int:
    """The current generation; a new one (the clock in ns, never an earlier one's) if none."""
    current = cache.get(GENERATION)
    if current is None:
        current = time.time_ns()
        cache.add(GENERATION, current, timeout=None)
        current = cache.get(GENERATION) or current
    return current


def figures_changed() -> None:
    """Every figure cached so far is out of date (call after the change has committed)."""
    try:
        cache.incr(GENERATION)
    except ValueError:  # no generation yet (or the cache lost it): the next read starts one
        pass


def figures_changed_on_commit() -> None:
    """``figures_changed`` once the current transaction commits (at once outside one)."""
    transaction.on_commit(figures_changed)


def cached(name: str, inputs: tuple, compute: Callable[[], T], *, today: date | None = None) -> T:
    """``compute()``, or what it returned before for the same ``name`` and ``inputs``, in the
    same language, on the same day and with no data changed since.

    ``inputs`` must name everything the result depends on besides those (clinic, unit,
    week, source, …), as values whose ``repr`` is stable."""
    seconds = _seconds()
    if seconds <= 0:
        return compute()
    day = today or timezone.localdate()
    digest = hashlib.sha256(repr((inputs, translation.get_language(), day)).encode()).hexdigest()
    key = f"{PREFIX}:{generation()}:{name}:{digest[:32]}"
    hit = cache.get(key)  # a 1-tuple, so that a result of None is cached as well
    if hit is None:
        hit = (compute(),)
        cache.set(key, hit, timeout=seconds)
    return hit[0]


def _on_write(sender, **kwargs) -> None:
    meta = getattr(sender, "_meta", None)
    if meta is None or meta.app_label not in WATCHED_APPS or meta.label in IGNORED:
        return
    figures_changed_on_commit()


def _on_import(**kwargs) -> None:
    figures_changed()  # the signal is sent after the import's transaction has committed


def connect() -> None:
    """Wire the generation to the writes (once, from an app's ``ready``)."""
    from django.apps import apps

    from imports.signals import facts_imported

    post_save.connect(_on_write, dispatch_uid="kps.figure_cache.save")
    # Deletes are watched model by model: a receiver for every model would make Django load
    # each row of a bulk delete (a snapshot's, a summary's) to send it a signal. Deletes that
    # matter are the organisation's (the admin) and plans'; facts go through the imports.
    for model in [*apps.get_app_config("organisation").get_models(), *DELETES_WATCHED]:
        if isinstance(model, str):
            model = apps.get_model(model)
        if model._meta.label not in IGNORED:
            uid = f"kps.figure_cache.{model._meta.label}"
            post_delete.connect(_on_write, sender=model, dispatch_uid=uid)
    facts_imported.connect(_on_import, dispatch_uid="kps.figure_cache.import")
