"""Medical care areas: seeded from the KVÅ chapters, editable, resolved by the longest prefix."""

from pathlib import Path

import pytest

from facts.models import WaitingEntry
from waitlists.care_areas import CareAreaResolver, kva_chapters, kva_classification
from waitlists.models import MedicalCareArea
from waitlists.selectors.common import care_area_q, care_area_resolver

KVA_DIR = Path(__file__).resolve().parents[2] / "demo" / "data" / "kva"


def test_the_shape_of_a_code_tells_the_classification():
    assert kva_classification("NFB49") == "kka"
    assert kva_classification("ZXA10") == "kka"
    assert kva_classification("DV056") == "kma"
    assert kva_classification(" aa001 ") == "kma"
    assert kva_classification("N") is None


def test_the_chapter_files_give_every_chapter_of_both_classifications():
    chapters = kva_chapters(KVA_DIR)
    assert ("kka", "N", "Operationer på rörelseapparaten") in chapters
    assert ("kma", "D", "Behandling, anatomiskt perspektiv") in chapters
    assert (
        len([c for c in chapters if c[0] == "kka"]) == 20
    )  # A–Z with gaps, Z the additional codes


@pytest.mark.django_db
def test_the_migration_seeds_one_area_per_chapter():
    assert MedicalCareArea.objects.count() == len(kva_chapters(KVA_DIR))
    area = MedicalCareArea.objects.get(code="kka-n")
    assert area.name == "Operationer på rörelseapparaten (KKÅ N)"
    assert list(area.codes.values_list("classification", "prefix")) == [("kka", "N")]


def test_the_longest_prefix_of_the_codes_own_classification_wins():
    resolver = CareAreaResolver(
        [("kka", "N", 1), ("kka", "NFB", 2), ("kma", "A", 3), ("kka", "A", 4)]
    )
    assert resolver.area_of("NFB49") == 2
    assert resolver.area_of("NGB49") == 1
    assert resolver.area_of("AA001") == 3  # a medical code, though surgical chapter A also matches
    assert resolver.area_of("AAA00") == 4
    assert resolver.area_of("QQ999") is None


@pytest.mark.django_db
def test_the_database_filter_agrees_with_the_resolver(org):
    hips = MedicalCareArea.objects.create(code="hoft", name="Höft")
    hips.codes.create(classification="kka", prefix="NFB")
    codes = ["NFB49", "NFB39", "NGB49", "AA001", "AAA00", "DV056", "ZXA10", ""]
    WaitingEntry.objects.bulk_create(
        WaitingEntry(
            source="t", snapshot_date="2026-10-31", waiting_id=c or "none", unit=org.units[0],
            phase=2, kva_code=c, decision_date="2026-10-01",
        )
        for c in codes
    )  # fmt: skip
    resolver = care_area_resolver()
    for area in MedicalCareArea.objects.all():
        in_database = set(
            WaitingEntry.objects.filter(care_area_q(area.id)).values_list("kva_code", flat=True)
        )
        assert in_database == {c for c in codes if c and resolver.area_of(c) == area.id}, area.name
