"""The ``newsdesk`` console script: Django's manage.py under the project's name."""

import os
import sys


def command_name(argv: list[str]) -> list[str]:
    """Accept ``publish-due`` for ``publish_due``: operators type commands the shell way."""
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv = [argv[0], argv[1].replace("-", "_"), *argv[2:]]
    return argv


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings.base")
    from django.core.management import execute_from_command_line

    execute_from_command_line(command_name(sys.argv))


if __name__ == "__main__":
    main()
