"""The data-quality page: held rows grouped by the mapping they wait for, and re-processing them."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from facts.models import Contact, WeeklyOutcome
from imports.models import HeldRow, RejectedRow
from imports.reports import held_row_groups
from imports.services import import_file
from organisation.models import UnitSourceCode
from tests.imports_web.extracts import KONTAKTER_COLUMNS, PRODUKTION_COLUMNS, contact, write_extract

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(cosmic_units, tmp_path):
    """Three contacts for an unknown unit over two files, one unmapped combination, one unknown measure."""
    import_file(
        path=write_extract(tmp_path / "kontakter_cosmic_20260306.csv", KONTAKTER_COLUMNS, [
            contact("K1", "C1"), contact("K2", "C9"), contact("K3", "C9", fas=4),
            contact("K4", "C1", fas=1, profession="USK"),
        ]),
        started_by="test",
    )  # fmt: skip
    import_file(
        path=write_extract(
            tmp_path / "kontakter_cosmic_20260307.csv", KONTAKTER_COLUMNS, [contact("K5", "C9")]
        ),
        started_by="test",
    )
    import_file(
        path=write_extract(tmp_path / "produktion_diver_20260309.csv", PRODUKTION_COLUMNS, [
            {"vecka": "2026-W10", "enhet_kod": "D1", "matt": "Läkarbesök ny", "antal": "4"},
            {"vecka": "2026-W10", "enhet_kod": "D1", "matt": "Gruppbesök", "antal": "2,5"},
        ]),
        started_by="test",
    )  # fmt: skip
    return cosmic_units


def test_held_rows_are_grouped_by_source_kind_and_code_with_counts_and_files(held):
    groups = {(g.source, g.kind, g.reason, g.code): (g.rows, g.files) for g in held_row_groups()}
    assert groups == {
        ("cosmic", "kontakter", "unit", "C9"): (
            3, ("kontakter_cosmic_20260306.csv", "kontakter_cosmic_20260307.csv")),
        ("cosmic", "kontakter", "activity", "1/BESOK/USK"): (1, ("kontakter_cosmic_20260306.csv",)),
        ("diver", "produktion", "measure", "Gruppbesök"): (1, ("produktion_diver_20260309.csv",)),
    }  # fmt: skip
    assert [g.rows for g in held_row_groups()] == [3, 1, 1]


def test_the_page_lists_the_groups_and_links_the_admin_form_filled_in(held, client_as):
    response = client_as("admin").get(reverse("imports:data_quality"))
    body = response.content.decode()
    assert "5 vilande rader" in body
    links = {
        urlsplit(url).path: parse_qs(urlsplit(url).query)
        for _group, url in response.context["rows"]
    }
    assert links == {
        reverse("admin:organisation_unitsourcecode_add"): {"source": ["cosmic"], "code": ["C9"]},
        reverse("admin:organisation_contactactivityrule_add"): {
            "phase": ["1"], "contact_type": ["BESOK"], "profession": ["USK"]},
        reverse("admin:organisation_measuremapping_add"): {"measure": ["Gruppbesök"]},
    }  # fmt: skip
    assert "Bearbeta om" in body
    # The admin's add form takes the code from the link.
    form = client_as("admin").get(
        reverse("admin:organisation_unitsourcecode_add") + "?source=cosmic&code=C9"
    )
    assert form.context["adminform"].form.initial == {"source": "cosmic", "code": "C9"}


def test_managers_see_the_groups_but_neither_links_nor_the_button(held, client_as):
    response = client_as("chef").get(reverse("imports:data_quality"))
    body = response.content.decode()
    assert "C9" in body and "Gruppbesök" in body
    assert "Bearbeta om" not in body
    assert all(url == "" for _group, url in response.context["rows"])


def test_after_mapping_the_unit_reprocess_brings_its_rows_in_and_says_how_many(
    held, client_as, org
):
    contacts_before = Contact.objects.count()
    UnitSourceCode.objects.create(unit=org.clinics[1].units.first(), source="cosmic", code="C9")

    response = client_as("admin").post(reverse("imports:reprocess"), follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "3 vilande rader lästes in; 2 vilar fortfarande."
    ]
    assert Contact.objects.count() == contacts_before + 3
    assert set(
        Contact.objects.filter(contact_id__in=["K2", "K3", "K5"]).values_list(
            "unit__clinic", flat=True
        )
    ) == {org.clinics[1].pk}
    assert sorted(HeldRow.objects.values_list("code", flat=True)) == ["1/BESOK/USK", "Gruppbesök"]
    # The weekly outcome follows: the new unit now has its three contacts counted.
    assert (
        sum(
            WeeklyOutcome.objects.filter(unit__clinic=org.clinics[1], source="cosmic").values_list(
                "count", flat=True
            )
        )
        == 3
    )
    assert "2 vilande rader" in response.content.decode()


def test_reprocess_without_new_mappings_brings_nothing_in(held, client_as):
    response = client_as("admin").post(reverse("imports:reprocess"), follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "0 vilande rader lästes in; 5 vilar fortfarande."
    ]
    assert HeldRow.objects.count() == 5


def test_a_personnummer_delivered_as_a_unit_code_is_never_shown(cosmic_units, tmp_path, client_as):
    rows = [contact(f"K{n}", "C1") for n in range(30)] + [contact("K99", "19121212-1212")]
    import_file(path=write_extract(tmp_path / "kontakter_cosmic_191212121212.csv", KONTAKTER_COLUMNS, rows),
                kind="kontakter", started_by="test")  # fmt: skip
    # Rejected, not held for mapping: a held row would keep the number until someone mapped it.
    assert HeldRow.objects.count() == 0
    assert list(RejectedRow.objects.values_list("line", "column")) == [(32, "enhet_kod")]

    for url in (reverse("imports:data_quality"), reverse("imports:index"), "/api/v1/imports/"):
        body = client_as("admin").get(url).content.decode()
        assert "1212" not in body, url
    # The file's name holds one too: the log shows it masked.
    assert "[dolt]" in client_as("admin").get(reverse("imports:index")).content.decode()
