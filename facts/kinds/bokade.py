"""bokade: the booking book on one day, contacts booked for future days.

A file replaces the whole snapshot of its source and day.
"""

from imports.kinds import Column, KindSpec, Loader
from imports.loading import STAGE, Context, table_name, upsert

from ..models import Booking
from . import Kind
from .columns import CONTACT_TYPE, FAS, PROFESSION, UNIT


def merge(cursor, context: Context) -> None:
    if context.replace:
        cursor.execute(
            f"DELETE FROM {table_name(Booking)} WHERE source = %s AND snapshot_date = %s",
            [context.source, context.snapshot_date],
        )
    columns = [
        "source",
        "snapshot_date",
        "booking_id",
        "booked_date",
        "week",
        "unit_id",
        "activity_id",
        "phase",
        "contact_type",
        "profession",
    ]
    upsert(
        cursor,
        Booking,
        columns,
        "SELECT %s, %s, booking_id, booked_date, week, unit_id, activity_id, phase, contact_type, "
        f"COALESCE(profession, '') FROM {STAGE} WHERE true",
        ["source", "snapshot_date", "booking_id"],
        [context.source, context.snapshot_date],
    )


SPEC = KindSpec(
    Kind.BOKADE.value,
    "cosmic",
    (
        Column("matdatum", "date", required=True, past=True),
        Column("bokning_id", "text", required=True),
        Column("bokad_datum", "date", required=True, week=True),
        UNIT,
        FAS,
        CONTACT_TYPE,
        PROFESSION,
    ),
    Loader(
        columns=(
            ("line", "bigint"),
            ("booking_id", "text"),
            ("booked_date", "date"),
            ("week", "integer"),
            ("unit_id", "bigint"),
            ("activity_id", "bigint"),
            ("phase", "integer"),
            ("contact_type", "text"),
            ("profession", "text"),
        ),
        renames={
            "bokning_id": "booking_id",
            "bokad_datum": "booked_date",
            "bokad_datum__week": "week",
            "fas": "phase",
            "kontakttyp": "contact_type",
            "yrkeskategori": "profession",
        },
        key=("booking_id",),
        merge=merge,
    ),
    label=Kind.BOKADE.label,
    key=("bokning_id",),
    activity="contact",
    snapshot="matdatum",
    nightly=True,
)
