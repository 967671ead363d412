"""newsdesk restore DIR"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from newsdesk.backup.archive import ArchiveError, read_manifest, restore_site


class Command(BaseCommand):
    help = (
        "Restores an archive written by `newsdesk export` into an empty installation (run "
        "`newsdesk migrate` first). Refuses an installation that already has content, and "
        "changes nothing then. All or nothing: a failed restore leaves the installation empty."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("directory", type=Path, help="the archive directory")

    def handle(self, *args, **options) -> None:
        source: Path = options["directory"]
        try:
            manifest = read_manifest(source)
        except ArchiveError as error:
            raise CommandError(str(error)) from error
        total = sum(manifest.get("models", {}).values()) + manifest.get("media_files", 0)
        with tqdm(
            total=total, desc="Wiederherstellen", unit=" Objekte", disable=options["verbosity"] == 0
        ) as bar:
            try:
                report = restore_site(source, progress=bar.update)
            except ArchiveError as error:
                raise CommandError(str(error)) from error
            except json.JSONDecodeError as error:
                raise CommandError(f"Das Archiv ist beschädigt: {error}.") from error
        for line in report.lines(f"Wiederhergestellt aus {source}"):
            self.stdout.write(line)
        # Said from what was restored, not from what the manifest claims.
        if report.passwords_restored:
            self.stdout.write(
                f"Passwörter aus dem Archiv übernommen für {len(report.passwords_restored)} "
                f"Konten: {', '.join(report.passwords_restored)}."
            )
        else:
            self.stdout.write(
                "Keine Passwörter übernommen: Konten setzen ihr Passwort neu "
                "(newsdesk changepassword NAME)."
            )
        if report.privileged:
            self.stdout.write(
                "Konten mit Zugang zur Redaktion, bitte prüfen: " + ", ".join(report.privileged)
            )
