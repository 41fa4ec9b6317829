"""The demo's referrals out: long waiters of the clinics with an agreement, sent under its code,
upserted from sent to performed in a later month's file, with a cost only when performed."""

from __future__ import annotations

from datetime import date

from demo.purchasing import AGREEMENTS

from .conftest import UNTIL, read_rows


def test_referrals_out_follow_their_agreements_and_move_from_sent_to_performed(small_region):
    codes = {f"{a.base}-{year}" for a in AGREEMENTS for year in (2026, 2027)}
    rows = [row for path in small_region.of_kind("kopt_vard") for row in read_rows(path)]
    assert len({r["uppdrag_id"] for r in rows}) >= 10
    final = {}
    for row in rows:
        assert row["avtal_kod"] in codes and row["fas"] == "2"
        sent = date.fromisoformat(row["skickad_datum"])
        assert row["avtal_kod"].endswith(str(sent.year)) and sent < UNTIL
        if row["status"] == "UTFORD":
            assert date.fromisoformat(row["utford_datum"]) > sent
        else:
            assert row["utford_datum"] == "" and row["kostnad"] == ""
        final[row["uppdrag_id"]] = row["status"]
    statuses = set(final.values())
    assert "UTFORD" in statuses and "AVBRUTEN" in statuses
    # Sent one month, performed in a later one: the referral comes twice.
    assert len(rows) > len(final)


def test_the_agreements_ceilings_show_one_within_one_warned_and_one_reached(db):
    from demo.purchasing import demo_purchasing_build
    from demo.region import region_spec
    from demo.services import demo_region_build
    from organisation.models import Unit
    from purchasing.models import Agreement, PurchasedReferral
    from purchasing.selectors import agreements_use

    demo_region_build(spec=region_spec(units=None))
    units = {code: Unit.objects.filter(clinic__code=code).first() for code in ("ORT", "OGO", "KIK")}
    for clinic, code, n in (("ORT", "ORT-RORELSE-2026", 43), ("OGO", "OGON-KATARAKT-2026", 30),
                            ("KIK", "KIR-DAG-2026", 22)):  # fmt: skip
        PurchasedReferral.objects.bulk_create(
            PurchasedReferral(source="cosmic", referral_id=f"{code}-{i}", unit=units[clinic],
                              provider_code="X", agreement_code=code, phase=2,
                              sent_date=date(2026, 5, 1), status="SKICKAD")
            for i in range(n)
        )  # fmt: skip
    assert demo_purchasing_build(years=[2025, 2026]) == 6
    levels = {
        u.agreement.code: u.volume_level
        for u in agreements_use(agreements=list(Agreement.objects.filter(code__endswith="2026")))
    }
    assert levels == {
        "ORT-RORELSE-2026": "varning",
        "OGON-KATARAKT-2026": "nadd",
        "KIR-DAG-2026": "ok",
    }
    assert demo_purchasing_build(years=[2025, 2026]) == 6  # again: nothing new
    assert Agreement.objects.get(code="KIR-DAG-2026").versions.count() == 1
