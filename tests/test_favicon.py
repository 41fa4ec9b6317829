"""The site's icon: linked from every page, and /favicon.ico finds it rather than a 404."""

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "screenshots"
SVG = "{http://www.w3.org/2000/svg}"


def brand_colour() -> str:
    css = (ROOT / "static" / "css" / "kps.css").read_text()
    return re.search(r"--brand:\s*(#[0-9a-fA-F]{6})", css).group(1).lower()


def test_the_icon_is_an_svg_in_the_site_brand_colour():
    path = finders.find("favicon.svg")
    assert path, "static/favicon.svg is missing"
    root = ET.parse(path).getroot()
    assert root.tag == f"{SVG}svg"
    fills = {element.get("fill", "").lower() for element in root.iter()}
    assert brand_colour() in fills


@pytest.mark.django_db
def test_pages_link_the_icon(client):
    content = client.get("/logga-in/").content.decode()
    assert f'<link rel="icon" href="{static("favicon.svg")}" type="image/svg+xml">' in content


@pytest.mark.django_db
def test_favicon_ico_redirects_to_the_icon_for_anyone(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == static("favicon.svg")


@pytest.mark.browser
def test_a_browser_asking_for_favicon_ico_gets_the_icon(page, live_server, problems):
    response = page.goto(live_server.url + "/favicon.ico")
    assert response.status == 200
    assert response.url == live_server.url + static("favicon.svg")
    assert response.headers["content-type"].startswith("image/svg+xml")
    assert not problems, problems
    SCREENSHOTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 128, "height": 128})
    page.screenshot(path=str(SCREENSHOTS / "favicon.png"))
