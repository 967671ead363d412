"""Uploaded pictures: only real images of allowed formats are stored, re-encoded (TRUST.md B)."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image as PILImage

from newsdesk.galleries.models import Image
from newsdesk.galleries.renditions import rendition_name, rendition_widths
from newsdesk.galleries.services import check_gallery_publishable, create_image
from newsdesk.galleries.tests.factories import GalleryFactory, ImageFactory
from newsdesk.galleries.uploads import normalise_upload


def image_bytes(fmt="JPEG", size=(800, 450), mode="RGB") -> bytes:
    buffer = io.BytesIO()
    PILImage.new(mode, size, "orange").save(buffer, fmt)
    return buffer.getvalue()


def upload(data: bytes, name="foto.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


@pytest.mark.parametrize(
    "fmt, extension", [("JPEG", "jpg"), ("PNG", "png"), ("WEBP", "webp"), ("GIF", "png")]
)
def test_allowed_formats_are_reencoded_under_a_generated_name(fmt, extension):
    mode = "P" if fmt == "GIF" else "RGB"
    content = normalise_upload(upload(image_bytes(fmt, mode=mode), name="../../shell.php.jpg"))
    assert content.name.endswith("." + extension)
    assert "shell" not in content.name and "/" not in content.name
    assert PILImage.open(io.BytesIO(content.read())).size == (800, 450)


def test_polyglot_trailing_html_is_not_kept():
    data = image_bytes("PNG") + b"<html><script>alert(1)</script></html>"
    content = normalise_upload(upload(data, "x.png"))
    assert b"<script>" not in content.read()


@pytest.mark.parametrize(
    "data, message",
    [
        (b"GIF89a<svg onload=alert(1)>", "kein Bild"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "kein Bild"),
        (b"%PDF-1.4 nicht ein Bild", "kein Bild"),
        (image_bytes("JPEG")[:400], "beschädigt"),
        (image_bytes("BMP"), "kein Bild"),
    ],
)
def test_bad_files_get_a_clear_german_error(data, message):
    with pytest.raises(ValidationError) as error:
        normalise_upload(upload(data))
    assert message in " ".join(error.value.messages)


@override_settings(NEWSDESK_MAX_IMAGE_PIXELS=1_000_000)
def test_decompression_bomb_is_refused_before_decoding():
    with pytest.raises(ValidationError) as error:
        normalise_upload(upload(image_bytes("PNG", size=(2000, 1000))))
    assert "zu groß" in " ".join(error.value.messages)


@override_settings(NEWSDESK_MAX_IMAGE_BYTES=1000)
def test_oversized_file_is_refused():
    with pytest.raises(ValidationError) as error:
        normalise_upload(upload(image_bytes("PNG", size=(400, 400))))
    assert "höchstens" in " ".join(error.value.messages)


@pytest.mark.django_db
def test_create_image_stores_jpeg_and_webp_renditions_for_srcset():
    image = create_image(upload(image_bytes(size=(1600, 900))), title="Test", credit="Foto: X")
    assert (image.width, image.height) == (1600, 900)
    assert rendition_widths(1600) == [320, 640, 960, 1280, 1600]
    for width in image.widths:
        for fmt in ("jpeg", "webp"):
            assert default_storage.exists(rendition_name(image.file.name, width, fmt))
    assert "1280w" in image.srcset_webp and image.srcset_webp.count(".webp") == 5


@pytest.mark.django_db
def test_a_failed_upload_writes_no_row():
    with pytest.raises(ValidationError):
        create_image(upload(b"not an image"), title="Kaputt", credit="X")
    assert not Image.objects.filter(title="Kaputt").exists()


def test_small_images_are_not_enlarged():
    assert rendition_widths(500) == [320, 500]
    assert rendition_widths(3000) == [320, 640, 960, 1280, 1920]


@pytest.mark.django_db
def test_gallery_without_credit_on_every_image_cannot_be_published():
    gallery = GalleryFactory(image_count=2, is_published=False)
    check_gallery_publishable(gallery)  # all credited: no error
    uncredited = ImageFactory(credit=" ", title="Ohne Nachweis")
    gallery.items.create(image=uncredited, position=9)
    with pytest.raises(ValidationError) as error:
        check_gallery_publishable(gallery)
    assert "Ohne Nachweis" in " ".join(error.value.messages)
