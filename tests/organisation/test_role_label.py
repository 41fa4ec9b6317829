"""The header names each role as the region does: an area's manager is Områdeschef, not Chef."""

import pytest
from django.urls import reverse

from organisation import access

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("username", "label"),
    [
        ("ledare", "KPS-ledare"),
        ("chef", "Chef"),
        ("omradeschef", "Områdeschef"),
        ("qulturum", "Qulturum"),
        ("admin", "Administratör"),
    ],
)
def test_each_role_is_shown_by_its_name(client, role_users, username, label):
    user = role_users[username]
    assert access.role_label(user) == label
    client.force_login(user)
    html = client.get(reverse("home")).content.decode()
    assert f"· {label}</span>" in html
