"""``newsdesk create-editor``: a staff account in one of the newsroom's roles."""

from __future__ import annotations

import getpass
import os
import sys

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from newsdesk.articles.models import Author
from newsdesk.core.text import german_slugify
from newsdesk.newsroom.groups import ADMIN, AUTHOR, EDITOR, MODERATOR, sync_groups

ROLES = (AUTHOR, EDITOR, MODERATOR, ADMIN)
# Roles that write and therefore get a byline profile.
WRITING_ROLES = (AUTHOR, EDITOR)


class Command(BaseCommand):
    help = (
        "Creates a newsroom account (staff user) in one role: Autor, Redaktion, Moderation or "
        "Admin. Asks for the password unless --password-from-env names a variable holding it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=ROLES)
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--name",
            default="",
            help='Full name, as the byline shows it (e.g. "Anna Beispiel"); default: username.',
        )
        parser.add_argument(
            "--password-from-env",
            metavar="VAR",
            help="Read the password from this environment variable (for scripts).",
        )
        parser.add_argument(
            "--no-author",
            action="store_true",
            help="Do not create a byline profile (Autor and Redaktion get one by default).",
        )

    def handle(self, *args, **options) -> None:
        User = get_user_model()
        username = options["username"].strip()
        if not username:
            raise CommandError(_("Der Benutzername darf nicht leer sein."))
        if User.objects.filter(username=username).exists():
            raise CommandError(_("Den Benutzer „%(name)s“ gibt es schon.") % {"name": username})
        email = options["email"].strip()
        if email:
            try:
                validate_email(email)
            except ValidationError:
                raise CommandError(
                    _("„%(email)s“ ist keine gültige E-Mail-Adresse.") % {"email": email}
                ) from None
        full_name = " ".join(options["name"].split())
        first_name, _sep, last_name = full_name.partition(" ")
        user = User(
            username=username,
            email=email,
            is_staff=True,
            first_name=first_name,
            last_name=last_name,
        )
        user.set_password(self._password(options["password_from_env"], user))
        with transaction.atomic():
            sync_groups()  # the role groups exist even before the first migrate signal
            user.save()
            user.groups.add(Group.objects.get(name=options["role"]))
            if options["role"] in WRITING_ROLES and not options["no_author"]:
                name = full_name or username
                Author.objects.create(name=name, slug=self._author_slug(name), user=user)
        self.stdout.write(
            self.style.SUCCESS(
                _("%(name)s (%(role)s) ist angelegt. Anmelden unter /newsroom/.")
                % {"name": username, "role": options["role"]}
            )
        )

    def _password(self, variable: str | None, user) -> str:
        if variable:
            password = os.environ.get(variable)
            if not password:
                raise CommandError(
                    _("Die Umgebungsvariable %(var)s ist nicht gesetzt oder leer.")
                    % {"var": variable}
                )
        else:
            if not self.stdin_is_interactive():
                raise CommandError(
                    _("Kein Terminal für die Passwortabfrage: bitte --password-from-env nutzen.")
                )
            password = getpass.getpass(_("Passwort: "))
            if password != getpass.getpass(_("Passwort (wiederholen): ")):
                raise CommandError(_("Die Passwörter stimmen nicht überein."))
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        return password

    def stdin_is_interactive(self) -> bool:
        return sys.stdin.isatty()

    @staticmethod
    def _author_slug(username: str) -> str:
        base = german_slugify(username) or "autor"
        slug, number = base, 2
        while Author.objects.filter(slug=slug).exists():
            slug, number = f"{base}-{number}", number + 1
        return slug
