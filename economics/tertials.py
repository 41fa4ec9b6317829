"""The tertial a KPP row counts in: one definition for the DRG figures and the assignments' follow-up.

A director reads both on the same dashboards, so a row must fall in the same tertial in
each (DOMAIN.md: T1 January–April, T2 May–August, T3 September–December):

- an outpatient row in the tertial of its contact; a row whose contact is not (or no
  longer) among the imported contacts is ``NO_CONTACT`` (the DRG figures count it apart,
  the follow-up leaves it out);
- an inpatient row in the tertial of its episode's discharge; ``YEAR_ONLY`` (in the year,
  in no tertial) when the episode is not known or has no discharge yet.

``economics.summary`` (and the direct read of the KPP rows beside it) and
``economics.assignment.selectors`` both build their SQL from ``row_tertial``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection

from facts.choices import OutcomeSource
from facts.selectors import rows as facts_rows
from facts.selectors.sql import table
from inpatient import selectors as inpatient_selectors

from .choices import CareForm

NO_CONTACT = -1  # an outpatient row whose contact is not (or no longer) among the contacts
YEAR_ONLY = 0  # an inpatient row whose episode is not known: in the year, in no tertial


def _month_sql(column: str) -> str:
    if connection.vendor == "sqlite":
        return f"CAST(strftime('%%m', {column}) AS INTEGER)"
    return f"EXTRACT(MONTH FROM {column})"


def _tertial_sql(column: str) -> str:
    month = _month_sql(column)
    return f"CASE WHEN {month} <= 4 THEN 1 WHEN {month} <= 8 THEN 2 ELSE 3 END"


@dataclass(frozen=True)
class RowTertial:
    """The SQL of a KPP row's tertial: ``expression`` (1–3, ``NO_CONTACT`` or ``YEAR_ONLY``) for
    the SELECT, and the ``joins`` it reads, which add the row's contact as ``c`` and its
    episode as ``e`` (at most one each: both are unique per source and id)."""

    expression: str
    expression_params: list
    joins: str
    join_params: list


def row_tertial(kpp: str = "k") -> RowTertial:
    """The tertial of the KPP row aliased ``kpp`` (see the module's rules)."""
    contact = table(facts_rows.contacts().model)
    episode = table(inpatient_selectors.episodes().model)
    cosmic = OutcomeSource.COSMIC
    return RowTertial(
        expression=(
            f"CASE WHEN {kpp}.care_form = %s AND c.id IS NULL THEN {NO_CONTACT} "
            f"WHEN c.id IS NOT NULL THEN {_tertial_sql('c.date')} "
            f"WHEN e.discharge_date IS NOT NULL THEN {_tertial_sql('e.discharge_date')} "
            f"ELSE {YEAR_ONLY} END"
        ),
        expression_params=[CareForm.OUTPATIENT],
        joins=(
            f"LEFT JOIN {contact} c ON {kpp}.care_form = %s AND c.source = %s "
            f"AND c.contact_id = {kpp}.contact_id "
            f"LEFT JOIN {episode} e ON {kpp}.care_form = %s AND e.source = %s "
            f"AND e.episode_id = {kpp}.contact_id"
        ),
        join_params=[CareForm.OUTPATIENT, cosmic, CareForm.INPATIENT, cosmic],
    )
