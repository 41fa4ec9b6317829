# The KPP rows summed per year, unit, care form, tertial, outlier and weight (economics/summary.py).
# A derived table written and read only in SQL, so it has no model; the same DDL on PostgreSQL and SQLite.

from django.db import migrations

CREATE = [
    """
    CREATE TABLE economics_drgsummary (
        year smallint NOT NULL,
        unit_id bigint NOT NULL,
        care_form varchar(6) NOT NULL,
        tertial smallint NOT NULL,
        outlier boolean NOT NULL,
        weighted boolean NOT NULL,
        row_count integer NOT NULL,
        points bigint NOT NULL,
        cost bigint NOT NULL
    )
    """,
    "CREATE INDEX economics_drgsummary_year_unit ON economics_drgsummary (year, unit_id)",
    """
    CREATE TABLE economics_drgsummaryyear (
        year smallint NOT NULL PRIMARY KEY,
        summed boolean NOT NULL
    )
    """,
    # The years already held are read from the KPP rows until the next import sums them.
    "INSERT INTO economics_drgsummaryyear (year, summed) "
    "SELECT DISTINCT year, false FROM economics_kpprow",
]
DROP = ["DROP TABLE economics_drgsummaryyear", "DROP TABLE economics_drgsummary"]


class Migration(migrations.Migration):

    dependencies = [
        ('economics', '0002_clinic_specialty'),
    ]

    operations = [migrations.RunSQL(CREATE, DROP)]
