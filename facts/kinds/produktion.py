"""produktion: Diver's weekly counts per unit and measure, the Diver outcome source.

A file replaces its (unit, week) pairs; measures mapped to one activity add up.
"""

from imports.kinds import Column, KindSpec, Loader
from imports.loading import STAGE, Context, table_name

from ..models import WeeklyOutcome
from . import Kind
from .columns import UNIT


def merge(cursor, context: Context) -> None:
    outcome = table_name(WeeklyOutcome)
    if context.replace:
        cursor.execute(
            f"DELETE FROM {outcome} WHERE source = 'diver' AND EXISTS (SELECT 1 FROM {STAGE} s "
            f"WHERE s.unit_id = {outcome}.unit_id AND s.week = {outcome}.week)"
        )
    # Several Diver measures may count as one activity: they add up.
    cursor.execute(
        f"INSERT INTO {outcome} (unit_id, activity_id, week, source, count) "
        f"SELECT unit_id, activity_id, week, 'diver', SUM(count) FROM {STAGE} WHERE true "
        f"GROUP BY unit_id, activity_id, week "
        f"ON CONFLICT (unit_id, activity_id, week, source) "
        f"DO UPDATE SET count = {outcome}.count + excluded.count"
    )


SPEC = KindSpec(
    Kind.PRODUKTION.value,
    "diver",
    (
        Column("vecka", "week", required=True, past=True),
        UNIT,
        Column("matt", "text", required=True, max_length=100),
        Column("antal", "decimal", required=True, low=0),
    ),
    Loader(
        columns=(
            ("line", "bigint"),
            ("week", "integer"),
            ("unit_id", "bigint"),
            ("activity_id", "bigint"),
            ("measure", "text"),
            ("count", "numeric"),
        ),
        renames={"vecka": "week", "matt": "measure", "antal": "count"},
        key=("week", "unit_id", "measure"),
        merge=merge,
    ),
    label=Kind.PRODUKTION.label,
    key=("vecka", "enhet_kod", "matt"),
    activity="measure",
    replaces=("vecka", "enhet_kod"),
    nightly=True,
)
