"""The demo region's accounts, one per role. Demo only: the passwords are public."""

from typing import Any

from django.utils.translation import gettext_lazy as _

# The clinic and area the scoped demo roles belong to (codes in demo.catalogue).
DEMO_CLINIC = "ORT"
DEMO_AREA = "KIR"

DEMO_USERS: list[dict[str, Any]] = [
    {
        "username": "ledare",
        "password": "demo-ledare",
        "role": "kps_leader",
        "label": _("KPS-ledare"),
        "first_name": "Lena",
        "last_name": "Lindqvist",
        "scope": "clinic",
    },
    {
        "username": "chef",
        "password": "demo-chef",
        "role": "manager",
        "label": _("Chef"),
        "first_name": "Anders",
        "last_name": "Berg",
        "scope": "clinic",
    },
    {
        "username": "omradeschef",
        "password": "demo-omradeschef",
        "role": "manager",
        "label": _("Områdeschef"),
        "first_name": "Karin",
        "last_name": "Sandberg",
        "scope": "area",
    },
    {
        "username": "qulturum",
        "password": "demo-qulturum",
        "role": "qulturum",
        "label": _("Qulturum"),
        "first_name": "Maria",
        "last_name": "Ek",
        "scope": None,
    },
    {
        "username": "admin",
        "password": "demo-admin",
        "role": "admin",
        "label": _("Administratör"),
        "first_name": "Johan",
        "last_name": "Holm",
        "scope": None,
    },
]
