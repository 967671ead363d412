"""``newsdesk bake DIR [--changed] [--jobs N]``: write the public site as static files."""

from __future__ import annotations

from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from newsdesk.pagecache.bake import BakeInProgress, Baker, default_jobs


class Command(BaseCommand):
    help = (
        "Writes every public page (as <path>/index.html with .gz and .br), static files and "
        "local media into DIR, for nginx or an object store behind a CDN. With --changed, only "
        "pages whose content changed since the last bake into DIR are rendered again, new pages "
        "are added and removed ones deleted: run it from cron or after publishing."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("directory", help="Where to write the site.")
        parser.add_argument(
            "--changed",
            action="store_true",
            help="Only re-render what changed since the last bake.",
        )
        parser.add_argument(
            "--jobs",
            type=int,
            default=default_jobs(),
            help="Worker processes that render pages (default: one per CPU, %(default)s here).",
        )
        parser.add_argument(
            "--no-assets", action="store_true", help="Skip copying static files and media."
        )

    def handle(
        self, *args, directory: str, changed: bool, jobs: int, no_assets: bool, **options
    ) -> None:
        target = Path(directory)
        if target.exists() and not target.is_dir():
            raise CommandError(f"{target} exists and is not a folder.")
        if jobs < 1:
            raise CommandError("--jobs must be at least 1.")
        if not no_assets:
            # First: pages name their CSS and scripts by the hashed names collectstatic records.
            call_command("collectstatic", interactive=False, verbosity=0)
        baker = Baker(target, jobs=jobs)
        quiet = options["verbosity"] == 0
        with tqdm(total=0, unit="page", disable=quiet) as bar:

            def planned(count: int) -> None:
                bar.total += count
                bar.refresh()

            baker.planned = planned
            baker.progress = bar.update
            try:
                report = baker.bake(only_changed=changed)
            except BakeInProgress as error:
                raise CommandError(f"{error} Nothing was changed; run it again later.") from None
        assets = 0 if no_assets else baker.copy_assets()
        for path, status in report.failed:
            self.stderr.write(f"Not baked: {path} answered {status}.")
        self.stdout.write(
            self.style.SUCCESS(
                f"{report.rendered} pages rendered, {report.unchanged} unchanged, {report.removed} "
                f"removed, {assets} asset files copied in {report.seconds:.2f} s "
                f"({report.pages_per_second:.0f} pages/s)."
            )
        )
        if report.failed:
            raise CommandError(f"{len(report.failed)} pages could not be baked.")
