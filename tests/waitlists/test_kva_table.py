"""The KVÅ level reads as a page: no zero rows, most waiting first, twenty-five a page, the no-code row explained."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from waitlists import views

pytestmark = pytest.mark.django_db


def row(key, waiting, month_end=0):
    return {"key": key, "label": key or "Utan KVÅ-kod", "waiting": waiting,
            "waiting_month_end": month_end}  # fmt: skip


def test_codes_nobody_waits_for_are_hidden_and_the_rest_paged():
    rows = [row("", 900)] + [row(f"K{n:03d}", 120 - n) for n in range(60)]
    rows += [row(f"Z{n:04d}", 0) for n in range(1000)] + [row("M0001", 0, month_end=3)]
    table = views._kva_table(RequestFactory().get("/", {"level": "kva"}), rows)
    assert table["hidden"] == 1000
    assert table["without_code"]["waiting"] == 900
    assert table["page"].paginator.count == 61  # the one waiting at the month's end is kept
    assert len(table["page"].object_list) == views.KVA_ROWS_PER_PAGE
    second = views._kva_table(RequestFactory().get("/", {"level": "kva", "sida": "3"}), rows)
    assert [r["key"] for r in second["page"].object_list][-1] == "M0001"
    assert second["query"] == "level=kva"


def test_the_kva_page_explains_the_row_without_a_code(client, qulturum_user, rules_snapshot):
    client.force_login(qulturum_user)
    html = client.get(reverse("waitlists:index"), {"level": "kva"}).content.decode()
    assert "väntande vars remiss inte anger någon planerad åtgärd" in html
    assert html.index("Utan KVÅ-kod *") < html.index("NFB49")
    assert "Koderna står i ordning efter antal väntande" in html
    # A bad page number is the first or last page, not an error.
    assert client.get(reverse("waitlists:index"), {"level": "kva", "sida": "x"}).status_code == 200
