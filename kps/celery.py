import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kps.settings")

app = Celery("kps")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="kps.health_check")
def health_check() -> dict:
    """Answered by a worker to prove it is alive, reads the broker and reaches the database.

    The deployment's worker health check dispatches it and waits for the answer,
    which a mere `celery inspect ping` would not prove (a worker can answer pings
    while its database is unreachable).
    """
    # Imported here: the worker sets Django up before it runs tasks, not before this module loads.
    from django.db import connection

    from organisation.models import Clinic

    return {"database": connection.settings_dict["NAME"], "clinics": Clinic.objects.count()}
