"""Standing pages (Impressum, Datenschutz) and the German error pages."""

import pytest
from django.template.loader import render_to_string

from newsdesk.pages.models import Page

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("slug", "title", "text"),
    [("impressum", "Impressum", "Musterstraße 1"), ("datenschutz", "Datenschutz", "Keine Cookies")],
)
def test_standing_page_renders_markdown_and_is_linked_in_the_footer(client, slug, title, text):
    Page.objects.create(title=title, slug=slug, body=f"## Angaben\n\n{text}")
    response = client.get(f"/{slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{title}</h1>" in html
    assert f"<p>{text}</p>" in html
    # The footer links it from every page, also from the home page.
    assert f'<a href="/{slug}/">{title}</a>' in client.get("/").content.decode()


def test_page_body_is_sanitised(client):
    Page.objects.create(title="Impressum", slug="impressum", body="<script>alert(1)</script>Text")
    html = client.get("/impressum/").content.decode()
    assert "alert(1)" not in html


def test_edited_page_shows_the_new_text(client):
    page = Page.objects.create(title="Impressum", slug="impressum", body="Alt")
    page.body = "Neue Anschrift"
    page.save()
    assert "Neue Anschrift" in client.get("/impressum/").content.decode()


def test_unknown_address_gets_the_german_404_page(client):
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="de">' in html
    assert "Diese Seite gibt es nicht (mehr)." in html
    assert "Zur Startseite" in html
    assert '<meta name="robots" content="noindex">' in html


def test_500_page_is_german_and_needs_no_context():
    html = render_to_string("500.html")
    assert '<html lang="de">' in html
    assert "Da ist etwas schiefgegangen." in html
    assert "Zur Startseite" in html
