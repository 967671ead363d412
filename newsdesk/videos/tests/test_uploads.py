"""Uploaded videos: only real MP4 or WebM files, under generated names (TRUST.md B6)."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from newsdesk.videos.models import Video
from newsdesk.videos.uploads import validate_video_file, video_upload_to

MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 100
WEBM = b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01" + b"\x00" * 100


@pytest.mark.parametrize("data", [MP4, WEBM])
def test_mp4_and_webm_are_accepted(data):
    validate_video_file(SimpleUploadedFile("clip.mp4", data))


@pytest.mark.parametrize(
    "name, data",
    [
        ("clip.mp4", b"<html><script>alert(1)</script></html>"),
        ("clip.mp4", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        ("clip.webm", b"#!/bin/sh\nrm -rf /\n"),
        ("clip.mp4", b""),
    ],
)
def test_anything_else_is_refused_with_a_german_message(name, data):
    with pytest.raises(ValidationError, match="kein Video"):
        validate_video_file(SimpleUploadedFile(name, data))


def test_stored_name_is_generated_and_takes_its_extension_from_the_content():
    video = Video(file=SimpleUploadedFile("../../evil.php.html", WEBM))
    name = video_upload_to(video, "../../evil.php.html")
    assert name.startswith("videos/") and name.endswith(".webm")
    assert "evil" not in name and ".." not in name
