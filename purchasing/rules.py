"""The rules of purchased care on plain values: when a referral is flagged, how close a ceiling is,
and how much a clinic needs to send. No database: the selectors feed them what they read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .choices import Flag

# A ceiling used to this share gives a warning; at 1 it is reached.
WARNING_SHARE = Decimal("0.8")


@dataclass(frozen=True)
class AgreementTerms:
    """What an agreement says that a referral is checked against."""

    id: int
    provider_code: str
    start: date
    last_day: date
    kva_codes: frozenset[str]
    care_area_ids: frozenset[int]
    clinic_ids: frozenset[int]

    def covers(self, kva_code: str, area_of: Callable[[str], int | None]) -> bool:
        """A procedure is covered when its code is listed or falls in a listed medical care area.

        An agreement that lists neither covers whatever the provider does.
        """
        if not self.kva_codes and not self.care_area_ids:
            return True
        code = kva_code.strip().upper()
        if not code:
            return False
        return code in self.kva_codes or area_of(code) in self.care_area_ids


def referral_flags(
    *,
    terms: AgreementTerms | None,
    provider_code: str,
    clinic_id: int,
    kva_code: str,
    sent: date,
    area_of: Callable[[str], int | None],
) -> list[Flag]:
    """Why a referral out does not keep to its agreement; empty when it does."""
    if terms is None:
        return [Flag.NO_AGREEMENT]
    flags = []
    if terms.provider_code != provider_code.upper():
        flags.append(Flag.OTHER_PROVIDER)
    if not terms.start <= sent <= terms.last_day:
        flags.append(Flag.ENDED)
    if not terms.covers(kva_code, area_of):
        flags.append(Flag.NOT_COVERED)
    if clinic_id not in terms.clinic_ids:
        flags.append(Flag.CLINIC)
    return flags


class CeilingLevel:
    OK = "ok"
    WARNING = "varning"
    REACHED = "nadd"


def ceiling_level(used: Decimal | int, ceiling: Decimal | int | None) -> str | None:
    """ok below 80 % of the ceiling, a warning from 80 %, reached at 100 %; None without a ceiling."""
    if ceiling is None or ceiling <= 0:
        return None
    share = Decimal(used) / Decimal(ceiling)
    if share >= 1:
        return CeilingLevel.REACHED
    if share >= WARNING_SHARE:
        return CeilingLevel.WARNING
    return CeilingLevel.OK


def volume_to_send(*, required_pace: float, plan_pace: float | None) -> float | None:
    """Patients a week to send elsewhere: what the relief pace asks beyond the clinic's planned
    capacity, never below nothing; unknown (None) without an approved plan to compare with."""
    if plan_pace is None:
        return None
    return max(0.0, required_pace - plan_pace)
