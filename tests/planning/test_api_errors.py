"""The plan API's 409s in the one error body, keeping the fields the grid reads."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tests.api.test_errors import assert_error_body

pytestmark = pytest.mark.django_db


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_a_stale_save_is_a_409_with_the_changes_in_the_one_body(
    draft, unit, activities, kps_leader, kps_admin
):
    url = reverse("planversion-cells", kwargs={"pk": draft.pk})
    cell = {"unit": unit.id, "activity": activities["lak-ny"].id, "week": 202610, "volume": 2}
    assert (
        client_for(kps_leader)
        .post(url, {"revision": 0, "cells": [cell]}, format="json")
        .status_code
        == 200
    )
    body = assert_error_body(
        client_for(kps_admin).post(url, {"revision": 0, "cells": [cell]}, format="json"), 409
    )
    assert body["code"] == "plan_conflict" and body["current_revision"] == 1
    assert [(c["week"], c["new"]) for c in body["changes"]] == [(202610, 2.0)]


def test_a_locked_version_is_a_409_in_the_one_body(draft, kps_leader):
    api = client_for(kps_leader)
    url = reverse("planversion-submit", kwargs={"pk": draft.pk})
    assert api.post(url).status_code == 200
    body = assert_error_body(api.post(url), 409)
    assert body["code"] == "plan_locked" and body["detail"] == "Bara ett utkast kan skickas in."


def test_a_bad_cell_names_the_item_and_field_in_errors(draft, unit, activities, kps_leader):
    url = reverse("planversion-cells", kwargs={"pk": draft.pk})
    cell = {"unit": unit.id, "activity": activities["lak-ny"].id, "week": 202610, "volume": "tolv"}
    body = assert_error_body(
        client_for(kps_leader).post(url, {"revision": 0, "cells": [cell]}, format="json"), 400
    )
    assert list(body["errors"]) == ["cells.0.volume"] and "är inget tal" in body["detail"]
