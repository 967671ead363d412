"""newsdesk import-text FILE|DIR [--dry-run]"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from newsdesk.importers.textimport import import_text_file


class Command(BaseCommand):
    help = (
        "Turns articles saved as plain text (from a tech portal page or a wire) into draft "
        "articles: headline, author, teaser, body with subheadings, source, related articles "
        "and products; portal furniture (shop links, share and comment calls, comments) is "
        "dropped. Reports per file what it recognised and what it was unsure about. A DIR "
        "imports every *.txt in it. Re-running skips unchanged files."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path, help="a .txt file or a directory of them")
        parser.add_argument("--dry-run", action="store_true", help="report only, write nothing")

    def handle(self, *args, **options) -> None:
        path: Path = options["path"]
        if path.is_dir():
            files = sorted(p for p in path.glob("*.txt") if p.is_file())
            if not files:
                raise CommandError(f"In {path} liegen keine .txt-Dateien.")
        elif path.is_file():
            files = [path]
        else:
            raise CommandError(f"{path} gibt es nicht.")
        reports = []
        for file in tqdm(files, desc="Text-Import", disable=options["verbosity"] == 0):
            reports.append(import_text_file(file, dry_run=options["dry_run"]))
        for report in reports:
            for line in report.lines():
                self.stdout.write(line)
