"""Images and galleries in the newsroom: uploads, renditions, credit before publication."""

import io

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage

from newsdesk.galleries.models import Gallery, Image
from newsdesk.galleries.renditions import rendition_name
from newsdesk.galleries.tests.factories import GalleryFactory, ImageFactory
from newsdesk.newsroom.groups import EDITOR
from newsdesk.newsroom.tests.helpers import form_data, newsroom_user

pytestmark = pytest.mark.django_db

IMAGE_ADD = reverse("admin:galleries_image_add")
GALLERY_ADD = reverse("admin:galleries_gallery_add")


@pytest.fixture(autouse=True)
def redaktion(client):
    user = newsroom_user(EDITOR)
    client.force_login(user)
    return user


def jpeg(size=(800, 450)) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, "orange").save(buffer, "JPEG")
    return buffer.getvalue()


def stored_files() -> set[str]:
    return {
        str(p.relative_to(settings.MEDIA_ROOT))
        for p in settings.MEDIA_ROOT.rglob("*")
        if p.is_file()
    }


def post_image(client, data: bytes, name="foto.jpg"):
    upload = SimpleUploadedFile(name, data, content_type="image/jpeg")
    return client.post(IMAGE_ADD, {"title": "Testbild", "credit": "Foto: Test", "file": upload})


def test_upload_stores_a_reencoded_image_with_renditions(client, redaktion):
    response = post_image(client, jpeg())
    assert response.status_code == 302, response.content.decode()
    image = Image.objects.get()
    assert (image.width, image.height) == (800, 450)
    assert image.uploaded_by == redaktion
    assert not image.file.name.endswith("foto.jpg")
    assert default_storage.exists(rendition_name(image.file.name, 320, "webp"))
    listing = client.get(reverse("admin:galleries_image_changelist")).content.decode()
    assert image.thumbnail_url in listing


@pytest.mark.parametrize(
    "data, message",
    [
        (
            b"<?php echo 'hallo'; ?>",
            "Diese Datei ist kein Bild im Format JPEG",
        ),
        (jpeg()[:400], "Das Bild ist beschädigt oder unvollständig und lässt sich nicht öffnen."),
    ],
    ids=["not-an-image", "truncated-jpeg"],
)
def test_bad_upload_gives_a_german_form_error_and_stores_nothing(client, data, message):
    before = stored_files()
    response = post_image(client, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Image.objects.exists()
    assert stored_files() == before


def gallery_data(client, image, publish=True):
    data = form_data(client.get(GALLERY_ADD).content.decode(), "gallery_form")
    data.update(
        {
            "title": "Galaxy S7 in Bildern",
            "slug": "s7-bilder",
            "items-0-image": str(image.pk),
            "items-0-position": "0",
        }
    )
    if publish:
        data["is_published"] = "on"
    return data


def test_gallery_cannot_be_published_while_an_image_lacks_a_credit(client):
    image = ImageFactory(title="Rückseite", credit="")
    response = client.post(GALLERY_ADD, gallery_data(client, image))
    assert response.status_code == 200
    assert "Ohne Bildnachweis kann die Bilderstrecke nicht veröffentlicht werden" in (
        response.content.decode()
    )
    assert "Rückseite" in response.content.decode()
    assert not Gallery.objects.exists()

    # As a draft it may be saved; once the credit is there it may go public.
    assert client.post(GALLERY_ADD, gallery_data(client, image, publish=False)).status_code == 302
    image.credit = "Foto: Hersteller"
    image.save()
    gallery = Gallery.objects.get()
    response = client.post(
        reverse("admin:galleries_gallery_changelist"),
        {"action": "publish", "_selected_action": [gallery.pk]},
    )
    gallery.refresh_from_db()
    assert gallery.is_published


def test_publish_action_refuses_a_gallery_without_credit(client):
    gallery = GalleryFactory(is_published=False, image_count=1)
    gallery.images.update(credit="")
    response = client.post(
        reverse("admin:galleries_gallery_changelist"),
        {"action": "publish", "_selected_action": [gallery.pk]},
        follow=True,
    )
    assert "Ohne Bildnachweis" in response.content.decode()
    gallery.refresh_from_db()
    assert not gallery.is_published
