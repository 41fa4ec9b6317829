"""The live server's request threads each get their own database connection."""

import pytest
from django.db import connection


@pytest.mark.django_db
def test_on_sqlite_the_test_database_is_a_file_not_shared_memory():
    # In memory, the threads would share one connection, which hung pages loading charts in parallel.
    if connection.vendor != "sqlite":
        pytest.skip("only SQLite has an in-memory test database")
    name = str(connection.settings_dict["NAME"])
    assert not connection.is_in_memory_db(), name
    assert name.endswith("test.sqlite3")
