"""``newsdesk make-crops``: the 16:9, 4:3 and 1:1 crops structured data and previews point to.

New uploads get them with their renditions; this fills them in for images uploaded before, or
redoes all of them with ``--all``.
"""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from tqdm import tqdm

from newsdesk.galleries.models import Image
from newsdesk.galleries.renditions import CROP_RATIOS, crop_name, make_crops
from newsdesk.publishing import follow


class Command(BaseCommand):
    help = (
        "Writes the 16:9, 4:3 and 1:1 crops of every image that lacks one (with --all: of every "
        "image). Structured data and social previews link to them."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--all", action="store_true", help="Redo the crops of every image.")

    def handle(self, *args, all: bool, **options) -> None:
        images = Image.objects.only("pk", "file", "focal_x", "focal_y").order_by("pk")
        made = failed = 0
        quiet = options["verbosity"] == 0
        for image in tqdm(images.iterator(500), total=images.count(), unit="image", disable=quiet):
            missing = all or not all_crops_exist(image.file.name)
            if not missing:
                continue
            try:
                make_crops(image.file.name, focal=image.focal_point)
            except (OSError, ValueError) as error:  # a lost or unreadable original
                failed += 1
                self.stderr.write(f"Bild {image.pk} ({image.file.name}): {error}")
                continue
            made += 1
            # Pages showing the image named a rendition in place of the missing crops (seo.jsonld):
            # render them again so that structured data and previews name the crops now.
            follow.files_changed(follow.image_keys(image))
        self.stdout.write(self.style.SUCCESS(f"{made} images cropped, {failed} failed."))


def all_crops_exist(name: str) -> bool:
    return all(default_storage.exists(crop_name(name, ratio)) for ratio in CROP_RATIOS)
