"""Moving the fact models to ``facts`` changed the migration state only: no table moved, no row was lost."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from facts.models import Contact, KvaCode, Population, StaffHours
from tests import factories

# The last migration of each app before the move.
BEFORE = [
    ("followup", "0005_approved_plan_week"),
    ("planning", "0004_cell_storage"),
    ("waitlists", "0006_referral_indexes"),
    ("facts", None),
]
AFTER = [
    ("followup", "0006_facts_moved"),
    ("planning", "0005_facts_moved"),
    # The latest, so that the tables made after the move come back too.
    ("waitlists", "0008_region_reports"),
]
# Tables made after the move, absent before it.
LATER = {"waitlists_regionreportrow"}


def _migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def test_the_fact_tables_keep_their_names():
    assert Contact._meta.db_table == "followup_contact"
    assert StaffHours._meta.db_table == "planning_staffhours"
    assert KvaCode._meta.db_table == "waitlists_kvacode"


@pytest.mark.django_db(transaction=True)
def test_migrating_back_and_forth_keeps_the_rows():
    unit = factories.make_org().units[0]
    StaffHours.objects.create(unit=unit, week=202605, profession="LAK", hours=40)
    Population.objects.create(year=2026, county_code="01", count=100)
    tables = set(connection.introspection.table_names())
    try:
        _migrate(BEFORE)
        assert set(connection.introspection.table_names()) == tables - LATER
        with connection.cursor() as cursor:
            cursor.execute("SELECT hours FROM planning_staffhours")
            assert [float(r[0]) for r in cursor.fetchall()] == [40.0]
    finally:
        _migrate(AFTER)
    assert set(connection.introspection.table_names()) == tables
    assert StaffHours.objects.get().hours == 40
    assert Population.objects.get().count == 100
