"""What a cell edit is, and how typed or pasted text becomes one (or a Swedish error message)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _

from organisation.calendar import weeks_in_year

# Volumes are stored with two decimals; a week of one activity in one unit never nears this.
MAX_VOLUME = Decimal("99999999")
# One request may carry a whole clinic's year, but not unbounded input.
MAX_CELLS_PER_SAVE = 50_000
_BLANKS = re.compile(r"[\s\u00a0\u202f']")
_WEEK = re.compile(r"^\s*(\d{4})\s*-?\s*W\s*(\d{1,2})\s*$", re.IGNORECASE)
CENT = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class CellEdit:
    """The new volume of one cell; ``volume`` None removes the value."""

    unit_id: int
    activity_id: int
    week: int
    volume: Decimal | None

    @property
    def key(self) -> tuple[int, int, int]:
        return (self.unit_id, self.activity_id, self.week)


class CellError(ValueError):
    """A value that cannot be a planned volume; the message is for the user."""


def parse_volume(value) -> Decimal | None:
    """A planned volume from what a user typed, pasted or sent: numbers, "12,5", "1 234", or empty.

    Accepts the Swedish decimal comma and blanks as thousands separators, as
    Excel copies them; rounds to two decimals.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise CellError(_("Ett sant/falskt-värde är inget tal."))
    if isinstance(value, int | float | Decimal):
        text = str(value)
    elif isinstance(value, str):
        text = _BLANKS.sub("", value).replace(",", ".")
        if text == "":
            return None
    else:
        raise CellError(_("Värdet är inget tal."))
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise CellError(_("”%(value)s” är inget tal.") % {"value": str(value)[:40]}) from None
    if not number.is_finite():
        raise CellError(_("”%(value)s” är inget tal.") % {"value": str(value)[:40]})
    if number < 0:
        raise CellError(_("En planerad volym kan inte vara negativ."))
    if number > MAX_VOLUME:
        raise CellError(_("%(value)s är för stort för en veckovolym.") % {"value": str(value)[:40]})
    return number.quantize(CENT, rounding=ROUND_HALF_UP)


def parse_week_key(value) -> int:
    """A week key from 202605, "202605" or "2026-W05", not yet checked against any year."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str):
        if value.strip().isdigit():
            return int(value)
        match = _WEEK.match(value)
        if match:
            return int(match.group(1)) * 100 + int(match.group(2))
    raise CellError(
        _("”%(value)s” är ingen vecka (skriv t.ex. 2026-W05).") % {"value": str(value)[:40]}
    )


def parse_week(value, *, year: int) -> int:
    """A week key of the plan's year from 202605, "202605" or "2026-W05"."""
    week_year, week = divmod(parse_week_key(value), 100)
    if week_year != year:
        raise CellError(
            _("Vecka %(week)s hör inte till planens år %(year)s.")
            % {"week": f"{week_year}-W{week:02d}", "year": year}
        )
    if not 1 <= week <= weeks_in_year(year):
        raise CellError(
            _("Vecka %(week)s finns inte: %(year)s har %(weeks)s veckor.")
            % {"week": week, "year": year, "weeks": weeks_in_year(year)}
        )
    return week_year * 100 + week


def week_keys(year: int) -> list[int]:
    return [year * 100 + w for w in range(1, weeks_in_year(year) + 1)]


def _id(value) -> int:
    if (
        isinstance(value, bool)
        or not isinstance(value, int | str)
        or not str(value).strip().isdigit()
    ):
        raise CellError(_("Ange ett id (ett heltal)."))
    return int(value)


def cells_from_payload(items) -> tuple[list[CellEdit], dict[int, dict[str, list[str]]]]:
    """Cell edits from a JSON list of {unit, activity, week, volume}, and the errors by item.

    Done by hand rather than with a serializer per item: a full year is
    hundreds of cells, and field-by-field serializer validation of them
    costs more than the whole database write.
    """
    edits: list[CellEdit] = []
    errors: dict[int, dict[str, list[str]]] = {}
    if not isinstance(items, list):
        return [], {0: {"cells": [_("Ange cellerna som en lista.")]}}
    if len(items) > MAX_CELLS_PER_SAVE:
        return [], {
            0: {
                "cells": [
                    _("En sparning får innehålla högst %(max)s celler.")
                    % {"max": MAX_CELLS_PER_SAVE}
                ]
            }
        }
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            errors[index] = {"cell": [_("Varje cell anges med unit, activity, week och volume.")]}
            continue
        parsed, problems = {}, {}
        for field, parse in (
            ("unit", _id),
            ("activity", _id),
            ("week", parse_week_key),
            ("volume", parse_volume),
        ):
            if field not in item:
                problems[field] = [_("Fältet saknas.")]
                continue
            try:
                parsed[field] = parse(item[field])
            except CellError as error:
                problems[field] = [str(error)]
        if problems:
            errors[index] = problems
        else:
            edits.append(
                CellEdit(parsed["unit"], parsed["activity"], parsed["week"], parsed["volume"])
            )
    return edits, errors
