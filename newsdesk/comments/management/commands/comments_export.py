import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from newsdesk.comments.gdpr import export_email


class Command(BaseCommand):
    help = (
        "Writes everything stored for one e-mail address (comments, notification consent) as "
        "JSON, for a GDPR access request: newsdesk comments-export reader@example.org > data.json"
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("email")

    def handle(self, *args, **options) -> None:
        email = options["email"].strip().lower()
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(f"{options['email']!r} is not an e-mail address.") from None
        self.stdout.write(json.dumps(export_email(email), ensure_ascii=False, indent=2))
