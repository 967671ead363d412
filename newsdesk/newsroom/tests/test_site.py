"""The newsroom's front door: branding, German, a way back to the site, staff only."""

import pytest
from django.urls import reverse

from newsdesk.newsroom.groups import AUTHOR, EDITOR
from newsdesk.newsroom.tests.helpers import newsroom_user

pytestmark = pytest.mark.django_db


def test_index_is_branded_and_links_to_the_website(client):
    client.force_login(newsroom_user(EDITOR))
    html = client.get(reverse("admin:index")).content.decode()
    assert "newsdesk Newsroom" in html
    assert "Redaktion: Übersicht" in html
    assert '<a href="/">Zur Website</a>' in html


def test_change_pages_link_to_the_website_too(client):
    client.force_login(newsroom_user(EDITOR))
    html = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert "Zur Website" in html
    assert "Website anzeigen" not in html


def test_login_page_is_german(client):
    html = client.get(reverse("admin:login")).content.decode()
    assert "Anmelden" in html and "newsdesk Newsroom" in html


def test_autor_does_not_see_pages_or_comments(client):
    client.force_login(newsroom_user(AUTHOR))
    html = client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:articles_article_changelist") in html
    assert reverse("admin:comments_comment_changelist") not in html
    assert reverse("admin:pages_page_changelist") not in html


def test_redaktion_edits_pages(client):
    from newsdesk.pages.models import Page

    page = Page.objects.create(title="Impressum", slug="impressum", body="Alt")
    client.force_login(newsroom_user(EDITOR))
    url = reverse("admin:pages_page_change", args=[page.pk])
    response = client.post(
        url,
        {
            "title": "Impressum",
            "slug": "impressum",
            "body": "Neu",
            "in_footer": "on",
            "footer_position": "0",
        },
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.body == "Neu"


@pytest.mark.django_db
def test_slug_fields_spell_german_umlauts_out(client, django_user_model):
    admin = django_user_model.objects.create_superuser("chef", "chef@example.org", "x")
    client.force_login(admin)
    html = client.get("/newsroom/articles/article/add/").content.decode()
    assert html.index("admin/js/urlify.js") < html.index("newsroom/german-slugs.js")
