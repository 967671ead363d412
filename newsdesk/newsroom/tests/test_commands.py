"""``newsdesk create-editor``."""

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from newsdesk.articles.models import Author

pytestmark = pytest.mark.django_db

PASSWORD = "Redaktionsgeheimnis-2026"


@pytest.fixture(autouse=True)
def password(monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", PASSWORD)


def create(*args):
    call_command("create_editor", *args, "--password-from-env", "EDITOR_PASSWORD", verbosity=0)


def test_creates_a_staff_user_in_the_role_with_an_author_profile():
    create("jana", "--role", "Redaktion", "--email", "jana@example.org")
    user = User.objects.get(username="jana")
    assert user.is_staff and not user.is_superuser
    assert user.check_password(PASSWORD)
    assert list(user.groups.values_list("name", flat=True)) == ["Redaktion"]
    assert user.has_perm("articles.publish_article")
    assert Author.objects.get(user=user).slug == "jana"


def test_moderation_and_no_author_get_no_byline_profile():
    create("mo", "--role", "Moderation")
    create("ali", "--role", "Autor", "--no-author")
    assert not Author.objects.exists()


@pytest.mark.parametrize(
    "args, message",
    [
        (("x", "--role", "Chef"), "invalid choice"),
        (("x", "--role", "Autor", "--email", "kein-mail"), "keine gültige E-Mail-Adresse"),
        (("x", "--role", "Autor", "--password-from-env", "FEHLT"), "FEHLT ist nicht gesetzt"),
    ],
)
def test_bad_input_is_a_clear_command_error(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("create_editor", *args, verbosity=0)
    assert not User.objects.exists()


def test_existing_username_is_refused():
    create("jana", "--role", "Autor")
    with pytest.raises(CommandError, match="gibt es schon"):
        create("jana", "--role", "Autor")


def test_weak_password_is_refused(monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", "1234")
    with pytest.raises(CommandError):
        create("jana", "--role", "Autor")
    assert not User.objects.exists()


def test_asks_for_the_password_without_env_variable(monkeypatch):
    answers = iter([PASSWORD, PASSWORD])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
    monkeypatch.setattr(
        "newsdesk.newsroom.management.commands.create_editor.Command.stdin_is_interactive",
        lambda self: True,
    )
    call_command("create_editor", "rita", "--role", "Admin", verbosity=0)
    assert User.objects.get(username="rita").groups.get().name == "Admin"


def test_create_editor_uses_the_full_name_for_the_byline(monkeypatch):
    from newsdesk.articles.models import Author

    monkeypatch.setenv("EDITOR_PASSWORD", "ein-langes-passwort-2026")
    call_command(
        "create_editor",
        "jb",
        "--role",
        "Redaktion",
        "--name",
        "Jörg Bäcker",
        "--password-from-env",
        "EDITOR_PASSWORD",
        verbosity=0,
    )
    author = Author.objects.get(user__username="jb")
    assert (author.name, author.slug) == ("Jörg Bäcker", "joerg-baecker")
