"""File names in the import log were stored as uploaded; identity numbers in them are masked now."""

import re

from django.db import migrations

# The pattern of imports.pseudonym.mask_identities, frozen here as a migration must be.
IDENTITY_LIKE = re.compile(r"(?<!\d)(\d{6}|\d{8})[-+ ]?\d{4}(?!\d)")


def mask_file_names(apps, schema_editor):
    ImportRun = apps.get_model("imports", "ImportRun")
    for run in ImportRun.objects.filter(file_name__regex=r"[0-9]{6}").only("id", "file_name").iterator():
        masked = IDENTITY_LIKE.sub("[dolt]", run.file_name)
        if masked != run.file_name:
            ImportRun.objects.filter(pk=run.pk).update(file_name=masked)


class Migration(migrations.Migration):
    dependencies = [("imports", "0001_initial")]

    operations = [migrations.RunPython(mask_file_names, migrations.RunPython.noop)]
