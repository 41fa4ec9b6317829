"""The plan API: plans, versions, cells, saves with 409 on a stale revision, status changes, schema."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from planning import services
from planning.models import PlanCell, PlanSave, PlanStatus

from .conftest import YEAR

pytestmark = pytest.mark.django_db


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def cells_url(version):
    return reverse("planversion-cells", kwargs={"pk": version.pk})


def test_a_kps_leader_creates_a_plan_and_saves_a_full_year_in_one_request(
    clinic, unit, activities, kps_leader
):
    api = client_for(kps_leader)
    response = api.post(reverse("plan-list"), {"clinic": clinic.id, "year": YEAR}, format="json")
    assert response.status_code == 201, response.content
    version_id = response.json()["versions"][0]["id"]
    rows = list(activities.values())[:13]
    cells = [
        {"unit": unit.id, "activity": a.id, "week": f"{YEAR}-W{w:02d}", "volume": w % 7}
        for a in rows
        for w in range(1, 54)
    ]
    response = api.post(
        reverse("planversion-cells", kwargs={"pk": version_id}),
        {"revision": 0, "cells": cells},
        format="json",
    )
    assert response.status_code == 200, response.content
    # Zero is a planned volume too, so every one of the 13 × 53 cells is stored.
    assert response.json() == {"revision": 1, "changed": 13 * 53}
    stored = api.get(
        reverse("planversion-cells", kwargs={"pk": version_id}), {"unit": unit.id}
    ).json()
    assert len(stored) == 13 * 53
    assert {"unit": unit.id, "activity": rows[0].id, "week": 202653, "volume": 4.0} in stored


def test_a_save_based_on_an_old_revision_gets_409_with_what_changed_meanwhile(
    draft, unit, activities, kps_leader, kps_admin
):
    row = activities["lak-ny"].id
    first = client_for(kps_leader).post(
        cells_url(draft),
        {
            "revision": 0,
            "cells": [{"unit": unit.id, "activity": row, "week": 202610, "volume": "12,5"}],
        },
        format="json",
    )
    assert first.status_code == 200
    second = client_for(kps_admin).post(
        cells_url(draft),
        {"revision": 0, "cells": [{"unit": unit.id, "activity": row, "week": 202611, "volume": 3}]},
        format="json",
    )
    assert second.status_code == 409
    body = second.json()
    assert body["current_revision"] == 1
    assert "Ingenting av ditt sparades" in body["detail"]
    assert [(c["week"], c["old"], c["new"], c["user"]) for c in body["changes"]] == [
        (202610, None, 12.5, kps_leader.get_full_name())
    ]
    assert PlanCell.objects.count() == 1


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ({"volume": "tolv"}, "är inget tal"),
        ({"volume": -1}, "negativ"),
        ({"week": "2026-W54"}, "finns inte"),
        ({"week": "vecka 5"}, "ingen vecka"),
        ({"activity": 999999}, "Okänd aktivitet"),
    ],
)
def test_bad_cells_get_a_swedish_400_and_nothing_is_saved(
    draft, unit, activities, kps_leader, cell, message
):
    payload = {
        "unit": unit.id,
        "activity": activities["lak-ny"].id,
        "week": 202605,
        "volume": 1,
        **cell,
    }
    response = client_for(kps_leader).post(
        cells_url(draft), {"revision": 0, "cells": [payload]}, format="json"
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not PlanCell.objects.exists() and not PlanSave.objects.exists()


def test_malformed_requests_are_400_not_500(draft, kps_leader):
    api = client_for(kps_leader)
    assert api.post(cells_url(draft), {"cells": []}, format="json").status_code == 400
    assert (
        api.post(cells_url(draft), {"revision": "x", "cells": "y"}, format="json").status_code
        == 400
    )
    assert (
        api.post(cells_url(draft), "not json", content_type="application/json").status_code == 400
    )
    assert api.get(reverse("plan-list"), {"year": "abc"}).status_code == 400
    assert api.get(cells_url(draft), {"unit": "abc"}).status_code == 404


def test_status_changes_through_the_api(draft, kps_leader, clinic_manager):
    leader, manager = client_for(kps_leader), client_for(clinic_manager)
    url = lambda name: reverse(f"planversion-{name}", kwargs={"pk": draft.pk})  # noqa: E731
    assert leader.post(url("approve")).status_code == 403
    assert leader.post(url("submit")).json()["status"] == PlanStatus.SUBMITTED
    assert leader.post(url("submit")).status_code == 409
    assert manager.post(url("approve")).json()["status"] == PlanStatus.APPROVED
    assert manager.post(url("reopen"), {}, format="json").status_code == 400
    refused = manager.post(url("reopen"), {"reason": "Gäller 19121212-1212"}, format="json")
    assert refused.status_code == 400 and "ser ut som ett personnummer" in str(refused.json())
    response = manager.post(url("reopen"), {"reason": "Ny bemanning"}, format="json")
    assert response.status_code == 200
    assert (response.json()["number"], response.json()["status"]) == (2, PlanStatus.DRAFT)


def test_readers_read_but_cannot_write(draft, unit, activities, clinic_manager, qulturum_user):
    for user in (clinic_manager, qulturum_user):
        api = client_for(user)
        assert api.get(cells_url(draft)).status_code == 200
        response = api.post(
            cells_url(draft),
            {
                "revision": 0,
                "cells": [
                    {
                        "unit": unit.id,
                        "activity": activities["lak-ny"].id,
                        "week": 202601,
                        "volume": 1,
                    }
                ],
            },
            format="json",
        )
        assert response.status_code == 403
        assert (
            api.post(
                reverse("plan-list"),
                {"clinic": draft.plan.clinic_id, "year": YEAR + 1},
                format="json",
            ).status_code
            == 403
        )


def test_other_clinics_plans_are_invisible(org, draft, kps_admin):
    from tests.factories import make_user

    other_leader = make_user("annan", "kps_leader", clinic=org.clinics[2])
    api = client_for(other_leader)
    assert api.get(reverse("plan-list")).json()["results"] == []
    assert api.get(cells_url(draft)).status_code == 404
    assert api.post(reverse("planversion-submit", kwargs={"pk": draft.pk})).status_code == 404
    assert (
        api.post(
            reverse("plan-list"), {"clinic": draft.plan.clinic_id, "year": YEAR + 1}, format="json"
        ).status_code
        == 403
    )


def test_history_and_capacity_endpoints(draft, unit, activities, kps_leader):
    services.plan_create  # noqa: B018 - the draft fixture made the plan
    api = client_for(kps_leader)
    api.post(
        cells_url(draft),
        {
            "revision": 0,
            "cells": [
                {
                    "unit": unit.id,
                    "activity": activities["operation"].id,
                    "week": 202605,
                    "volume": 4,
                }
            ],
        },
        format="json",
    )
    saves = api.get(reverse("planversion-saves", kwargs={"pk": draft.pk})).json()
    assert [(s["revision"], s["changed"], s["source"]) for s in saves] == [(1, 1, "api")]
    changes = api.get(reverse("planversion-changes", kwargs={"pk": draft.pk})).json()["results"]
    assert changes[0]["new"] == 4.0
    capacity = api.get(
        reverse("planversion-capacity", kwargs={"pk": draft.pk}), {"unit": unit.id}
    ).json()
    # 4 operations × 90 minutes, with no HR hours for doctors at all: HR-uppgift saknas, not red.
    assert capacity == [
        {
            "period": 1,
            "profession": "LAK",
            "needed": 6.0,
            "available": None,
            "ratio": None,
            "light": "missing",
        }
    ]


def test_the_change_log_pages_past_two_thousand_changes_with_next_links(
    draft, unit, activities, kps_leader
):
    api = client_for(kps_leader)
    rows = list(activities.values())
    cells = [
        {"unit": unit.id, "activity": a.id, "week": f"{YEAR}-W{w:02d}", "volume": w}
        for a in rows
        for w in range(1, 53)
    ]
    saves = 2000 // len(cells) + 1
    revision = 0
    for shift in range(saves):
        payload = [dict(c, volume=c["volume"] + shift) for c in cells]
        revision = api.post(
            cells_url(draft), {"revision": revision, "cells": payload}, format="json"
        ).json()["revision"]
    expected = saves * len(cells)
    assert expected > 2000
    url, seen = reverse("planversion-changes", kwargs={"pk": draft.pk}), []
    while url:
        body = api.get(url).json()
        assert body["count"] == expected
        seen.extend((c["revision"], c["activity"], c["week"], c["new"]) for c in body["results"])
        url = body["next"]
    assert len(seen) == expected
    assert set(seen) == {
        (shift + 1, a.id, YEAR * 100 + w, float(w + shift))
        for shift in range(saves)
        for a in rows
        for w in range(1, 53)
    }


def test_the_openapi_schema_documents_the_plan_endpoints(kps_leader):
    response = client_for(kps_leader).get(reverse("api-schema"), {"format": "json"})
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in (
        "/api/v1/plans/",
        "/api/v1/plan-versions/{id}/cells/",
        "/api/v1/plan-versions/{id}/submit/",
        "/api/v1/plan-versions/{id}/approve/",
        "/api/v1/plan-versions/{id}/reopen/",
        "/api/v1/plan-versions/{id}/capacity/",
    ):
        assert path in paths
    assert "409" in paths["/api/v1/plan-versions/{id}/cells/"]["post"]["responses"]
    changes = paths["/api/v1/plan-versions/{id}/changes/"]["get"]
    assert {"limit", "offset", "since"} <= {p["name"] for p in changes["parameters"]}
    page = changes["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].rsplit(
        "/", 1
    )[-1]
    assert {"count", "next", "results"} <= set(
        response.json()["components"]["schemas"][page]["properties"]
    )
