import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kps.settings")
application = get_wsgi_application()


def _warm_up() -> None:
    """Load what each worker's first request would otherwise load, once, before gunicorn
    forks (``preload_app``): every view module (and so pandas and Plotly), and the templates
    of the pages opened most. Nothing here touches the database or the cache, whose
    connections must not be shared between processes."""
    from django.db import connections
    from django.template.loader import get_template
    from django.urls import get_resolver

    def load(patterns) -> None:
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                load(pattern.url_patterns)

    load(get_resolver().url_patterns)
    for name in ("followup/callin.html", "followup/tactical.html", "followup/strategic.html",
                 "organisation/home.html", "registration/login.html"):  # fmt: skip
        get_template(name)
    connections.close_all()
    # What is loaded now lives as long as the process: moved out of the collector's reach, a
    # full collection during a request no longer walks it (it cost 100-150 ms of a figure page's
    # p95), and the workers forked from here share its memory pages instead of copying them.
    gc.collect()
    gc.freeze()


if os.environ.get("KPS_WARM_UP", "true").lower() in ("1", "true", "yes"):
    _warm_up()
