"""The import log's source filter lists each source once, not once per run."""

import pytest
from django.urls import reverse

from imports import reports
from imports.models import ImportRun, RunStatus

pytestmark = pytest.mark.django_db


def test_the_source_filter_lists_the_distinct_sources(client_as):
    for n, source in enumerate(["cosmic"] * 5 + ["diver"] * 3 + ["hr", ""]):
        ImportRun.objects.create(
            file_name=f"fil_{n}.csv", kind="kontakter", source=source, checksum=f"{n:064d}",
            status=RunStatus.OK, started_by="nattlig import",
        )  # fmt: skip
    assert reports.import_run_sources() == ["cosmic", "diver", "hr"]
    html = client_as("admin").get(reverse("imports:index")).content.decode()
    assert html.count('<option value="cosmic"') == 1
