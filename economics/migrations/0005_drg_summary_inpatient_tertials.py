# The DRG summary now places an inpatient row in the tertial of its episode's discharge
# (economics/tertials.py); the years summed before held every inpatient row in the year only.
# They are read from the KPP rows until the next import (or sum_drg_years) sums them again.

from django.db import migrations

FORGET = "UPDATE economics_drgsummaryyear SET summed = false"


class Migration(migrations.Migration):

    dependencies = [
        ('economics', '0004_production_assignment'),
    ]

    operations = [migrations.RunSQL(FORGET, FORGET)]
