from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from newsdesk.comments.gdpr import erase_email, export_email
from newsdesk.comments.models import ModerationSettings


class Command(BaseCommand):
    help = (
        "Erases one e-mail address under the GDPR: its comments are anonymised or removed as the "
        "site's moderation rules say (--mode overrides), its notification consent deleted. "
        "Shows what it would do unless --for-real is given."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("email")
        parser.add_argument(
            "--mode", choices=[choice for choice, _label in ModerationSettings.Erasure.choices]
        )
        parser.add_argument(
            "--for-real", action="store_true", help="Actually erase. Default is a dry run."
        )

    def handle(self, *args, **options) -> None:
        email = options["email"].strip().lower()
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(f"{options['email']!r} is not an e-mail address.") from None
        found = len(export_email(email)["comments"])
        mode = options["mode"] or ModerationSettings.load().erasure
        if not options["for_real"]:
            self.stdout.write(
                f"{found} comments of {email} would be erased ({mode}). Add --for-real to do it."
            )
            return
        result = erase_email(email, mode)
        self.stdout.write(
            f"{result.removed} comments removed, {result.anonymised} anonymised; "
            f"nothing of {email} is left."
        )
