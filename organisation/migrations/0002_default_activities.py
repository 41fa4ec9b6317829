"""The default activities, contact rules and Diver measure names a region starts from.

All are editable in the admin afterwards; the values are kept here (not
imported from app code) so the migration stays what it was when written.
"""

from django.db import migrations

ACTIVITIES = [
    # code, name, profession, minutes
    ("lak-ny", "Läkarbesök ny", "LAK", 40),
    ("lak-ater", "Läkarbesök åter", "LAK", 30),
    ("lak-telefon", "Telefonkontakt", "LAK", 15),
    ("lak-video", "Videobesök", "LAK", 25),
    ("operation", "Operation", "LAK", 90),
    ("undersokning", "Undersökning", "LAK", 30),
    ("akut", "Akutbesök", "LAK", 30),
    ("ssk-besok", "Sjuksköterskebesök", "SSK", 30),
    ("ssk-telefon", "Sjuksköterska telefon", "SSK", 10),
    ("bm-besok", "Barnmorskebesök", "BM", 30),
    ("paramed", "Paramedicinskt besök", "FYS", 45),
    ("skriftlig", "Skriftlig kontakt", "OVR", 10),
    ("vardtillfalle", "Vårdtillfälle", "LAK", 60),
]

RULES = [
    # fas, kontakttyp ('' = any), yrkeskategori ('' = any), activity code
    (1, "", "LAK", "lak-ny"),
    (4, "", "LAK", "lak-ater"),
    (1, "TELEFON", "LAK", "lak-telefon"),
    (4, "TELEFON", "LAK", "lak-telefon"),
    (1, "VIDEO", "LAK", "lak-video"),
    (4, "VIDEO", "LAK", "lak-video"),
    (2, "", "", "operation"),
    (3, "", "", "undersokning"),
    (5, "", "", "akut"),
    (1, "", "SSK", "ssk-besok"),
    (4, "", "SSK", "ssk-besok"),
    (1, "TELEFON", "SSK", "ssk-telefon"),
    (4, "TELEFON", "SSK", "ssk-telefon"),
    (1, "", "BM", "bm-besok"),
    (4, "", "BM", "bm-besok"),
    (1, "SKRIFTLIG", "", "skriftlig"),
    (4, "SKRIFTLIG", "", "skriftlig"),
] + [(fas, "", prof, "paramed") for fas in (1, 4) for prof in ("FYS", "ARB", "KUR", "PSY")]

MEASURES = [(name, code) for code, name, _, _ in ACTIVITIES if code != "vardtillfalle"] + [
    ("Vårdtillfällen", "vardtillfalle")
]


def seed(apps, schema_editor):
    Activity = apps.get_model("organisation", "Activity")
    Rule = apps.get_model("organisation", "ContactActivityRule")
    Measure = apps.get_model("organisation", "MeasureMapping")
    by_code = {}
    for order, (code, name, profession, minutes) in enumerate(ACTIVITIES, start=1):
        by_code[code], _ = Activity.objects.get_or_create(
            code=code, defaults={"name": name, "profession": profession, "minutes": minutes, "sort_order": order}
        )
    for phase, contact_type, profession, code in RULES:
        Rule.objects.get_or_create(
            phase=phase, contact_type=contact_type, profession=profession, defaults={"activity": by_code[code]}
        )
    for measure, code in MEASURES:
        Measure.objects.get_or_create(measure=measure, defaults={"activity": by_code[code]})


class Migration(migrations.Migration):
    dependencies = [("organisation", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
