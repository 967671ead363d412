"""``newsdesk demo``: fill the database with the demo newsroom."""

from __future__ import annotations

import time

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from newsdesk.demo.loader import build_showcase, load_demo


class Command(BaseCommand):
    help = (
        "Lädt den Demo-Newsroom: Artikel, Bilderstrecken, Videos, Produkte, Kommentare, "
        "Impressum, Datenschutz und zwei Demo-Zugänge. Nach ‚migrate‘ ausführen; ein zweiter "
        "Lauf ändert nichts."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--showcase-only",
            action="store_true",
            help="Nur den Beispielartikel mit allem, was er braucht, anlegen.",
        )

    def handle(self, *args, showcase_only: bool = False, **options) -> None:
        started = time.monotonic()
        self.verbosity = options["verbosity"]
        try:
            if showcase_only:
                article = build_showcase()
                self.stdout.write(f"Beispielartikel: {article.get_absolute_url()}")
                return
            report = load_demo(progress=self._progress)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        seconds = time.monotonic() - started
        if report.changed:
            summary = ", ".join(f"{count} {name}" for name, count in sorted(report.created.items()))
            self.stdout.write(self.style.SUCCESS(f"Angelegt in {seconds:.1f} s: {summary}."))
        else:
            self.stdout.write(
                f"Nichts zu tun: Der Demo-Newsroom ist schon vollständig ({seconds:.1f} s)."
            )
        self.stdout.write("\nDemo-Zugänge für den Newsroom (/newsroom/):")
        for username, password, group in report.accounts:
            self.stdout.write(f"  {username} / {password}  ({group})")
        self.stdout.write("  (Passwörter gelten, solange niemand sie geändert hat.)")

    def _progress(self, steps):
        return tqdm(
            steps,
            desc="Demo-Inhalte",
            unit="Schritt",
            file=self.stderr._out,
            disable=self.verbosity == 0,
            leave=False,
        )
