"""The Impressum in the newsroom: missing § 5 DDG / § 18 MStV details are named on saving."""

import pytest
from django.urls import reverse

from newsdesk.demo.content.pages import IMPRESSUM
from newsdesk.newsroom.groups import EDITOR
from newsdesk.newsroom.tests.helpers import newsroom_user
from newsdesk.pages.compliance import impressum_problems
from newsdesk.pages.models import Page

pytestmark = pytest.mark.django_db


def test_the_demo_impressum_has_everything():
    assert impressum_problems(IMPRESSUM.body) == []


def test_missing_details_are_named():
    problems = impressum_problems("Technikblatt GmbH\nPostfach 12 34\n10115 Berlin")
    text = " ".join(problems)
    assert "Postfach" in text
    assert "E-Mail" in text
    assert "§ 18 Abs. 2 MStV" in text
    assert "Anschrift mit Postleitzahl" not in text


def test_saving_an_incomplete_impressum_warns_but_saves(client):
    client.force_login(newsroom_user(EDITOR, "rita"))
    page = Page.objects.create(title="Impressum", slug="impressum", body=IMPRESSUM.body)
    response = client.post(
        reverse("admin:pages_page_change", args=[page.pk]),
        {
            "title": "Impressum",
            "slug": "impressum",
            "body": "Technikblatt GmbH, Beispielallee 12, 10115 Berlin",
            "in_footer": "on",
            "footer_position": "10",
        },
        follow=True,
    )
    html = response.content.decode()
    assert "Es fehlt eine E-Mail-Adresse" in html
    assert "Verantwortliche nach § 18 Abs. 2 MStV" in html
    page.refresh_from_db()
    assert page.body == "Technikblatt GmbH, Beispielallee 12, 10115 Berlin"


def test_the_impressum_address_keeps_its_lines(client):
    """Name, street and town on three lines, as written, not run together on one."""
    Page.objects.create(title="Impressum", slug="impressum", body=IMPRESSUM.body)
    html = client.get("/impressum/").content.decode()
    assert "Technikblatt Medien GmbH<br>\nBeispielallee 12<br>\n10115 Berlin" in html


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_impressum_fits_a_320_px_screen(live_server, browser_page):
    Page.objects.create(title="Impressum", slug="impressum", body=IMPRESSUM.body)
    page = browser_page.page
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(live_server.url + "/impressum/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
