"""newsdesk import-wordpress EXPORT.xml [--media DIR] [--dry-run]"""

from __future__ import annotations

import os
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from newsdesk.importers.wordpress import ImportFailed, Options, WordPressImport


class Command(BaseCommand):
    help = (
        "Imports a WordPress export (Werkzeuge > Daten exportieren, WXR): posts, pages, "
        "authors, categories, tags, comments, images and every old address as a redirect. "
        "Safe to repeat: a second run updates what changed and duplicates nothing; an "
        "interrupted run is completed by the next one. --dry-run writes nothing."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("export", type=Path, help="the WXR file WordPress exported")
        parser.add_argument(
            "--media",
            type=Path,
            help="WordPress's wp-content/uploads folder (images missing there are reported)",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="check everything, write nothing"
        )
        parser.add_argument(
            "--tags",
            choices=["topics", "keywords"],
            default="topics",
            help="tags become topics (default) or keywords of the article",
        )
        parser.add_argument("--batch-size", type=int, default=200, help="items per transaction")
        parser.add_argument(
            "--time-zone",
            default="",
            help="the WordPress site's time zone, for dates WordPress stored without one "
            "(default: TIME_ZONE)",
        )

    def handle(self, *args, **options) -> None:
        export: Path = options["export"]
        media: Path | None = options["media"]
        if media is not None and not media.exists():
            raise CommandError(f"Den Medienordner {media} gibt es nicht.")
        if media is not None and not media.is_dir():
            raise CommandError(
                f"{media} ist kein Ordner. --media erwartet WordPress' Ordner wp-content/uploads."
            )
        if media is not None and not os.access(media, os.R_OK | os.X_OK):
            raise CommandError(
                f"Den Medienordner {media} darf dieses Konto nicht lesen. Bitte die Rechte "
                "prüfen (oder als Besitzer des Ordners importieren). Nichts wurde importiert."
            )
        if export.is_dir():
            raise CommandError(
                f"{export} ist ein Ordner. Bitte die XML-Datei angeben, die WordPress unter "
                "„Werkzeuge > Daten exportieren“ geschrieben hat."
            )
        if not export.is_file():
            raise CommandError(f"Die Exportdatei {export} gibt es nicht.")
        if not os.access(export, os.R_OK):
            raise CommandError(f"Die Exportdatei {export} darf dieses Konto nicht lesen.")
        if options["batch_size"] < 1:
            raise CommandError("--batch-size muss mindestens 1 sein.")
        settings = Options(
            media_dir=media,
            dry_run=options["dry_run"],
            tags_as=options["tags"],
            batch_size=options["batch_size"],
            time_zone=options["time_zone"],
        )
        # A check of the whole file, then two passes: the bar counts its bytes three times.
        with tqdm(
            total=export.stat().st_size * 3,
            unit="B",
            unit_scale=True,
            desc="WordPress-Import",
            disable=options["verbosity"] == 0,
        ) as bar:
            try:
                report = WordPressImport(export, settings, progress=bar.update).run()
            except ImportFailed as error:
                raise CommandError(str(error)) from error
        for line in report.lines():
            self.stdout.write(line)
        if not settings.dry_run:
            # Articles, pages and comments are written in bulk, past the signals that keep the
            # search index current: rebuild it so imported articles are found at once.
            call_command("search_reindex", verbosity=options["verbosity"], stdout=self.stdout)
            self.stdout.write(
                "Für „Auch interessant“ der importierten Artikel: newsdesk related-refresh "
                "(rechnet jeden veröffentlichten Artikel neu; bei großen Archiven dauert das)."
            )
