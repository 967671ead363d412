"""``newsdesk bake DIR [--changed] [--jobs N]``: write the public site as static files."""

from __future__ import annotations

from pathlib import Path

from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from newsdesk.pagecache.bake import BakeInProgress, Baker, default_jobs


def static_names_recorded() -> bool:
    """Whether collectstatic has written its table of hashed names (where the storage keeps
    one; a storage without hashed names needs no table)."""
    manifest = getattr(staticfiles_storage, "manifest_name", None)
    return manifest is None or staticfiles_storage.exists(manifest)


class Command(BaseCommand):
    help = (
        "Writes every public page (as <path>/index.html with .gz and .br), static files and "
        "local media into DIR, for nginx or an object store behind a CDN. With --changed, only "
        "pages whose content changed since the last bake into DIR are rendered again, new pages "
        "are added and removed ones deleted: run it from cron or after publishing."
    )

    def execute(self, *args, **options):
        # `--changed` runs from cron every minute or after each change, and its start is most of
        # its time (3 s after a headline edit at 10,000 articles, 1.3 s of it rendering): the
        # system checks, which walk every model and URL pattern, are for `newsdesk check` and
        # the first, full bake.
        if options.get("changed"):
            options["skip_checks"] = True
        return super().execute(*args, **options)

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
        if not no_assets and not (changed and static_names_recorded()):
            # First: pages name their CSS and scripts by the hashed names collectstatic records.
            # A --changed bake, from cron every minute, uses the names the release collected
            # (`docs/deploy.md` runs collectstatic with each release, and the app serves the
            # same names): collecting again rewrote and re-hashed every file, 3.8 s of a
            # --changed run that had nothing to render, and made the copy below copy them all.
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
