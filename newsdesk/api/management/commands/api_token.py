"""``newsdesk api-token create USER --scopes read_drafts,write_drafts``: prints the key once."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from newsdesk.api.models import ApiToken
from newsdesk.api.tokens import SCOPES, create_token


class Command(BaseCommand):
    help = (
        "Create, list or revoke API tokens of newsroom accounts. A new token's key is printed "
        "once and stored only as a hash: copy it from the output."
    )

    def add_arguments(self, parser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="a new token for USER")
        create.add_argument("username")
        create.add_argument(
            "--scopes",
            default="",
            help=f"comma-separated, of {', '.join(SCOPES)}; none reads only public content",
        )
        create.add_argument("--name", default="API", help="what the token is for")
        listing = sub.add_parser("list", help="the tokens of USER (never their keys)")
        listing.add_argument("username")
        revoke = sub.add_parser("revoke", help="stop a token by its prefix (nd_…)")
        revoke.add_argument("prefix")

    def handle(self, *args, action: str, **options) -> None:
        getattr(self, f"handle_{action}")(**options)

    def _user(self, username: str):
        try:
            return get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"There is no account named {username!r}.") from None

    def handle_create(self, username: str, scopes: str, name: str, **options) -> None:
        user = self._user(username)
        try:
            token, key = create_token(
                user, name, [s.strip() for s in scopes.split(",") if s.strip()]
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(key)
        self.stderr.write(
            f"Token {token.prefix}… for {user.get_username()} with scopes "
            f"{', '.join(token.scopes) or '(none)'}. The key above is shown only now."
        )

    def handle_list(self, username: str, **options) -> None:
        for token in self._user(username).api_tokens.all():
            state = "revoked" if token.revoked_at else "live"
            self.stdout.write(f"{token.prefix}…  {state}  {','.join(token.scopes)}  {token.name}")

    def handle_revoke(self, prefix: str, **options) -> None:
        count = ApiToken.objects.filter(prefix=prefix.rstrip("…."), revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        if not count:
            raise CommandError(f"No live token starts with {prefix!r}.")
        self.stdout.write(f"Revoked {count} token(s).")
