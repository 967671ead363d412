"""``newsdesk make-crops`` fills in the crops of images uploaded before they existed."""

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from PIL import Image as PILImage

from newsdesk.galleries.renditions import crop_name
from newsdesk.galleries.tests.factories import ImageFactory

pytestmark = pytest.mark.django_db


def test_missing_crops_are_written_in_their_ratios(capsys):
    image = ImageFactory(file__width=1600, file__height=1200)
    lost = ImageFactory()
    default_storage.delete(lost.file.name)
    call_command("make_crops", verbosity=0)
    sizes = {}
    for ratio in ("16x9", "4x3", "1x1"):
        with default_storage.open(crop_name(image.file.name, ratio)) as handle:
            sizes[ratio] = PILImage.open(handle).size
    assert sizes == {"16x9": (1200, 675), "4x3": (1200, 900), "1x1": (1200, 1200)}
    output = capsys.readouterr()
    assert "1 images cropped, 1 failed." in output.out
    assert f"Bild {lost.pk}" in output.err
