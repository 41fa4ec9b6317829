"""One medical care area per KVÅ chapter, to start from; regions regroup them in the admin.

Reads the chapter files shipped in demo/data/kva (Socialstyrelsen's KVÅ 2021,
level 1). The parsing is kept here rather than imported from app code so the
migration stays what it was when written.
"""

from pathlib import Path

from django.db import migrations

KVA_DIR = Path(__file__).resolve().parents[2] / "demo" / "data" / "kva"
LABELS = {"kka": "KKÅ", "kma": "KMÅ"}


def chapters():
    for classification in ("kka", "kma"):
        for path in sorted(KVA_DIR.glob(f"{classification}-*-level1.txt")):
            for line in path.read_text(encoding="utf-8-sig").splitlines()[1:]:
                cells = line.split("\t")
                if len(cells) >= 3 and cells[0].strip():
                    yield classification, cells[0].strip(), cells[2].strip()


def seed(apps, schema_editor):
    Area = apps.get_model("waitlists", "MedicalCareArea")
    Code = apps.get_model("waitlists", "MedicalCareAreaCode")
    for order, (classification, chapter, text) in enumerate(chapters(), start=1):
        area, _ = Area.objects.get_or_create(
            code=f"{classification}-{chapter.lower()}",
            defaults={"name": f"{text} ({LABELS[classification]} {chapter})", "sort_order": order},
        )
        Code.objects.get_or_create(classification=classification, prefix=chapter, defaults={"area": area})


class Migration(migrations.Migration):
    dependencies = [("waitlists", "0002_medical_care_areas")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
