"""Articles in the newsroom: roles, workflow, edit conflicts, revisions, preview, list."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from newsdesk.articles.models import Article, ArticleRevision
from newsdesk.articles.tests.factories import ArticleFactory, AuthorFactory
from newsdesk.galleries.tests.factories import GalleryFactory
from newsdesk.newsroom.groups import AUTHOR, EDITOR
from newsdesk.newsroom.tests.helpers import form_data, newsroom_user

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:articles_article_add")
LIST_URL = reverse("admin:articles_article_changelist")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def edit(client, article, **changes):
    """Open the change form like a browser and return what it would post, with ``changes``."""
    html = client.get(change_url(article)).content.decode()
    data = form_data(html, "article_form")
    data.update(changes)
    return data


def local(moment):
    moment = timezone.localtime(moment)
    return {
        "published_at_0": moment.strftime("%d.%m.%Y"),
        "published_at_1": moment.strftime("%H:%M:%S"),
    }


@pytest.fixture
def autor(client):
    user = newsroom_user(AUTHOR, "anna", author=True)
    client.force_login(user)
    return user


@pytest.fixture
def redaktion(client):
    user = newsroom_user(EDITOR, "rita", author=True)
    client.force_login(user)
    return user


def new_article_data(client, **changes):
    data = form_data(client.get(ADD_URL).content.decode(), "article_form")
    data.update(
        {
            "headline": "Neues Galaxy vorgestellt",
            "slug": "neues-galaxy",
            "teaser": "Samsung zeigt ein neues Telefon.",
            "body": "Text.",
        }
    )
    data.update(changes)
    return data


def test_autor_can_add_a_draft_and_submit_it_for_review(client, autor):
    response = client.post(ADD_URL, new_article_data(client))
    assert response.status_code == 302, response.content.decode()
    article = Article.objects.get(slug="neues-galaxy")
    assert article.status == Article.Status.DRAFT
    assert article.created_by == autor
    assert article.ordered_authors() == [autor.author_profile]

    response = client.post(change_url(article), edit(client, article, _submit_review="1"))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW
    assert article.revisions.first().action == "zur Prüfung eingereicht"


def test_autor_cannot_publish(client, autor):
    article = ArticleFactory(
        status=Article.Status.DRAFT,
        published_at=None,
        created_by=autor,
        authors=[autor.author_profile],
    )
    for changes in ({"_publish": "1"}, {"status": Article.Status.PUBLISHED}):
        response = client.post(change_url(article), edit(client, article, **changes))
        assert response.status_code == 200
        assert "der Redaktion vorbehalten" in response.content.decode()
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert client.get(article.get_absolute_url()).status_code == 404


def test_autor_does_not_see_other_peoples_articles(client, autor):
    mine = ArticleFactory(status=Article.Status.DRAFT, authors=[autor.author_profile])
    other = ArticleFactory(status=Article.Status.DRAFT, headline="Fremder Entwurf")
    listing = client.get(LIST_URL).content.decode()
    assert mine.headline in listing
    assert "Fremder Entwurf" not in listing
    # An article one may not open says so (not "does not exist") and takes nothing.
    refused = client.get(change_url(other))
    assert refused.status_code == 403
    assert "gehört nicht zu Ihren Artikeln" in refused.content.decode()
    assert client.post(change_url(other), {"headline": "Übernommen"}).status_code == 403
    other.refresh_from_db()
    assert other.headline == "Fremder Entwurf"
    preview = reverse("admin:articles_article_preview", args=[other.pk])
    assert client.get(preview).status_code == 404


def test_autor_finds_her_published_article_and_may_only_propose_corrections(client, autor):
    article = ArticleFactory(authors=[autor.author_profile], created_by=autor)
    response = client.get(change_url(article))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Korrektur zur Prüfung einreichen" in html
    assert 'name="slug"' not in html and 'name="status"' not in html
    assert article.headline in client.get(LIST_URL).content.decode()


def test_redaktion_can_publish_now(client, redaktion):
    article = ArticleFactory(status=Article.Status.IN_REVIEW, published_at=None)
    response = client.post(change_url(article), edit(client, article, _publish="1"))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.published_at <= timezone.now()
    assert client.get(article.get_absolute_url()).status_code == 200


def test_scheduled_article_appears_exactly_at_its_time(client, redaktion):
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    at = (timezone.now() + timedelta(hours=2)).replace(microsecond=0)
    response = client.post(change_url(article), edit(client, article, _schedule="1", **local(at)))
    assert response.status_code == 302, response.content.decode()
    article.refresh_from_db()
    assert article.status == Article.Status.SCHEDULED
    assert article.published_at == at
    client.logout()
    assert client.get(article.get_absolute_url()).status_code == 404
    assert article.headline not in client.get("/").content.decode()

    # The time comes (moved instead of waited for).
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(seconds=1))
    assert client.get(article.get_absolute_url()).status_code == 200
    call_command("publish_due", verbosity=0)
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED


def test_scheduling_needs_a_time_in_the_future(client, redaktion):
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    past = timezone.now() - timedelta(hours=1)
    response = client.post(change_url(article), edit(client, article, _schedule="1", **local(past)))
    assert "Zeitpunkt in der Zukunft" in response.content.decode()
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_publishing_needs_an_author(client, redaktion):
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None, authors=[])
    article.articleauthor_set.all().delete()
    response = client.post(change_url(article), edit(client, article, _publish="1"))
    assert "Mindestens ein Autor muss eingetragen sein." in response.content.decode()
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_save_from_an_older_version_merges_what_the_colleague_changed_elsewhere(client, redaktion):
    article = ArticleFactory(body="Erster Absatz.\n\nZweiter Absatz.", status=Article.Status.DRAFT)
    first = edit(client, article)
    second = dict(first)  # a second editor opened the same version

    first["headline"] = "Galaxy S8 kommt im März"
    first["body"] = "Erster Absatz, ergänzt.\n\nZweiter Absatz."
    assert client.post(change_url(article), first).status_code == 302

    second["body"] = "Erster Absatz.\n\nMein neuer zweiter Absatz."
    response = client.post(change_url(article), second, follow=True)
    assert "Beide Fassungen sind zusammengeführt" in response.content.decode()
    article.refresh_from_db()
    assert article.headline == "Galaxy S8 kommt im März"
    assert article.body == "Erster Absatz, ergänzt.\n\nMein neuer zweiter Absatz."


def test_conflict_merges_untouched_fields_of_a_published_article_posted_with_crlf(
    client, redaktion
):
    article = ArticleFactory(
        headline="Alt", teaser="Alter Vorspann.", body="Absatz eins.\n\nAbsatz zwei."
    )
    first = edit(client, article)
    second = dict(first)
    first.update(headline="Neu vom ersten", teaser="Neuer Vorspann vom ersten.")
    assert client.post(change_url(article), first).status_code == 302

    # Browsers post text areas with CRLF line endings.
    second["body"] = "Absatz eins.\r\n\r\nAbsatz zwei, ergänzt."
    assert client.post(change_url(article), second).status_code == 302
    article.refresh_from_db()
    assert article.headline == "Neu vom ersten"
    assert article.teaser == "Neuer Vorspann vom ersten."
    assert article.body == "Absatz eins.\n\nAbsatz zwei, ergänzt."
    assert article.status == Article.Status.PUBLISHED


def test_same_paragraph_changed_by_both_is_never_overwritten_by_a_second_save(client, redaktion):
    article = ArticleFactory(
        body="Eins.\n\nZwei.\n\nDrei.", headline="Alt", status=Article.Status.DRAFT
    )
    first = edit(client, article)
    second = dict(first)
    first["body"] = "Eins.\n\nZwei, größerer Umbau.\n\nDrei."
    assert client.post(change_url(article), first).status_code == 302

    second["body"] = "Eins, von mir.\n\nZwei, kleiner Umbau.\n\nDrei."
    html = client.post(change_url(article), second).content.decode()
    assert "haben dieselben Absätze geändert" in html
    assert "Zwei, größerer Umbau." in html and "Zwei, kleiner Umbau." in html
    resent = form_data(html, "article_form")
    # Paragraph one is merged already; the overlap shows this editor's version in the form.
    assert resent["body"] == "Eins, von mir.\n\nZwei, kleiner Umbau.\n\nDrei."
    assert resent["version"] == str(article.version)  # still the base

    # "Sichern" again without deciding: refused again, the colleague's paragraph stays.
    html = client.post(change_url(article), resent).content.decode()
    assert "haben dieselben Absätze geändert" in html
    article.refresh_from_db()
    assert article.body == "Eins.\n\nZwei, größerer Umbau.\n\nDrei."

    # Deciding to keep both saves both, and this editor's first paragraph.
    resent = form_data(html, "article_form")
    resent["_merge_body_0"] = "both"
    assert client.post(change_url(article), resent).status_code == 302
    article.refresh_from_db()
    assert article.body == (
        "Eins, von mir.\n\nZwei, größerer Umbau.\n\nZwei, kleiner Umbau.\n\nDrei."
    )


def test_conflict_on_a_field_both_changed_keeps_the_second_text_and_names_the_field(
    client, redaktion
):
    article = ArticleFactory(headline="Alt", status=Article.Status.DRAFT)
    first = edit(client, article)
    second = dict(first)
    first["headline"] = "Fassung eins"
    client.post(change_url(article), first)
    second["headline"] = "Fassung zwei"
    html = client.post(change_url(article), second).content.decode()
    assert "Überschrift: derselbe Absatz zweimal geändert" in html
    resent = form_data(html, "article_form")
    assert resent["headline"] == "Fassung zwei"
    resent["_merge_headline_0"] = "mine"
    assert client.post(change_url(article), resent).status_code == 302
    article.refresh_from_db()
    assert article.headline == "Fassung zwei"


def test_conflict_takes_over_a_checkbox_the_second_editor_left_alone(client, redaktion):
    article = ArticleFactory(status=Article.Status.DRAFT)
    first = edit(client, article)
    second = dict(first)
    first.pop("comments_open")
    client.post(change_url(article), first)
    second["headline"] = "Neue Überschrift"
    assert client.post(change_url(article), second).status_code == 302
    article.refresh_from_db()
    assert article.headline == "Neue Überschrift" and article.comments_open is False


def test_a_choice_both_changed_is_shown_once_then_the_deliberate_save_wins(client, redaktion):
    article = ArticleFactory(status=Article.Status.DRAFT, kind=Article.Kind.NEWS)
    first = edit(client, article, kind=Article.Kind.REVIEW)
    second = edit(client, article, kind=Article.Kind.GUIDE)
    client.post(change_url(article), first)
    html = client.post(change_url(article), second).content.decode()
    assert "Von Ihnen und inzwischen auch von anderen geändert" in html
    article.refresh_from_db()
    assert article.kind == Article.Kind.REVIEW
    assert client.post(change_url(article), form_data(html, "article_form")).status_code == 302
    article.refresh_from_db()
    assert article.kind == Article.Kind.GUIDE


def test_conflict_shows_a_line_diff_for_long_text(client, redaktion):
    article = ArticleFactory(body="Satz eins.\nSatz zwei.\nSatz drei.", status=Article.Status.DRAFT)
    first = edit(client, article)
    second = dict(first)
    first["body"] = "Satz eins.\nSatz zwei, <b>korrigiert</b>.\nSatz drei."
    client.post(change_url(article), first)
    second["body"] = "Satz eins.\nSatz zwei.\nSatz drei, ergänzt."
    html = client.post(change_url(article), second).content.decode()
    assert '<span class="diff-removed">− Satz zwei.</span>' in html
    assert '<span class="diff-added">+ Satz zwei, &lt;b&gt;korrigiert&lt;/b&gt;.</span>' in html


def test_every_save_keeps_a_revision_with_who_and_what(client, redaktion):
    article = ArticleFactory(headline="Alt", status=Article.Status.DRAFT)
    client.post(change_url(article), edit(client, article, headline="Neu"))
    revisions = list(article.revisions.order_by("version"))
    assert [r.data["headline"] for r in revisions] == ["Alt", "Neu"]
    assert revisions[-1].created_by == redaktion
    assert revisions[-1].action == "gespeichert"


def test_revisions_can_be_compared_and_restored(client, redaktion):
    article = ArticleFactory(headline="Erste Fassung", status=Article.Status.DRAFT)
    client.post(change_url(article), edit(client, article, headline="Zweite Fassung"))
    article.refresh_from_db()

    revisions_url = reverse("admin:articles_article_revisions", args=[article.pk])
    listing = client.get(revisions_url).content.decode()
    assert "rita" in listing and "gespeichert" in listing

    diff_url = reverse("admin:articles_article_revision_diff", args=[article.pk])
    diff = client.get(diff_url, {"von": 1, "bis": 2}).content.decode()
    assert "Erste Fassung" in diff and "Zweite Fassung" in diff

    restore_url = reverse("admin:articles_article_revision_restore", args=[article.pk, 1])
    confirm = client.get(restore_url).content.decode()
    assert "Erste Fassung" in confirm
    response = client.post(restore_url, {"version": article.version})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == "Erste Fassung"
    assert article.revisions.first().action == "Version 1 wiederhergestellt"


def test_unknown_embed_is_a_warning_on_a_draft_and_an_error_when_publishing(client, redaktion):
    GalleryFactory(slug="noch-geheim", is_published=False)
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    body = "Text.\n\n[[gallery:noch-geheim]]\n\n[[video:gibts-nicht]]\n"
    response = client.post(change_url(article), edit(client, article, body=body), follow=True)
    html = response.content.decode()
    assert "„noch-geheim“ ist nicht veröffentlicht" in html
    assert "Video „gibts-nicht“ gibt es nicht" in html
    article.refresh_from_db()
    assert article.body == body.strip()

    response = client.post(change_url(article), edit(client, article, _publish="1"))
    assert response.status_code == 200
    assert "Video „gibts-nicht“ gibt es nicht" in response.content.decode()
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_list_finds_articles_by_search_and_filters(client, redaktion):
    ArticleFactory(headline="Pixel 9 im Test", kind=Article.Kind.REVIEW)
    ArticleFactory(headline="iPhone-Gerüchte", status=Article.Status.DRAFT)
    found = client.get(LIST_URL, {"q": "Pixel"}).content.decode()
    assert "Pixel 9 im Test" in found and "iPhone-Gerüchte" not in found
    drafts = client.get(LIST_URL, {"status__exact": "draft"}).content.decode()
    assert "iPhone-Gerüchte" in drafts and "Pixel 9 im Test" not in drafts
    reviews = client.get(LIST_URL, {"kind__exact": "review"}).content.decode()
    assert "Pixel 9 im Test" in reviews and "iPhone-Gerüchte" not in reviews


def test_preview_shows_the_saved_article_marked_as_preview(client, redaktion):
    article = ArticleFactory(status=Article.Status.DRAFT, headline="Geheimer Entwurf")
    response = client.get(reverse("admin:articles_article_preview", args=[article.pk]))
    html = response.content.decode()
    assert "Geheimer Entwurf" in html
    assert "Vorschau – nicht veröffentlicht" in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_preview_of_unsaved_changes_saves_nothing(client, redaktion):
    article = ArticleFactory(status=Article.Status.DRAFT, headline="Gespeichert")
    data = edit(client, article, headline="Ungespeichert", body="## Neuer Abschnitt")
    response = client.post(reverse("admin:articles_article_preview", args=[article.pk]), data)
    html = response.content.decode()
    assert "Ungespeichert" in html and "<h2>Neuer Abschnitt</h2>" in html
    assert "Vorschau – nicht veröffentlicht" in html
    article.refresh_from_db()
    assert article.headline == "Gespeichert"
    assert not ArticleRevision.objects.filter(article=article, data__headline="Ungespeichert")


def test_preview_is_for_newsroom_staff_only(client):
    article = ArticleFactory(status=Article.Status.DRAFT)
    response = client.get(reverse("admin:articles_article_preview", args=[article.pk]))
    assert response.status_code == 302
    assert "/newsroom/login/" in response["Location"]


def test_author_pickers_find_authors(client, redaktion):
    AuthorFactory(name="Jana Beispiel")
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "term": "Jana",
            "app_label": "articles",
            "model_name": "articleauthor",
            "field_name": "author",
        },
    )
    assert "Jana Beispiel" in response.content.decode()


def test_workflow_buttons_fit_the_role_and_the_status(client, autor):
    draft = ArticleFactory(status=Article.Status.DRAFT, authors=[autor.author_profile])
    html = client.get(change_url(draft)).content.decode()
    assert "Zur Prüfung einreichen" in html
    assert "Jetzt veröffentlichen" not in html and "planen" not in html

    client.force_login(newsroom_user(EDITOR, "rita"))
    published = ArticleFactory()
    html = client.get(change_url(published)).content.decode()
    assert "Zurückziehen (Entwurf)" in html and "Jetzt veröffentlichen" not in html
    response = client.post(change_url(published), edit(client, published, _unpublish="1"))
    assert response.status_code == 302
    published.refresh_from_db()
    assert published.status == Article.Status.DRAFT


def test_without_javascript_embed_codes_typed_into_the_body_stay_where_they_were_typed(
    client, redaktion
):
    """The editor and the media dialogs place embeds; the old append-at-the-end pickers are gone,
    and the plain textarea still takes codes anywhere in the text."""
    gallery = GalleryFactory(slug="messe-bilder")
    html = client.get(ADD_URL).content.decode()
    assert "embed_gallery" not in html
    assert "Bilderstrecke einbetten" not in html
    body = f"Erster Absatz.\r\n\r\n[[gallery:{gallery.slug}]]\r\n\r\nZweiter Absatz."
    response = client.post(ADD_URL, new_article_data(client, body=body))
    assert response.status_code == 302, response.content.decode()
    article = Article.objects.get(slug="neues-galaxy")
    assert article.body.replace("\r\n", "\n").strip() == (
        "Erster Absatz.\n\n[[gallery:messe-bilder]]\n\nZweiter Absatz."
    )


def test_draft_gallery_and_video_made_for_the_article_go_public_with_it(client, redaktion):
    """The media dialog makes drafts "checked and published with the article": Redaktion's
    publish takes them along and records it; a schedule still waits for them."""
    from django.contrib.admin.models import LogEntry

    from newsdesk.videos.tests.factories import VideoFactory

    gallery = GalleryFactory(slug="messe-bilder", is_published=False, image_count=2)
    video = VideoFactory(slug="messe-video", is_published=False)
    body = "Text.\r\n\r\n[[gallery:messe-bilder]]\r\n\r\n[[video:messe-video]]\r\n\r\nEnde."
    article = ArticleFactory(status=Article.Status.IN_REVIEW, published_at=None, body=body)

    future = local(timezone.now() + timedelta(days=1))
    response = client.post(change_url(article), edit(client, article, _schedule="1", **future))
    assert "„messe-bilder“ ist nicht veröffentlicht" in response.content.decode()
    gallery.refresh_from_db()
    assert not gallery.is_published

    response = client.post(change_url(article), edit(client, article, _publish="1"))
    assert response.status_code == 302, response.content.decode()
    article.refresh_from_db()
    gallery.refresh_from_db()
    video.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert gallery.is_published and video.is_published
    records = LogEntry.objects.filter(user=redaktion, change_message__startswith="Mit dem Artikel")
    assert records.count() == 2


def test_autor_submitting_leaves_the_drafts_unpublished(client, autor):
    gallery = GalleryFactory(slug="messe-bilder", is_published=False, image_count=2)
    response = client.post(
        ADD_URL, new_article_data(client, body="[[gallery:messe-bilder]]", _submit_review="1")
    )
    assert response.status_code == 302, response.content.decode()
    gallery.refresh_from_db()
    assert not gallery.is_published
