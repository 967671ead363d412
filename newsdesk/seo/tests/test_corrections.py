"""A correction made in the newsroom moves "Aktualisiert am" and dateModified with it, also when
the article carried an earlier update note."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from newsdesk.articles.tests.factories import ArticleFactory
from newsdesk.newsroom.groups import EDITOR
from newsdesk.newsroom.tests.helpers import form_data, newsroom_user

from .validation import json_ld, of_type

pytestmark = pytest.mark.django_db


def date_modified(client, article):
    (data,) = of_type(json_ld(client.get(article.get_absolute_url()).content), "NewsArticle")
    return data["dateModified"]


def edit(client, article, **changes) -> None:
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = form_data(client.get(url).content.decode(), "article_form")
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    article.refresh_from_db()


@pytest.fixture
def updated_story():
    now = timezone.now().replace(microsecond=0)
    return ArticleFactory(
        headline="Netztest: 5G auf dem Land",
        published_at=now - timedelta(days=3),
        updated_note_at=now - timedelta(days=2),
    )


def test_correction_to_an_updated_article_moves_the_date(client, updated_story):
    reader = client
    before = date_modified(reader, updated_story)
    editor = type(client)()
    editor.force_login(newsroom_user(EDITOR, "rita", author=True))
    started = timezone.now().replace(microsecond=0)

    edit(editor, updated_story, correction_note="Richtig sind 2.400 Kilometer.")
    assert updated_story.updated_note_at >= started
    after = date_modified(reader, updated_story)
    assert after > before
    page = reader.get(updated_story.get_absolute_url()).content.decode()
    assert "Korrektur:" in page and "2.400 Kilometer" in page
    shown = timezone.localtime(updated_story.updated_note_at)
    assert f"{shown:%H:%M} Uhr" in page

    # A second, changed correction is news again; an unrelated save is not.
    first = updated_story.updated_note_at
    updated_story.updated_note_at = first - timedelta(hours=1)  # as if made an hour ago
    updated_story.save(update_fields=["updated_note_at"])
    edit(editor, updated_story, teaser="Neuer Vorspann.")
    assert updated_story.updated_note_at == first - timedelta(hours=1)
    edit(editor, updated_story, correction_note="Richtig sind 2.400 km, nicht 4.200 km.")
    assert updated_story.updated_note_at >= started


def test_a_date_the_editor_sets_with_the_correction_is_kept(client, updated_story):
    editor = client
    editor.force_login(newsroom_user(EDITOR, "rita", author=True))
    chosen = timezone.localtime(timezone.now() - timedelta(hours=5)).replace(microsecond=0)
    edit(
        editor,
        updated_story,
        correction_note="Richtig sind 2.400 Kilometer.",
        updated_note_at_0=f"{chosen:%d.%m.%Y}",
        updated_note_at_1=f"{chosen:%H:%M:%S}",
    )
    assert updated_story.updated_note_at == chosen
