"""Reference data from the database, by plain SQL: what is not in the extracts.

Which platform unit a source's unit code is, which clinic and area own a unit,
the editable rules that map a contact or a Diver measure to an activity, and
the cells of the approved plans (plans are made in the platform, not
extracted). No model, selector or service of the project is used.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


def _query(connection, sql: str, columns: list[str]) -> pd.DataFrame:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return pd.DataFrame(cursor.fetchall(), columns=columns)


@dataclass
class Reference:
    units: pd.DataFrame  # unit_id, unit_code, clinic_id, clinic, area_id, area
    codes: dict[str, dict[str, int]]  # source -> source's unit code -> unit id
    rules: dict[
        tuple[int, str, str], int
    ]  # (fas, kontakttyp, yrkeskategori) -> activity id; "" matches any
    measures: dict[str, int]  # Diver's measure name -> activity id
    activities: dict[int, str]
    plan: pd.DataFrame  # unit_id, activity_id, week, volume: the approved versions' cells

    def activity_of(self, fas: int, kontakttyp: str, yrkeskategori: str) -> int | None:
        """The most specific rule wins: both named, then contact type, then profession, then neither."""
        for key in (
            (fas, kontakttyp, yrkeskategori),
            (fas, kontakttyp, ""),
            (fas, "", yrkeskategori),
            (fas, "", ""),
        ):
            if key in self.rules:
                return self.rules[key]
        return None


def read_reference(connection) -> Reference:
    units = _query(
        connection,
        "SELECT u.id, u.code, c.id, c.name, a.id, a.name FROM organisation_unit u "
        "JOIN organisation_clinic c ON c.id = u.clinic_id JOIN organisation_area a ON a.id = c.area_id",
        ["unit_id", "unit_code", "clinic_id", "clinic", "area_id", "area"],
    )
    codes: dict[str, dict[str, int]] = {}
    for source, code, unit in _query(
        connection,
        "SELECT source, code, unit_id FROM organisation_unitsourcecode",
        ["source", "code", "unit"],
    ).itertuples(index=False):
        codes.setdefault(source, {})[code] = int(unit)
    rules = {
        (int(phase), contact_type or "", profession or ""): int(activity)
        for phase, contact_type, profession, activity in _query(
            connection,
            "SELECT phase, contact_type, profession, activity_id FROM organisation_contactactivityrule",
            ["phase", "contact_type", "profession", "activity"],
        ).itertuples(index=False)
    }
    measures = dict(
        _query(
            connection, "SELECT measure, activity_id FROM organisation_measuremapping", ["m", "a"]
        ).itertuples(index=False)
    )
    activities = dict(
        _query(connection, "SELECT id, name FROM organisation_activity", ["id", "name"]).itertuples(
            index=False
        )
    )
    # The cells that count: those of each plan's approved version (a superseded one no longer does),
    # of production activities: a ward's staffed beds, planned in the same plan, are no production.
    plan = _query(
        connection,
        "SELECT pc.unit_id, pc.activity_id, pc.week, pc.volume FROM planning_plancell pc "
        "JOIN planning_planversion pv ON pv.id = pc.version_id "
        "JOIN organisation_activity a ON a.id = pc.activity_id "
        "WHERE pv.status = 'approved' AND a.code <> 'disponibla-vardplatser'",
        ["unit_id", "activity_id", "week", "volume"],
    )
    plan["volume"] = plan["volume"].astype(float)
    plan[["unit_id", "activity_id", "week"]] = plan[["unit_id", "activity_id", "week"]].astype(int)
    return Reference(
        units=units,
        codes=codes,
        rules=rules,
        measures={str(k): int(v) for k, v in measures.items()},
        activities={int(k): v for k, v in activities.items()},
        plan=plan,
    )
