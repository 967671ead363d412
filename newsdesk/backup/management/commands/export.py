"""newsdesk export DIR [--with-passwords]"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from newsdesk.backup.archive import ArchiveError, archived_models, export_site


class Command(BaseCommand):
    help = (
        "Writes a complete, versioned archive of the site into an empty directory: every "
        "model of every app (content, revisions, comments, users, redirects, settings) and "
        "all media files. Password hashes only with --with-passwords. Restore with "
        "`newsdesk restore DIR` into an empty installation."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("directory", type=Path, help="an empty or new directory")
        parser.add_argument(
            "--with-passwords",
            action="store_true",
            help="keep password hashes (keep such an archive as safe as the database)",
        )

    def handle(self, *args, **options) -> None:
        rows = sum(m._default_manager.count() for m in archived_models())
        with tqdm(
            total=rows, desc="Export", unit=" Objekte", disable=options["verbosity"] == 0
        ) as bar:
            try:
                report = export_site(
                    options["directory"],
                    with_passwords=options["with_passwords"],
                    progress=bar.update,
                )
            except ArchiveError as error:
                raise CommandError(str(error)) from error
        for line in report.lines(f"Exportiert nach {options['directory']}"):
            self.stdout.write(line)
        if not options["with_passwords"]:
            self.stdout.write(
                "Ohne Passwörter: nach dem Wiederherstellen setzen Konten ihr Passwort neu."
            )
