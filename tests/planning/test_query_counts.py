"""Saving and opening the grid take the same number of queries for 1 cell as for a whole year."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from .conftest import YEAR

pytestmark = pytest.mark.django_db


def save_queries(api, version, cells, revision) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = api.post(
            reverse("planversion-cells", kwargs={"pk": version.id}),
            {"revision": revision, "cells": cells},
            format="json",
        )
    assert response.status_code == 200, response.content
    return len(queries)


def test_save_queries_do_not_grow_with_the_number_of_cells(draft, unit, activities, kps_leader):
    api = APIClient()
    api.force_authenticate(kps_leader)
    rows = list(activities.values())
    one = [{"unit": unit.id, "activity": rows[0].id, "week": YEAR * 100 + 1, "volume": 1}]
    year = [
        {"unit": unit.id, "activity": a.id, "week": YEAR * 100 + w, "volume": w}
        for a in rows
        for w in range(1, 54)
    ]
    changed = [{**c, "volume": c["volume"] + 1} for c in year]
    save_queries(api, draft, one, 0)
    full_create = save_queries(api, draft, year, 1)  # 688 new cells
    one_update = save_queries(api, draft, [{**one[0], "volume": 5}], 2)
    full_update = save_queries(api, draft, changed, 3)  # all 689 changed
    one_removed = save_queries(api, draft, [{**one[0], "volume": None}], 4)
    all_removed = save_queries(api, draft, [{**c, "volume": None} for c in changed], 5)
    if connection.vendor == "postgresql":
        # New and changed cells are one upsert, removed ones one DELETE: for 1 cell as for 689.
        assert one_update == full_update == full_create == one_removed == all_removed
    else:
        # SQLite caps the parameters of one statement, so Django splits big inserts into batches.
        assert full_update - one_update <= 8 and all_removed - one_removed <= 8


def test_grid_page_queries_do_not_grow_with_the_cells(client, draft, unit, activities, kps_leader):
    from planning import services
    from planning.cells import CellEdit

    client.force_login(kps_leader)
    url = reverse("planning:grid", args=[draft.id]) + f"?enhet={unit.id}"
    # The first page after login also stamps the session and asks which menu sections show.
    client.get(url)
    with CaptureQueriesContext(connection) as empty:
        assert client.get(url).status_code == 200
    cells = [
        CellEdit(unit.id, a.id, YEAR * 100 + w, w)
        for a in activities.values()
        for w in range(1, 54)
    ]
    services.plan_save_cells(version=draft, user=kps_leader, based_on_revision=0, cells=cells)
    with CaptureQueriesContext(connection) as full:
        assert client.get(url).status_code == 200
    assert len(full) == len(empty)
