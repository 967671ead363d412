"""TRUST.md rows E1 and E3: the newsroom login holds against guessing and enumeration."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")
WRONG = "Bitte Benutzername und Passwort für einen Staff-Account eingeben."


@pytest.fixture
def editor():
    return User.objects.create_user("redakteurin", password="richtig-und-lang-2026", is_staff=True)


def attempt(client, username, password, ip="203.0.113.10"):
    return client.post(
        LOGIN, {"username": username, "password": password, "next": "/newsroom/"}, REMOTE_ADDR=ip
    )


# E1: 100 guesses against one editor ------------------------------------------------------------


@pytest.mark.parametrize(
    "case",
    ["one-address", "rotating-spoofed-xff", "many-addresses"],
)
def test_e1_hundred_guesses_are_throttled(client, settings, editor, case):
    settings.NEWSDESK_LOGIN_RATE = "5/15m"
    settings.NEWSDESK_LOGIN_IP_RATE = "20/15m"
    settings.NEWSDESK_LOGIN_ACCOUNT_RATE = "30/h"
    settings.NEWSDESK_TRUSTED_PROXIES = 0
    codes = []
    for n in range(100):
        extra = {}
        ip = "203.0.113.10"
        if case == "rotating-spoofed-xff":
            extra["HTTP_X_FORWARDED_FOR"] = f"198.51.100.{n}"
        elif case == "many-addresses":
            ip = f"192.0.2.{n}"
        response = client.post(
            LOGIN,
            {"username": "redakteurin", "password": f"falsch-{n}"},
            REMOTE_ADDR=ip,
            **extra,
        )
        codes.append(response.status_code)
    allowed = codes.count(200)
    # One address: 5 guesses; many addresses: the account-wide limit of 30 still holds.
    assert allowed == (30 if case == "many-addresses" else 5)
    assert codes.count(429) == 100 - allowed
    # Even the right password is refused while the lock lasts: guessing gains nothing.
    blocked = attempt(client, "redakteurin", "richtig-und-lang-2026")
    assert blocked.status_code == 429
    assert "Zu viele fehlgeschlagene Anmeldeversuche" in blocked.content.decode()


def test_e1_cool_off_ends_the_lock(client, settings, editor, monkeypatch):
    settings.NEWSDESK_LOGIN_RATE = "3/15m"
    for n in range(3):
        attempt(client, "redakteurin", f"falsch-{n}")
    assert attempt(client, "redakteurin", "richtig-und-lang-2026").status_code == 429
    # A quarter of an hour later the window has passed.
    import time

    later = time.time() + 15 * 60 + 1
    monkeypatch.setattr(time, "time", lambda: later)
    response = attempt(client, "redakteurin", "richtig-und-lang-2026")
    assert response.status_code == 302


def test_e1_attacker_elsewhere_cannot_lock_the_editor_out(client, settings, editor):
    settings.NEWSDESK_LOGIN_RATE = "5/15m"
    settings.NEWSDESK_LOGIN_IP_RATE = "20/15m"
    settings.NEWSDESK_LOGIN_ACCOUNT_RATE = "50/h"
    for n in range(10):
        attempt(client, "redakteurin", f"falsch-{n}", ip="198.51.100.66")
    # The editor at her own address still gets in.
    response = attempt(client, "redakteurin", "richtig-und-lang-2026", ip="203.0.113.10")
    assert response.status_code == 302
    assert response["Location"] == "/newsroom/"


def test_e1_login_page_still_shows_while_locked(client, settings, editor):
    settings.NEWSDESK_LOGIN_RATE = "1/15m"
    attempt(client, "redakteurin", "falsch")
    assert client.get(LOGIN).status_code == 200


# E3: no user enumeration -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("username", "password"),
    [("redakteurin", "falsch"), ("niemand", "falsch"), ("REDAKTEURIN", "falsch")],
    ids=["known-user-wrong-password", "unknown-user", "known-user-other-case"],
)
def test_e3_identical_error_for_unknown_user_and_wrong_password(client, editor, username, password):
    response = attempt(client, username, password)
    assert response.status_code == 200
    html = response.content.decode()
    assert WRONG in html
    assert "niemand" not in html.replace('value="niemand"', "")


def test_e3_unknown_and_known_users_are_throttled_alike(client, settings, editor):
    settings.NEWSDESK_LOGIN_RATE = "2/15m"
    known = [attempt(client, "redakteurin", "x", ip="192.0.2.1").status_code for _ in range(3)]
    unknown = [attempt(client, "niemand", "x", ip="192.0.2.2").status_code for _ in range(3)]
    assert known == unknown == [200, 200, 429]
    assert (
        attempt(client, "redakteurin", "x", ip="192.0.2.1").content
        == attempt(client, "niemand", "x", ip="192.0.2.2").content
    )


@pytest.mark.parametrize(
    "path", ["/api/users/", "/api/users/1/", "/?author=1", "/wp-json/wp/v2/users"]
)
def test_e3_no_public_user_listing(client, editor, path):
    response = client.get(path)
    assert response.status_code in (200, 404)
    assert "redakteurin" not in response.content.decode()


def test_e1_botnet_filling_the_account_limit_cannot_shut_out_a_known_address(
    client, settings, editor
):
    settings.NEWSDESK_LOGIN_ACCOUNT_RATE = "10/h"
    # The editor signed in from her office before.
    assert (
        attempt(client, "redakteurin", "richtig-und-lang-2026", ip="203.0.113.10").status_code
        == 302
    )
    client.logout()
    for n in range(20):
        attempt(client, "redakteurin", f"falsch-{n}", ip=f"198.51.100.{n}")
    # A new address is held back by the account-wide limit ...
    assert (
        attempt(client, "redakteurin", "richtig-und-lang-2026", ip="192.0.2.99").status_code == 429
    )
    # ... her known address is not.
    assert (
        attempt(client, "redakteurin", "richtig-und-lang-2026", ip="203.0.113.10").status_code
        == 302
    )


# Unicode spellings of one account name ---------------------------------------------------------


def test_e1_fullwidth_spelling_counts_with_the_account_and_is_throttled_too(client, settings):
    """ "ａutorin" (fullwidth a) is "autorin" for Django's login form: it must count against
    the same limits, not open a fresh counter that logs in as autorin."""
    settings.NEWSDESK_LOGIN_RATE = "5/15m"
    User.objects.create_user("autorin", password="demo-autorin-2026", is_staff=True)
    codes = [attempt(client, "autorin", f"falsch-{n}").status_code for n in range(5)]
    assert codes == [200] * 5
    for spelling in ("\uff41utorin", "Autorin", "AUTORIN ", "\U0001d41autorin"):
        assert attempt(client, spelling, "falsch").status_code == 429, spelling
        assert attempt(client, spelling, "demo-autorin-2026").status_code == 429, spelling


def test_e1_misses_in_any_spelling_add_up(client, settings):
    settings.NEWSDESK_LOGIN_RATE = "5/15m"
    User.objects.create_user("autorin", password="demo-autorin-2026", is_staff=True)
    spellings = ["autorin", "\uff41utorin", "Autorin", "\uff21UTORIN", "AutorIn"]
    assert [attempt(client, name, "falsch").status_code for name in spellings] == [200] * 5
    assert attempt(client, "autorin", "demo-autorin-2026").status_code == 429


def test_e1_any_spelling_of_the_name_signs_in_to_that_one_account(client):
    User.objects.create_user("autorin", password="demo-autorin-2026", is_staff=True)
    response = attempt(client, "\uff21utorin", "demo-autorin-2026")
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == User.objects.get(username="autorin").pk
