"""A media disk that runs full: the editor reads why, nothing is half-written, and the renditions
task finishes once after space is back (issue 15).

The disk is real: a 2 MB tmpfs mounted as MEDIA_ROOT for each test (root, or passwordless sudo,
is needed to mount it; elsewhere the tests skip and say so).
"""

from __future__ import annotations

import errno
import io
import os
import random
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from PIL import Image as PILImage

from newsdesk.galleries.models import Image
from newsdesk.galleries.renditions import (
    CROP_RATIOS,
    FORMATS,
    crop_name,
    rendition_name,
    rendition_widths,
)
from newsdesk.galleries.services import create_image
from newsdesk.galleries.uploads import normalise_upload
from newsdesk.newsroom.groups import EDITOR
from newsdesk.newsroom.tests.helpers import newsroom_user

UPLOAD = reverse("newsroom_media:upload")
IMAGE_ADD = reverse("admin:galleries_image_add")
DISK_FULL_MESSAGE = "Der Speicherplatz für Bilder ist voll; das Bild wurde nicht gespeichert."


def _privileged(*command: str) -> list[str]:
    return list(command) if os.geteuid() == 0 else ["sudo", "-n", *command]


class SmallDisk:
    """A tmpfs of ``size`` as the media folder; ``fill`` leaves only a given number of bytes."""

    def __init__(self, root: Path):
        self.root = root
        self.filler = root / "filler.bin"

    def free_bytes(self) -> int:
        stats = os.statvfs(self.root)
        return stats.f_bavail * stats.f_frsize

    def fill(self, leave: int = 0) -> None:
        with self.filler.open("ab") as handle:
            try:
                while (room := self.free_bytes() - leave) > 0:
                    handle.write(b"\0" * min(room, 256 * 1024))
                    handle.flush()
            except OSError as error:
                if error.errno != errno.ENOSPC:
                    raise

    def make_room(self) -> None:
        self.filler.unlink()

    def files(self) -> set[str]:
        """Every file on the media disk but the filler, hidden ones included."""
        return {
            str(path.relative_to(self.root))
            for path in self.root.rglob("*")
            if path.is_file() and path != self.filler
        }


@pytest.fixture
def media_disk(settings, tmp_path):
    if os.geteuid() != 0 and not shutil.which("sudo"):
        pytest.skip("mounting a small tmpfs needs root or sudo; neither is available here")
    root = tmp_path / "media"
    root.mkdir()
    mounted = subprocess.run(
        _privileged("mount", "-t", "tmpfs", "-o", "size=2m,mode=1777", "tmpfs", str(root)),
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.strip()}")
    settings.MEDIA_ROOT = root
    try:
        yield SmallDisk(root)
    finally:
        subprocess.run(_privileged("umount", "-l", str(root)), check=True)


@pytest.fixture
def editor(client):
    user = newsroom_user(EDITOR)
    client.force_login(user)
    return user


def photo(size=(640, 480)) -> bytes:
    """Noise, so that JPEG cannot pack it small: 240 KB stored, 920 KB of renditions."""
    noise = random.Random(15).randbytes(size[0] * size[1] * 3)
    buffer = io.BytesIO()
    PILImage.frombytes("RGB", size, noise).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def upload_file(data: bytes, name="Messe.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def stored_size(data: bytes) -> int:
    """Bytes the re-encoded original takes on the disk."""
    return len(normalise_upload(upload_file(data)).read())


def assert_every_file_is_a_whole_picture(disk: SmallDisk) -> None:
    for name in disk.files():
        assert not Path(name).name.startswith("."), f"partial file left: {name}"
        with PILImage.open(disk.root / name) as picture:
            picture.load()  # a truncated file raises here


def all_rendition_names(image: Image) -> set[str]:
    names = {
        rendition_name(image.file.name, w, f)
        for w in rendition_widths(image.width)
        for f in FORMATS
    }
    return names | {crop_name(image.file.name, ratio) for ratio in CROP_RATIOS}


@pytest.mark.django_db
def test_an_editor_uploading_to_a_full_media_disk_reads_why_and_nothing_is_stored(
    client, editor, media_disk
):
    media_disk.fill()
    response = client.post(UPLOAD, {"file": upload_file(photo()), "credit": "Foto: Anna"})
    assert response.status_code == 400
    assert DISK_FULL_MESSAGE in response.json()["error"]
    assert not Image.objects.exists()
    assert media_disk.files() == set()

    media_disk.make_room()  # the operator frees space: the same upload now goes through
    response = client.post(UPLOAD, {"file": upload_file(photo()), "credit": "Foto: Anna"})
    assert response.status_code == 201, response.content


@pytest.mark.django_db
def test_the_newsroom_image_form_on_a_full_disk_says_why_and_keeps_nothing(
    client, editor, media_disk
):
    data = photo()
    media_disk.fill(leave=stored_size(data) + 16 * 1024)  # the original fits, its renditions not
    response = client.post(
        IMAGE_ADD,
        {"title": "Messe", "credit": "Foto: Anna", "file": upload_file(data)},
        follow=True,
    )
    assert response.status_code == 200
    assert DISK_FULL_MESSAGE in response.content.decode()
    assert not Image.objects.exists()
    assert media_disk.files() == set()


@pytest.mark.django_db
def test_a_picture_imported_onto_a_full_disk_leaves_no_row_and_no_file(media_disk):
    data = photo()
    media_disk.fill(leave=stored_size(data) + 16 * 1024)
    with pytest.raises(ValidationError) as refused:
        create_image(upload_file(data), title="Import", credit="Foto: Agentur")
    assert refused.value.code == "disk_full"
    assert not Image.objects.exists()
    assert media_disk.files() == set()


@pytest.mark.django_db(transaction=True)
def test_renditions_that_met_a_full_disk_are_written_once_after_space_is_back(
    client, editor, media_disk, real_queue
):
    data = photo()
    media_disk.fill(leave=stored_size(data) + 16 * 1024)
    response = client.post(UPLOAD, {"file": upload_file(data), "credit": "Foto: Anna"})
    assert response.status_code == 201, response.content  # the original itself fits
    image = Image.objects.get()
    task = DBTaskResult.objects.get()

    real_queue.drain()
    task.refresh_from_db()
    assert task.status == TaskResultStatus.READY  # waits for another attempt
    assert "No space left on device" in task.traceback
    assert_every_file_is_a_whole_picture(media_disk)
    assert image.file.name in media_disk.files()

    media_disk.make_room()
    DBTaskResult.objects.filter(pk=task.pk).update(run_after=timezone.now())  # skip the wait
    real_queue.drain()
    task.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL
    assert len(task.worker_ids) == 2
    assert media_disk.files() == {image.file.name} | all_rendition_names(image)
    assert_every_file_is_a_whole_picture(media_disk)
    assert real_queue.drain().tasks_run == 0  # done once: nothing left to run


@pytest.mark.django_db
def test_a_video_whose_poster_meets_a_full_disk_is_not_created_and_the_form_says_why(
    client, editor, media_disk
):
    from newsdesk.videos.models import Video

    media_disk.fill()
    data = {
        "url": "https://vimeo.com/76979871",
        "title": "Messe-Rundgang",
        "poster": upload_file(photo(), "poster.jpg"),
        "poster_credit": "Foto: Vimeo",
    }
    response = client.post(reverse("newsroom_media:video_add"), data)
    assert response.status_code == 400
    assert DISK_FULL_MESSAGE in response.content.decode()
    assert not Video.objects.exists() and not Image.objects.exists()
    assert media_disk.files() == set()
