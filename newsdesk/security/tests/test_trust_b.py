"""TRUST.md group B: uploads and images (gallery images, author photos, poster frames, videos).

Author photos and video posters are ``galleries.Image`` rows, so they pass the same upload
check; the cases post through the newsroom's real add forms wherever a reader of the newsroom
would, and look at the storage afterwards.
"""

from __future__ import annotations

import io
import os
import re
import warnings
import zlib
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from PIL import Image as PILImage
from PIL import ImageFile

from newsdesk.galleries.models import Image
from newsdesk.galleries.services import check_gallery_publishable
from newsdesk.galleries.tests.factories import GalleryFactory, ImageFactory
from newsdesk.newsroom.groups import EDITOR
from newsdesk.newsroom.tests.helpers import form_data, newsroom_user
from newsdesk.videos.models import Video

pytestmark = pytest.mark.django_db

IMAGE_ADD = reverse("admin:galleries_image_add")
VIDEO_ADD = reverse("admin:videos_video_add")
STORED_NAME = re.compile(r"^images/\d{4}/\d{2}/[0-9a-f]{32}\.(jpg|png|webp)$")


def image_bytes(fmt: str = "PNG", size: tuple[int, int] = (640, 360), mode: str = "RGB") -> bytes:
    buffer = io.BytesIO()
    PILImage.new(mode, size, "teal").save(buffer, fmt)
    return buffer.getvalue()


def declared_size_png(width: int, height: int) -> bytes:
    """A tiny PNG whose header declares ``width`` × ``height`` pixels (a decompression bomb)."""
    data = bytearray(image_bytes("PNG", size=(1, 1)))
    # The IHDR chunk's data starts at byte 16 with width and height as big-endian 32-bit
    # numbers; its CRC (over type and data, bytes 12-29) follows at byte 29.
    data[16:20] = width.to_bytes(4, "big")
    data[20:24] = height.to_bytes(4, "big")
    data[29:33] = zlib.crc32(bytes(data[12:29])).to_bytes(4, "big")
    return bytes(data)


def media_files() -> set[str]:
    root = Path(settings.MEDIA_ROOT)
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


def form_errors(response) -> list[str]:
    return re.findall(r'class="errorlist[^>]*>(.*?)</ul>', response.content.decode(), re.S)


def post_image(client, data: bytes, name: str = "foto.jpg", **fields):
    client.force_login(newsroom_user(EDITOR))
    form = form_data(client.get(IMAGE_ADD).content.decode(), "image_form")
    form.update(
        {"title": "Testbild", "caption": "Ein Test", "alt_text": "Test", "credit": "Foto: Test"}
    )
    form.update(fields)
    form["file"] = SimpleUploadedFile(name, data, content_type="image/jpeg")
    return client.post(IMAGE_ADD, form)


# -- B1: polyglots ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "fmt, trailer",
    [
        ("PNG", b"<html><script>alert(1)</script></html>"),
        ("JPEG", b"<?php system($_GET['c']); ?>"),
        ("GIF", b"<svg onload=alert(1)>"),
        ("WEBP", b"<script>alert(document.cookie)</script>"),
    ],
)
def test_b1_polyglot_is_reencoded_and_served_with_exact_type_and_nosniff(client, fmt, trailer):
    """B1: the pixels are re-encoded (no trailing bytes survive) and media are served with
    their exact Content-Type, ``nosniff`` and a sandboxing policy."""
    mode = "P" if fmt == "GIF" else "RGB"
    response = post_image(client, image_bytes(fmt, mode=mode) + trailer, name="x.jpg")
    assert response.status_code == 302, form_errors(response)
    image = Image.objects.get()
    stored = Path(settings.MEDIA_ROOT, image.file.name).read_bytes()
    assert trailer not in stored
    served = client.get(image.file.url)
    assert served.status_code == 200
    expected = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
    assert served["Content-Type"] == expected[image.file.name.rsplit(".", 1)[1]]
    assert served["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in served["Content-Security-Policy"]
    assert "default-src 'none'" in served["Content-Security-Policy"]


@pytest.mark.parametrize("name", ["x.html", "x.svg", "x.js", "x.php", "x", ".htaccess"])
def test_b1_media_view_serves_only_image_and_video_types(client, name):
    """B1: even a file that got into the media folder by other means is not served as a page."""
    Path(settings.MEDIA_ROOT, name).write_bytes(b"<script>alert(1)</script>")
    try:
        response = client.get(f"{settings.MEDIA_URL}{name}")
    finally:
        os.remove(Path(settings.MEDIA_ROOT, name))
    assert response.status_code == 404


@pytest.mark.parametrize("path", ["../settings/base.py", "..%2f..%2fetc%2fpasswd.jpg", "%00.jpg"])
def test_b1_media_view_refuses_traversal(client, path):
    """B1: a path out of the media folder is a 404 (or Django's 400 for a suspicious path)."""
    assert client.get(f"{settings.MEDIA_URL}{path}").status_code in (400, 404)


# -- B2/B3: SVG and XML ----------------------------------------------------------------------

SVG_PAYLOADS = {
    "script": b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    "onload": b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
    "foreignObject": (
        b'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><body xmlns="http://www.w3.org/'
        b'1999/xhtml"><script>alert(1)</script></body></foreignObject></svg>'
    ),
    "javascript-href": (
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        b'<a xlink:href="javascript:alert(1)"><text y="20">x</text></a></svg>'
    ),
    "billion-laughs": (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
        b"<svg>&lol3;</svg>"
    ),
    "xxe": (
        b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        b"<svg>&xxe;</svg>"
    ),
}


@pytest.mark.parametrize("kind", SVG_PAYLOADS)
@pytest.mark.parametrize("name", ["bild.svg", "bild.jpg", "bild.png"])
def test_b2_b3_svg_and_xml_are_refused_for_everyone_before_parsing(client, kind, name):
    """B2/B3: no role may upload SVG; XML is never handed to a parser (no DTD, no entities),
    whatever the file is called."""
    before = media_files()
    response = post_image(client, SVG_PAYLOADS[kind], name=name)
    assert response.status_code == 200
    assert "kein Bild im Format JPEG, PNG, WebP oder GIF" in response.content.decode()
    assert not Image.objects.exists()
    assert media_files() == before


@pytest.mark.parametrize("kind", ["script", "foreignObject"])
def test_b2_svg_renamed_as_video_is_refused(client, kind):
    client.force_login(newsroom_user(EDITOR))
    form = form_data(client.get(VIDEO_ADD).content.decode(), "video_form")
    form.update({"title": "V", "slug": "v", "caption": "V", "provider": "file"})
    form["file"] = SimpleUploadedFile("clip.mp4", SVG_PAYLOADS[kind], content_type="video/mp4")
    response = client.post(VIDEO_ADD, form)
    assert "kein Video im Format MP4 oder WebM" in response.content.decode()
    assert not Video.objects.exists()


# -- B4: decompression bombs -----------------------------------------------------------------


@pytest.mark.parametrize(
    "width, height",
    [
        (30000, 30000),  # 900 Mpx: above 2x Pillow's limit, Pillow raises
        (10000, 10000),  # 100 Mpx: between 1x and 2x Pillow's limit, Pillow only warns
        (8000, 7000),  # 56 Mpx: below Pillow's limit, above ours
        (65535, 1000),  # a strip: an absurd width counts in pixels like any other size
    ],
    ids=["above-2x", "warning-band", "above-ours", "strip"],
)
def test_b4_decompression_bomb_is_a_form_error_before_decoding(client, width, height):
    """B4: the declared size is checked before any pixel is decoded; Pillow's warning band
    (1x-2x its limit) counts as an error too."""
    if width * height <= settings.NEWSDESK_MAX_IMAGE_PIXELS:
        pytest.skip("within the configured limit")
    before = media_files()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a warning that escaped would fail the test
        response = post_image(client, declared_size_png(width, height))
    assert response.status_code == 200
    errors = " ".join(form_errors(response))
    assert "Pixel" in errors and "höchstens 24 Millionen Pixel" in errors
    assert not Image.objects.exists()
    assert media_files() == before


def test_b4_the_reviewed_7070_pixel_square_png_is_refused_before_decoding(client):
    """B4: 7,070 x 7,070 (50 Mpx) in 162 KB took 14 s and 525 MB per upload under the old
    50 Mpx limit; the default limit is 24 Mpx, read from the header."""
    response = post_image(client, declared_size_png(7070, 7070))
    errors = " ".join(form_errors(response))
    assert "7070 × 7070 Pixel" in errors and "höchstens 24 Millionen Pixel" in errors
    assert not Image.objects.exists()


@pytest.mark.parametrize("width, height", [(4000, 3000), (6000, 4000)])
def test_b4_a_large_picture_packed_into_a_tiny_file_is_refused(client, width, height):
    """B4: within the pixel limit, but a few hundred bytes for 12 or 24 Mpx: a bomb."""
    before = media_files()
    response = post_image(client, declared_size_png(width, height))
    errors = " ".join(form_errors(response))
    assert "Dekompressionsbomben" in errors and f"{width} × {height} Pixel" in errors
    assert not Image.objects.exists()
    assert media_files() == before


@override_settings(NEWSDESK_MAX_IMAGE_PIXELS=200_000_000)
def test_b4_pillow_warning_band_is_an_error_even_when_our_limit_is_raised(client):
    """B4: with our own limit above Pillow's, Pillow's warning still refuses the upload."""
    response = post_image(client, declared_size_png(10000, 10000))
    assert "zu viele Pixel" in response.content.decode()
    assert not Image.objects.exists()


# -- B5: exotic formats ----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["BMP", "TIFF", "PPM", "ICO", "TGA", "PCX", "SGI", "DDS"])
def test_b5_formats_outside_the_allow_list_are_never_opened(client, fmt):
    """B5: only JPEG, PNG, WebP and GIF decoders run on uploads."""
    response = post_image(client, image_bytes(fmt), name=f"bild.{fmt.lower()}")
    assert "kein Bild im Format JPEG, PNG, WebP oder GIF" in response.content.decode()
    assert not Image.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        b"SIMPLE  =                    T" + b" " * 50,  # FITS
        b"8BPS\x00\x01" + b"\x00" * 40,  # PSD
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",  # PDF
        b"\x00\x00\x00\x0cjP  \r\n\x87\n",  # JPEG 2000
        b"PK\x03\x04" + b"\x00" * 40,  # ZIP / Office document
    ],
    ids=["fits", "psd", "pdf", "jpeg2000", "zip"],
)
def test_b5_exotic_files_get_the_format_error(client, data):
    response = post_image(client, data)
    assert "kein Bild im Format JPEG, PNG, WebP oder GIF" in response.content.decode()
    assert not Image.objects.exists()


# -- B6: file names --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "../../x.jpg",
        "..\\..\\x.jpg",
        "/etc/passwd.jpg",
        "shell.php.jpg",
        "shell.php",
        "a.jpg\x00.php",
        "\u202egpj.php",  # right-to-left override: shows as "php.jpg"
        "x" * 300 + ".jpg",
        "bild mit leerzeichen & umlauten äöü.JPG",
        ".htaccess",
        "CON.jpg",
    ],
    ids=lambda n: repr(n)[:30],
)
def test_b6_stored_under_a_generated_name_with_the_detected_extension(client, name):
    """B6: nothing of the uploaded name reaches storage; the extension comes from the content."""
    response = post_image(client, image_bytes("PNG"), name=name)
    assert response.status_code == 302, form_errors(response)
    stored = Image.objects.get().file.name
    assert STORED_NAME.match(stored), stored
    assert stored.endswith(".png")
    assert (
        Path(settings.MEDIA_ROOT, stored)
        .resolve()
        .is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    )


# -- B7: too many files, fields, bytes -------------------------------------------------------


def many_files(count: int) -> dict:
    return {f"file{i}": SimpleUploadedFile(f"{i}.png", b"x") for i in range(count)}


@pytest.mark.parametrize(
    "payload",
    [
        pytest.param(lambda: many_files(settings.DATA_UPLOAD_MAX_NUMBER_FILES + 1), id="files+1"),
        pytest.param(lambda: many_files(101), id="101-files"),
        pytest.param(
            lambda: {f"f{i}": "x" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)},
            id="fields+1",
        ),
        pytest.param(lambda: {f"f{i}": "x" for i in range(2_500)}, id="2500-fields"),
        pytest.param(
            lambda: {"big": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)}, id="body-too-big"
        ),
    ],
)
@pytest.mark.parametrize("url", [IMAGE_ADD, VIDEO_ADD, "/kommentare/{article}/"])
def test_b7_too_many_files_or_fields_get_400_not_500(client, payload, url):
    """B7 (CVE-2023-24580): Django's limits answer 400 with a German page, in the newsroom
    and on the public comment form alike."""
    from newsdesk.articles.tests.factories import ArticleFactory

    client.force_login(newsroom_user(EDITOR))
    url = url.format(article=ArticleFactory().pk)
    before = media_files()
    response = client.post(url, payload())
    assert response.status_code == 400
    assert "Diese Anfrage können wir nicht verarbeiten." in response.content.decode()
    assert media_files() == before


@override_settings(NEWSDESK_MAX_IMAGE_BYTES=50_000)
def test_b7_image_over_the_size_limit_gets_a_form_error(client):
    big = image_bytes("PNG", size=(1200, 1200))
    noise = PILImage.effect_noise((400, 400), 90).convert("RGB")
    buffer = io.BytesIO()
    noise.save(buffer, "PNG")
    big = buffer.getvalue()
    assert len(big) > 50_000
    response = post_image(client, big)
    assert "erlaubt sind höchstens" in response.content.decode()
    assert not Image.objects.exists()


@override_settings(NEWSDESK_MAX_VIDEO_BYTES=1000)
def test_b7_video_over_the_size_limit_gets_a_form_error(client):
    client.force_login(newsroom_user(EDITOR))
    form = form_data(client.get(VIDEO_ADD).content.decode(), "video_form")
    form.update({"title": "V", "slug": "v", "caption": "V", "provider": "file"})
    mp4 = b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 5000
    form["file"] = SimpleUploadedFile("clip.mp4", mp4, content_type="video/mp4")
    response = client.post(VIDEO_ADD, form)
    assert "Das Video ist größer als" in response.content.decode()
    assert not Video.objects.exists()


# -- B8: truncated and corrupt images --------------------------------------------------------


def truncated(fmt: str, keep: float) -> bytes:
    noise = PILImage.effect_noise((300, 300), 90).convert("RGB")
    buffer = io.BytesIO()
    noise.save(buffer, fmt)
    data = buffer.getvalue()
    return data[: int(len(data) * keep)]


@pytest.mark.parametrize(
    "data",
    [
        truncated("JPEG", 0.5),
        truncated("JPEG", 0.05),
        truncated("PNG", 0.5),
        truncated("WEBP", 0.5),
        image_bytes("JPEG")[:2] + b"\x00" * 500,
        b"\x89PNG\r\n\x1a\n" + b"\xff" * 100,
        b"GIF89a\x01\x00\x01\x00",
        b"",
    ],
    ids=[
        "jpeg-half",
        "jpeg-5pc",
        "png-half",
        "webp-half",
        "jpeg-soi-zeros",
        "png-junk",
        "gif-hdr",
        "empty",
    ],
)
def test_b8_truncated_or_corrupt_image_is_refused_and_nothing_is_written(client, data):
    """B8: a clear form error; LOAD_TRUNCATED_IMAGES stays off; no row, no file."""
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False
    before = media_files()
    response = post_image(client, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        "beschädigt oder unvollständig" in html
        or "kein Bild im Format" in html
        or "leer" in html.lower()
    )
    assert not Image.objects.exists()
    assert media_files() == before


# -- B9: credits -----------------------------------------------------------------------------


@pytest.mark.parametrize("credit", ["", " ", "\t\n"])
def test_b9_gallery_with_an_uncredited_image_cannot_be_published(client, credit):
    """B9: the publish action refuses, names the image, and the gallery stays unpublished."""
    gallery = GalleryFactory(image_count=2, is_published=False)
    gallery.items.create(image=ImageFactory(credit=credit, title="Ohne Nachweis"), position=5)
    client.force_login(newsroom_user(EDITOR))
    response = client.post(
        reverse("admin:galleries_gallery_changelist"),
        {"action": "publish", "_selected_action": [gallery.pk]},
        follow=True,
    )
    assert "Ohne Nachweis" in response.content.decode()
    gallery.refresh_from_db()
    assert not gallery.is_published
    with pytest.raises(Exception):  # noqa: B017 - ValidationError, asserted via the message above
        check_gallery_publishable(gallery)
