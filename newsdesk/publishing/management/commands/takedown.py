"""``newsdesk takedown URL --reason TEXT [--by USER] [--baked DIR]``."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from newsdesk.publishing.takedowns import TakedownError, take_down


class Command(BaseCommand):
    help = (
        "Takes an address out of public view at once, for a legal or editorial takedown: "
        "unpublishes what it shows, drops the app's cached copies on every host name, purges "
        "Varnish hard (and fails if Varnish does not confirm), deletes its baked files, records "
        "who and why, and prints every place it cleared."
    )
    # A takedown is urgent (often a legal duty) and every second of start-up keeps the page
    # public: Django's system checks (0.3 s and more, walking every URL pattern and model) are
    # for `newsdesk check` and the server's start, not for this.
    requires_system_checks = []

    def add_arguments(self, parser) -> None:
        parser.add_argument("url", help="The address: a path (/news/...) or a full URL.")
        parser.add_argument("--reason", required=True, help="Why, for the record.")
        parser.add_argument("--by", help="Username of who asked for it (the record's author).")
        parser.add_argument(
            "--baked",
            action="append",
            default=None,
            metavar="DIR",
            help="A folder `newsdesk bake` writes into (repeatable; default: NEWSDESK_BAKE_DIR).",
        )

    def handle(self, *args, url: str, reason: str, by: str | None, baked, **options) -> None:
        user = None
        if by:
            try:
                user = get_user_model()._default_manager.get_by_natural_key(by)
            except get_user_model().DoesNotExist:
                raise CommandError(f"No user {by!r}; nothing was changed.") from None
        if baked is None:
            baked = [settings.NEWSDESK_BAKE_DIR] if settings.NEWSDESK_BAKE_DIR else []
        try:
            outcome = take_down(url, reason, user, [Path(d) for d in baked])
        except TakedownError as error:
            raise CommandError(f"{error} Nothing was changed.") from None
        for place in outcome.cleared:
            self.stdout.write(f"cleared  {place}")
        for failure in outcome.failures:
            self.stderr.write(f"FAILED   {failure}")
        if outcome.failures:
            raise CommandError(
                f"Takedown {outcome.takedown.pk} of {outcome.takedown.url} is incomplete; "
                "run it again once the failure above is fixed."
            )
        self.stdout.write(
            self.style.SUCCESS(f"Takedown {outcome.takedown.pk} of {outcome.takedown.url} done.")
        )
