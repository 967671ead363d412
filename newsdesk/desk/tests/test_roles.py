"""What an Autor may do with articles and media, and the record the Redaktion sees."""

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from newsdesk.articles.models import Article
from newsdesk.articles.tests.factories import ArticleFactory
from newsdesk.galleries.tests.factories import GalleryFactory, ImageFactory
from newsdesk.newsroom.groups import AUTHOR, EDITOR
from newsdesk.newsroom.tests.helpers import form_data, newsroom_user
from newsdesk.videos.tests.factories import VideoFactory

pytestmark = pytest.mark.django_db

AUTOCOMPLETE = reverse("admin:autocomplete")


@pytest.fixture
def autor(client):
    user = newsroom_user(AUTHOR, "anna", author=True)
    client.force_login(user)
    return user


def related_search(client, term):
    response = client.get(
        AUTOCOMPLETE,
        {
            "term": term,
            "app_label": "articles",
            "model_name": "relatedarticle",
            "field_name": "to_article",
        },
    )
    assert response.status_code == 200
    return [row["text"] for row in response.json()["results"]]


def test_autor_picks_any_published_article_for_auch_interessant(client, autor):
    ArticleFactory(headline="Lumio Aurora X3 im Test")
    ArticleFactory(headline="Lumio Aurora X4 Entwurf", status=Article.Status.DRAFT)
    found = related_search(client, "Lumio")
    assert found == ["Lumio Aurora X3 im Test"]


def test_autor_keeps_seeing_her_published_article_and_changes_it_only_by_proposal(client, autor):
    article = ArticleFactory(
        headline="Mein Artikel", authors=[autor.author_profile], created_by=autor
    )
    listing = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert "Mein Artikel" in listing
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Mein Artikel" in html
    assert "Korrektur zur Prüfung einreichen" in html  # her changes become a proposal
    client.post(url, {"headline": "Heimlich geändert"})
    article.refresh_from_db()
    assert article.headline == "Mein Artikel"
    preview = reverse("admin:articles_article_preview", args=[article.pk])
    assert client.get(preview).status_code == 200


def test_autor_cannot_publish_a_gallery(client, autor):
    url = reverse("admin:galleries_gallery_add")
    html = client.get(url).content.decode()
    assert 'name="is_published"' not in html
    data = form_data(html, "gallery_form")
    data.update({"title": "Ungeprüft", "slug": "ungeprueft", "is_published": "on"})
    assert client.post(url, data).status_code == 302
    gallery = GalleryFactory._meta.model.objects.get(slug="ungeprueft")
    assert not gallery.is_published
    client.logout()
    assert client.get(gallery.get_absolute_url()).status_code == 404


def test_autor_cannot_publish_a_video(client, autor):
    video = VideoFactory(is_published=False)
    url = reverse("admin:videos_video_change", args=[video.pk])
    html = client.get(url).content.decode()
    assert 'name="is_published"' not in html
    data = form_data(html, "video_form")
    data["is_published"] = "on"
    client.post(url, data)
    video.refresh_from_db()
    assert not video.is_published


def test_autor_cannot_use_the_gallery_publish_action(client, autor):
    gallery = GalleryFactory(is_published=False)
    client.post(
        reverse("admin:galleries_gallery_changelist"),
        {"action": "publish", "_selected_action": [gallery.pk]},
    )
    gallery.refresh_from_db()
    assert not gallery.is_published


def test_autor_cannot_change_a_picture_readers_see(client, autor):
    image = ImageFactory(credit="Foto: Hersteller", caption="Alt")
    ArticleFactory(lead_image=image)
    url = reverse("admin:galleries_image_change", args=[image.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert 'name="credit"' not in response.content.decode()
    client.post(url, {"title": image.title, "caption": "Neu", "credit": "Foto: ich"})
    image.refresh_from_db()
    assert (image.caption, image.credit) == ("Alt", "Foto: Hersteller")


def test_autor_cannot_change_a_published_gallery_but_a_draft_one(client, autor):
    public = GalleryFactory(image_count=1)
    draft = GalleryFactory(image_count=1, is_published=False)
    public_html = client.get(reverse("admin:galleries_gallery_change", args=[public.pk]))
    assert 'name="title"' not in public_html.content.decode()
    draft_html = client.get(reverse("admin:galleries_gallery_change", args=[draft.pk]))
    assert 'name="title"' in draft_html.content.decode()


def test_every_change_to_a_picture_is_recorded_and_shown_to_the_redaktion(client):
    image = ImageFactory(credit="Foto: Hersteller")
    ArticleFactory(lead_image=image)
    editor = newsroom_user(EDITOR, "rita")
    client.force_login(editor)
    url = reverse("admin:galleries_image_change", args=[image.pk])
    data = form_data(client.get(url).content.decode(), "image_form")
    data["credit"] = "Foto: Agentur"
    assert client.post(url, data).status_code == 302
    entry = LogEntry.objects.get(object_id=str(image.pk))
    assert entry.user == editor
    assert "Bildnachweis" in entry.get_change_message()

    start = client.get(reverse("admin:index")).content.decode()
    assert "Änderungen an Bildern, Bilderstrecken und Videos" in start
    assert "rita" in start and image.title in start


def test_publishing_a_gallery_with_the_list_action_is_recorded(client):
    gallery = GalleryFactory(is_published=False)
    client.force_login(newsroom_user(EDITOR, "rita"))
    client.post(
        reverse("admin:galleries_gallery_changelist"),
        {"action": "publish", "_selected_action": [gallery.pk]},
    )
    gallery.refresh_from_db()
    assert gallery.is_published
    assert LogEntry.objects.filter(object_id=str(gallery.pk), user__username="rita").exists()


def test_view_on_site_opens_the_real_address_and_only_when_public(client, settings):
    settings.NEWSDESK_BASE_URL = "https://www.technikblatt.example"
    client.force_login(newsroom_user(EDITOR))
    public = ArticleFactory()
    html = client.get(reverse("admin:articles_article_change", args=[public.pk])).content.decode()
    assert f'href="https://www.technikblatt.example{public.get_absolute_url()}"' in html
    assert "example.com" not in html
    draft = ArticleFactory(status=Article.Status.DRAFT)
    html = client.get(reverse("admin:articles_article_change", args=[draft.pk])).content.decode()
    assert "Auf der Website anzeigen" not in html


def test_autor_saves_a_draft_with_a_published_article_in_auch_interessant(client, autor):
    other = ArticleFactory(headline="Lumio Aurora X3 im Test")
    url = reverse("admin:articles_article_add")
    data = form_data(client.get(url).content.decode(), "article_form")
    prefix = next(k for k in data if k.endswith("TOTAL_FORMS") and "related" in k)
    prefix = prefix.removesuffix("-TOTAL_FORMS")
    data.update(
        {
            "headline": "Aurora X4 vorgestellt",
            "slug": "aurora-x4",
            "teaser": "Der Nachfolger.",
            "body": "Text.",
            f"{prefix}-TOTAL_FORMS": "1",
            f"{prefix}-0-to_article": str(other.pk),
            f"{prefix}-0-position": "0",
        }
    )
    assert client.post(url, data).status_code == 302
    article = Article.objects.get(slug="aurora-x4")
    assert list(article.related_links.values_list("to_article", flat=True)) == [other.pk]


def test_changes_made_outside_the_admin_forms_can_be_recorded_too(client):
    from newsdesk.desk.media import recent_media_changes, record_media_change

    editor = newsroom_user(EDITOR, "rita")
    gallery = GalleryFactory(title="Messe-Rundgang")
    record_media_change(editor, gallery, "Neun Bilder hochgeladen.")
    entry = recent_media_changes()[0]
    assert (entry.user, entry.object_repr) == (editor, "Messe-Rundgang")
    assert entry.get_change_message() == "Neun Bilder hochgeladen."


@pytest.mark.parametrize("use", ["gallery", "video poster", "product", "author photo"])
def test_a_picture_is_public_wherever_readers_see_it(use):
    from newsdesk.articles.tests.factories import AuthorFactory
    from newsdesk.commerce.tests.factories import ProductFactory
    from newsdesk.desk.media import is_public_media

    image = ImageFactory()
    assert not is_public_media(image)
    if use == "gallery":
        gallery = GalleryFactory(image_count=0)
        gallery.items.create(image=image, position=0)
    elif use == "video poster":
        VideoFactory(poster=image)
    elif use == "product":
        ProductFactory(image=image)
    else:
        AuthorFactory(photo=image)
    assert is_public_media(image)
