"""The activity that holds a ward's planned staffed beds per week (``planning.choices.STAFFED_BEDS``).

The code is written out here, not imported, so the migration stays what it was when written.
"""

from django.db import migrations


def create(apps, schema_editor):
    Activity = apps.get_model("organisation", "Activity")
    Activity.objects.get_or_create(
        code="disponibla-vardplatser",
        defaults={
            "name": "Disponibla vårdplatser",
            "profession": "OVR",
            # Beds are not worked hours: no time standard, and the capacity check leaves them out.
            "minutes": 0,
            "sort_order": 1000,
        },
    )


def remove(apps, schema_editor):
    Activity = apps.get_model("organisation", "Activity")
    Activity.objects.filter(code="disponibla-vardplatser", plan_cells__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("organisation", "0003_person_data_access"),
        ("planning", "0005_facts_moved"),
    ]

    operations = [migrations.RunPython(create, remove)]
