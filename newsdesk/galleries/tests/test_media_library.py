"""/newsroom/medien/: bulk upload, gallery builder, library, focal point, quick video form."""

import io
import json
import re

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage

from newsdesk.galleries.models import Gallery, GalleryImage, Image
from newsdesk.galleries.renditions import crop_box, crop_name, rendition_name
from newsdesk.galleries.tasks import make_image_renditions
from newsdesk.galleries.tests.factories import GalleryFactory, ImageFactory
from newsdesk.newsroom.groups import AUTHOR, EDITOR
from newsdesk.newsroom.tests.helpers import newsroom_user
from newsdesk.videos.models import Video

pytestmark = pytest.mark.django_db

UPLOAD = reverse("newsroom_media:upload")
GALLERY_ADD = reverse("newsroom_media:gallery_add")
LIBRARY = reverse("newsroom_media:library")


@pytest.fixture(autouse=True)
def redaktion(client):
    user = newsroom_user(EDITOR)
    client.force_login(user)
    return user


def jpeg(size=(800, 450), colour="orange") -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "JPEG")
    return buffer.getvalue()


def upload_file(data: bytes, name="foto.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def test_media_pages_need_a_newsroom_login(client):
    client.logout()
    for url in (LIBRARY, GALLERY_ADD, reverse("newsroom_media:video_add")):
        response = client.get(url)
        assert response.status_code == 302
        assert "/newsroom/login/" in response["Location"]
    assert client.post(UPLOAD).status_code == 302


def test_one_file_of_a_bulk_upload_is_stored_and_rendered_after_commit(
    client, redaktion, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(
            UPLOAD, {"file": upload_file(jpeg(), "Messe 01.jpg"), "credit": "Foto: Anna"}
        )
    assert response.status_code == 201, response.content
    image = Image.objects.get(pk=response.json()["id"])
    assert (image.title, image.credit) == ("Messe 01.jpg", "Foto: Anna")
    assert image.uploaded_by == redaktion
    # Not in the request: the renditions task is queued for after the commit.
    assert not default_storage.exists(rendition_name(image.file.name, 320, "webp"))
    for callback in callbacks:
        callback()
    assert default_storage.exists(rendition_name(image.file.name, 320, "webp"))
    assert default_storage.exists(crop_name(image.file.name, "1x1"))


@pytest.mark.parametrize(
    "data, message",
    [
        (b"<?php echo 1; ?>", "Diese Datei ist kein Bild im Format JPEG, PNG, WebP oder GIF."),
        (jpeg()[:300], "Das Bild ist beschädigt oder unvollständig"),
    ],
    ids=["not-an-image", "truncated"],
)
def test_a_bad_file_gets_its_own_german_message_and_stores_nothing(client, data, message):
    response = client.post(UPLOAD, {"file": upload_file(data, "kaputt.jpg")})
    assert response.status_code == 400
    assert response.json()["name"] == "kaputt.jpg"
    assert message in response.json()["error"]
    assert not Image.objects.exists()


def test_too_many_pixels_is_refused_per_file(client, settings):
    settings.NEWSDESK_MAX_IMAGE_PIXELS = 100 * 100
    response = client.post(UPLOAD, {"file": upload_file(jpeg((200, 200)))})
    assert response.status_code == 400
    assert "Pixel" in response.json()["error"]


def builder_post(images, **extra) -> dict:
    data = {"title": "Messe-Rundgang", "image": [str(image.pk) for image in images]}
    for number, image in enumerate(images):
        data[f"caption-{image.pk}"] = f"Stand {number + 1}"
        data[f"credit-{image.pk}"] = "Foto: Anna"
        data[f"alt-{image.pk}"] = f"Messestand {number + 1}"
    data.update(extra)
    return data


def test_builder_creates_a_gallery_in_the_order_with_captions_credits_and_cover(client):
    images = ImageFactory.create_batch(3, credit="")
    order = [images[2], images[0], images[1]]
    response = client.post(GALLERY_ADD, builder_post(order, cover=str(images[0].pk)))
    gallery = Gallery.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("newsroom_media:gallery", args=[gallery.pk])
    assert gallery.slug == "messe-rundgang"
    assert not gallery.is_published  # published with the article, by whoever may
    assert list(gallery.ordered_images()) == order
    assert gallery.cover == images[0]
    assert [i.caption for i in gallery.ordered_images()] == ["Stand 1", "Stand 2", "Stand 3"]
    assert all(i.credit == "Foto: Anna" for i in gallery.ordered_images())


def test_builder_reorders_and_removes_without_touching_the_images(client):
    gallery = GalleryFactory(image_count=3)
    first, second, third = gallery.ordered_images()
    url = reverse("newsroom_media:gallery", args=[gallery.pk])
    response = client.post(url, builder_post([third, first, second], remove=[str(first.pk)]))
    assert response.status_code == 302
    assert list(gallery.ordered_images()) == [third, second]
    assert Image.objects.filter(pk=first.pk).exists()  # still in the library for reuse
    page = client.get(url).content.decode()
    assert page.index(f'value="{third.pk}"') < page.index(f'value="{second.pk}"')


def test_builder_never_half_writes_a_gallery(client):
    gallery = GalleryFactory(image_count=2)
    before = list(gallery.items.values_list("image_id", "position"))
    kept = gallery.ordered_images().first()
    url = reverse("newsroom_media:gallery", args=[gallery.pk])
    data = builder_post([kept], title="Neu")
    data["image"].append("999999")  # an image deleted meanwhile
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Ein Bild der Bilderstrecke gibt es nicht mehr." in response.content.decode()
    gallery.refresh_from_db()
    assert gallery.title != "Neu"
    assert list(gallery.items.values_list("image_id", "position")) == before


def test_without_javascript_the_form_uploads_all_files_and_keeps_the_good_ones(client):
    files = [
        upload_file(jpeg(colour="red"), "eins.jpg"),
        upload_file(b"kein bild", "zwei.jpg"),
        upload_file(jpeg(colour="blue"), "drei.jpg"),
    ]
    response = client.post(
        GALLERY_ADD,
        {"title": "Ohne Skript", "credit_all": "Foto: Ben", "alt_all": "Messe", "files": files},
    )
    assert response.status_code == 302
    gallery = Gallery.objects.get()
    assert [i.title for i in gallery.ordered_images()] == ["eins.jpg", "drei.jpg"]
    assert {(i.credit, i.alt_text) for i in gallery.ordered_images()} == {("Foto: Ben", "Messe")}
    page = client.get(response["Location"]).content.decode()
    assert "zwei.jpg: Diese Datei ist kein Bild" in page


def test_a_failed_gallery_leaves_no_uploaded_files_behind(client, settings):
    before = {p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()}
    response = client.post(GALLERY_ADD, {"title": "", "files": [upload_file(jpeg(), "a.jpg")]})
    assert response.status_code == 400
    assert "Bitte einen Titel" in response.content.decode()
    assert not Image.objects.exists()
    assert {p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()} == before


def test_a_gallery_with_only_bad_files_is_not_created(client):
    response = client.post(GALLERY_ADD, {"title": "Nichts", "files": [upload_file(b"x", "a.jpg")]})
    assert response.status_code == 400
    assert "mindestens ein Bild" in response.content.decode()
    assert not Gallery.objects.exists() and not Image.objects.exists()


def test_insert_from_the_dialog_hands_the_gallery_to_the_article(client):
    images = ImageFactory.create_batch(2)
    response = client.post(GALLERY_ADD + "?dialog=1", builder_post(images, _insert="1"))
    assert response.status_code == 200
    gallery = Gallery.objects.get()
    page = response.content.decode()
    payload = re.search(r'<script id="embed-chosen" type="application/json">(.*?)</script>', page)
    assert json.loads(payload.group(1)) == {
        "type": "gallery",
        "slug": gallery.slug,
        "title": "Messe-Rundgang",
    }
    assert 'id="header"' not in page  # no newsroom chrome inside the dialog
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_slugs_are_german_and_unique(client):
    for _ in range(2):
        client.post(GALLERY_ADD, builder_post([ImageFactory()], title="Größe zählt"))
    assert sorted(Gallery.objects.values_list("slug", flat=True)) == [
        "groesse-zaehlt",
        "groesse-zaehlt-2",
    ]


def test_new_gallery_from_a_library_selection(client):
    images = ImageFactory.create_batch(2)
    page = client.get(GALLERY_ADD, {"bild": [images[1].pk, images[0].pk]}).content.decode()
    assert page.index(f'name="caption-{images[1].pk}"') < page.index(
        f'name="caption-{images[0].pk}"'
    )


def test_library_searches_and_filters(client):
    GalleryFactory(title="CES Las Vegas", image_count=1)
    ImageFactory(title="Pixel 10 Pro", credit="")
    ImageFactory(title="iPhone 17", credit="Foto: Apple")
    Video.objects.create(
        title="Pixel im Test", slug="pixel", caption="x", provider="youtube", provider_id="a" * 11
    )
    page = client.get(LIBRARY, {"q": "pixel"}).content.decode()
    assert "Pixel 10 Pro" in page and "Pixel im Test" in page
    assert "iPhone 17" not in page and "CES Las Vegas" not in page
    only_missing = client.get(LIBRARY, {"art": "bilder", "ohne_nachweis": "1"}).content.decode()
    assert "Pixel 10 Pro" in only_missing and "iPhone 17" not in only_missing
    assert "Pixel im Test" not in only_missing


def test_choosing_from_the_library_in_the_dialog(client):
    gallery = GalleryFactory(slug="ces", title="CES")
    chooser = client.get(LIBRARY, {"dialog": "1"}).content.decode()
    choose_url = reverse("newsroom_media:choose", args=["gallery", gallery.pk])
    assert choose_url in chooser
    page = client.get(choose_url, {"dialog": "1"}).content.decode()
    assert '"slug": "ces"' in page
    assert client.get(reverse("newsroom_media:choose", args=["article", 1])).status_code == 404


# Focal point


def test_crop_box_centres_on_the_focal_point_within_the_picture():
    assert crop_box(1600, 900, "1x1") == (350, 0, 1250, 900)  # centre, as before
    assert crop_box(1600, 900, "1x1", (0.9, 0.5)) == (700, 0, 1600, 900)  # clamped at the edge
    assert crop_box(1600, 900, "1x1", (0.3, 0.5)) == (30, 0, 930, 900)
    assert crop_box(900, 1600, "16x9", (0.5, 0.1)) == (0, 0, 900, 506)


def test_a_click_sets_the_focal_point_and_the_crops_follow_it(
    client, django_capture_on_commit_callbacks
):
    # Left half red, right half blue: a square crop around the right half is blue.
    picture = PILImage.new("RGB", (1600, 900), "red")
    picture.paste((0, 0, 255), (800, 0, 1600, 900))
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(UPLOAD, {"file": upload_file(buffer.getvalue(), "zwei.png")})
    image = Image.objects.get(pk=response.json()["id"])
    url = reverse("newsroom_media:image", args=[image.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"x": "0.95", "y": "0.5"})
    assert response.status_code == 302
    image.refresh_from_db()
    assert (image.focal_x, image.focal_y) == (0.95, 0.5)
    with default_storage.open(crop_name(image.file.name, "1x1")) as handle:
        crop = PILImage.open(handle).convert("RGB")
        probe = crop.getpixel((crop.width * 3 // 10, crop.height // 2))
    # A centre crop is red at 30 % of its width; this one is moved right, onto the blue half.
    assert probe[2] > 200 and probe[0] < 60
    page = client.get(url).content.decode()
    assert crop_name(image.file.name, "1x1").rsplit("/", 1)[1] in page


def test_focal_point_without_javascript_from_the_clicked_pixel(client):
    image = ImageFactory()  # 1200 x 675, shown 720 wide
    url = reverse("newsroom_media:image", args=[image.pk])
    assert client.post(url, {"focal.x": "180", "focal.y": "101"}).status_code == 302
    image.refresh_from_db()
    assert (round(image.focal_x, 2), round(image.focal_y, 2)) == (0.25, 0.25)


def test_focal_point_outside_the_picture_is_a_form_error(client):
    image = ImageFactory()
    url = reverse("newsroom_media:image", args=[image.pk])
    response = client.post(url, {"x_percent": "140", "y_percent": "50"})
    assert response.status_code == 400
    assert "innerhalb des Bildes" in response.content.decode()
    image.refresh_from_db()
    assert image.focal_x == 0.5


def test_renditions_task_runs_on_the_configured_backend():
    image = ImageFactory()
    result = make_image_renditions.enqueue(image.pk)
    assert result.return_value > 0
    assert default_storage.exists(crop_name(image.file.name, "16x9"))
    assert make_image_renditions.enqueue(999999).return_value == 0


# Video


def test_quick_video_form_creates_a_youtube_video_and_hands_it_over(client):
    response = client.post(
        reverse("newsroom_media:video_add") + "?dialog=1",
        {
            "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "title": "Galaxy S26 im Hands-On",
            "_insert": "1",
        },
    )
    assert response.status_code == 200, response.content.decode()
    video = Video.objects.get()
    assert (video.provider, video.provider_id, video.slug, video.caption) == (
        "youtube",
        "dQw4w9WgXcQ",
        "galaxy-s26-im-hands-on",
        "Galaxy S26 im Hands-On",
    )
    assert not video.is_published
    assert '"type": "video"' in response.content.decode()


def test_quick_video_form_with_poster_needs_its_credit(client):
    data = {
        "url": "https://vimeo.com/76979871",
        "title": "Vimeo",
        "poster": upload_file(jpeg(), "poster.jpg"),
    }
    response = client.post(reverse("newsroom_media:video_add"), data)
    assert response.status_code == 400
    assert "braucht einen Bildnachweis" in response.content.decode()
    data["poster"] = upload_file(jpeg(), "poster.jpg")
    data["poster_credit"] = "Foto: Vimeo"
    response = client.post(reverse("newsroom_media:video_add"), data)
    assert response.status_code == 302
    video = Video.objects.get()
    assert video.provider_id == "76979871" and video.poster.credit == "Foto: Vimeo"


def test_quick_video_form_refuses_other_hosts(client):
    response = client.post(
        reverse("newsroom_media:video_add"), {"url": "https://evil.example/v", "title": "X"}
    )
    assert response.status_code == 400
    assert "YouTube oder Vimeo" in response.content.decode()


# Rights


def test_too_many_files_in_one_form_is_a_400_not_a_500(client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 3
    files = [upload_file(jpeg(), f"{n}.jpg") for n in range(4)]
    response = client.post(GALLERY_ADD, {"title": "Zu viele", "files": files})
    assert response.status_code == 400
    assert not Gallery.objects.exists() and not Image.objects.exists()


def test_the_pages_follow_the_gallery_admins_rights(client, monkeypatch):
    """Rules for roles live in GalleryAdmin (newsroom app); the builder asks it, per gallery."""
    from newsdesk.galleries.admin import GalleryAdmin

    published = GalleryFactory(is_published=True)
    draft = GalleryFactory(is_published=False)
    monkeypatch.setattr(
        GalleryAdmin,
        "has_change_permission",
        lambda self, request, obj=None: obj is None or not obj.is_published,
    )
    assert client.get(reverse("newsroom_media:gallery", args=[draft.pk])).status_code == 200
    url = reverse("newsroom_media:gallery", args=[published.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, builder_post(list(published.ordered_images()))).status_code == 403


def test_autor_cannot_change_a_published_gallery_or_public_captions(client):
    autor = newsroom_user(AUTHOR, "autorin")
    client.force_login(autor)
    published = GalleryFactory(is_published=True, image_count=2)
    url = reverse("newsroom_media:gallery", args=[published.pk])
    assert client.get(url).status_code == 403
    # A public picture may go into her new gallery, but its texts stay as they are.
    public = published.ordered_images().first()
    data = builder_post([public], title="Eigene")
    response = client.post(GALLERY_ADD, data)
    assert response.status_code == 400
    assert "ihre Bildtexte ändert nur die Redaktion" in response.content.decode()
    assert not Gallery.objects.filter(title="Eigene").exists()
    data = {"title": "Eigene", "image": [str(public.pk)]}
    data |= {f"caption-{public.pk}": public.caption, f"credit-{public.pk}": public.credit}
    data[f"alt-{public.pk}"] = public.alt_text
    assert client.post(GALLERY_ADD, data).status_code == 302
    assert (
        client.post(
            reverse("newsroom_media:image", args=[public.pk]), {"x": "0.1", "y": "0.1"}
        ).status_code
        == 403
    )


def test_builder_changes_are_recorded_with_who_made_them(client, redaktion):
    from django.contrib.admin.models import LogEntry

    client.post(GALLERY_ADD, builder_post(ImageFactory.create_batch(2)))
    gallery = Gallery.objects.get()
    entry = LogEntry.objects.get(object_id=str(gallery.pk), content_type__model="gallery")
    assert entry.user == redaktion and "Baukasten" in entry.change_message


def test_autor_builds_galleries_but_the_admins_rules_decide(client):
    autor = newsroom_user(AUTHOR, "autorin")
    client.force_login(autor)
    images = ImageFactory.create_batch(2)
    assert client.post(GALLERY_ADD, builder_post(images)).status_code == 302
    gallery = Gallery.objects.get()
    assert not gallery.is_published
    assert GalleryImage.objects.filter(gallery=gallery).count() == 2


def test_the_article_embed_shows_the_chosen_cover(client):
    from newsdesk.articles.tests.factories import ArticleFactory

    gallery = GalleryFactory(slug="ces", image_count=3)
    first, _second, third = gallery.ordered_images()
    gallery.cover = third
    gallery.save()
    article = ArticleFactory(body="Text.\n\n[[gallery:ces]]")
    page = client.get(article.get_absolute_url()).content.decode()
    cover = re.search(r'<a class="embed-gallery-cover".*?</a>', page, re.S).group(0)
    assert third.file.name.rsplit(".", 1)[0].rsplit("/", 1)[1] in cover
    assert first.file.name.rsplit(".", 1)[0].rsplit("/", 1)[1] not in cover


def test_the_admin_pages_link_to_the_media_tools(client):
    gallery = GalleryFactory(image_count=1)
    image = gallery.ordered_images().first()
    changelist = client.get(reverse("admin:galleries_gallery_changelist")).content.decode()
    assert LIBRARY in changelist and GALLERY_ADD in changelist
    change = client.get(reverse("admin:galleries_gallery_change", args=[gallery.pk]))
    assert reverse("newsroom_media:gallery", args=[gallery.pk]) in change.content.decode()
    change = client.get(reverse("admin:galleries_image_change", args=[image.pk]))
    assert reverse("newsroom_media:image", args=[image.pk]) in change.content.decode()
