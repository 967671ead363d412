"""TRUST.md group E: authentication and sessions (E2, E4-E7).

E1 (throttling password guesses) and E3 (identical errors, no user enumeration) belong to the
login throttle of the comment-moderation work (issue 4a) and are tested there.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.conf import global_settings, settings
from django.contrib.auth.hashers import (
    PBKDF2PasswordHasher,
    check_password,
    identify_hasher,
    make_password,
)
from django.contrib.auth.models import User
from django.test import Client, override_settings
from django.urls import NoReverseMatch, reverse

from newsdesk.comments.models import Comment
from newsdesk.comments.tests.factories import CommentFactory
from newsdesk.newsroom.groups import EDITOR, MODERATOR
from newsdesk.newsroom.tests.helpers import newsroom_user

pytestmark = pytest.mark.django_db

PASSWORD = "richtig-geheim-2026"
LOGIN = "/newsroom/login/"


def login_user(role: str = EDITOR) -> User:
    user = newsroom_user(role)
    user.set_password(PASSWORD)
    user.save()
    return user


# -- E2: no batch login ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/xmlrpc.php",
        "/wp-login.php",
        "/wp-json/wp/v2/users",
        "/graphql",
        "/graphql/",
        "/api/",
        "/api/users/",
        "/api/auth/batch/",
    ],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_e2_there_is_no_batch_or_api_login_endpoint(client, path, method):
    """E2: newsdesk has no XML-RPC, GraphQL or REST API, so there is no endpoint that takes
    many credentials in one request (the ``system.multicall`` lesson); each is a 404."""
    response = getattr(client, method)(path, {"username": "a", "password": "b"}, follow=True)
    assert response.status_code == 404
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    "usernames, passwords",
    [
        (["unbekannt", "{user}"], ["falsch", PASSWORD]),
        (["{user}", "{user}"], ["falsch-1", "falsch-2"]),
        (["{user}"], ["falsch", "falsch-2", "falsch-3"]),
    ],
)
def test_e2_repeated_fields_are_one_attempt_not_many(client, usernames, passwords):
    """E2: a login form posted with a field repeated is one attempt with the last value, so
    one request can never try a list of passwords."""
    user = login_user()
    data = {
        "username": [name.format(user=user.username) for name in usernames],
        "password": passwords,
    }
    response = client.post(LOGIN, data)
    logged_in = "_auth_user_id" in client.session
    assert logged_in == (data["username"][-1] == user.username and passwords[-1] == PASSWORD)
    if not logged_in:
        assert response.status_code == 200


def test_e2_a_json_list_of_credentials_is_not_a_login(client):
    user = login_user()
    response = client.post(
        LOGIN,
        f'[{{"username": "{user.username}", "password": "{PASSWORD}"}}]',
        content_type="application/json",
    )
    assert response.status_code in (200, 400)
    assert "_auth_user_id" not in client.session


# -- E4: CSRF on every state-changing newsroom request -----------------------------------------


def moderation_post(csrf_client: Client, **extra):
    comment = CommentFactory(status=Comment.Status.PENDING)
    url = reverse("admin:comments_comment_changelist")
    page = csrf_client.get(url)
    token = page.cookies["csrftoken"].value if "csrftoken" in page.cookies else None
    data = {"action": "delete_selected", "_selected_action": [comment.pk], "post": "yes"}
    return comment, url, token, data


@pytest.mark.parametrize(
    "token_mode, origin",
    [
        ("none", None),
        ("none", "https://evil.example"),
        ("wrong", None),
        ("valid", "https://evil.example"),
        ("valid", "null"),
        ("valid", "http://testserver.evil.example"),
    ],
)
def test_e4_moderation_action_without_token_or_from_a_foreign_origin_is_403(token_mode, origin):
    """E4: a forged moderation action gets Django's 403 with a German explanation, and the
    comment is untouched."""
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(newsroom_user(MODERATOR))
    comment, url, token, data = moderation_post(csrf_client)
    if token_mode == "valid":
        data["csrfmiddlewaretoken"] = token
    elif token_mode == "wrong":
        data["csrfmiddlewaretoken"] = "x" * 64
    headers = {"HTTP_ORIGIN": origin} if origin else {}
    response = csrf_client.post(url, data, **headers)
    assert response.status_code == 403
    assert "Das Formular wurde nicht angenommen." in response.content.decode()
    assert Comment.objects.filter(pk=comment.pk).exists()


def test_e4_the_same_action_with_token_and_own_origin_works():
    """E4 control case: the real newsroom form passes."""
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(newsroom_user(MODERATOR))
    comment, url, token, data = moderation_post(csrf_client)
    data["csrfmiddlewaretoken"] = token
    response = csrf_client.post(url, data, HTTP_ORIGIN="http://testserver")
    assert response.status_code == 302
    assert not Comment.objects.filter(pk=comment.pk).exists()


@pytest.mark.parametrize(
    "url_name", ["admin:articles_article_add", "admin:galleries_image_add", "admin:logout"]
)
def test_e4_other_newsroom_posts_need_the_token_too(url_name):
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(newsroom_user(EDITOR))
    response = csrf_client.post(reverse(url_name), {}, HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403


# -- E5: Host header ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "host",
    ["evil.com", "evil.com:80", "testserver.evil.com", "127.0.0.1.evil.com", "localhost@evil.com"],
)
@pytest.mark.parametrize("path", ["/", LOGIN, "/newsroom/password_reset/"])
def test_e5_foreign_host_header_is_400(path, host):
    """E5: only ALLOWED_HOSTS are answered; nothing is built from a foreign Host."""
    response = Client(raise_request_exception=False).get(path, HTTP_HOST=host)
    assert response.status_code == 400


@override_settings(NEWSDESK_PAGE_CACHE=True, ALLOWED_HOSTS=["testserver"])
def test_e5_foreign_host_does_not_reach_the_page_cache():
    client = Client(raise_request_exception=False)
    assert client.get("/", HTTP_HOST="evil.com").status_code == 400
    response = client.get("/")
    assert "evil.com" not in response.content.decode()


def test_e5_forwarded_host_is_ignored(client):
    """E5: X-Forwarded-Host is not trusted (USE_X_FORWARDED_HOST stays off)."""
    assert settings.USE_X_FORWARDED_HOST is False
    html = client.get("/", HTTP_X_FORWARDED_HOST="evil.com").content.decode()
    assert "evil.com" not in html


def test_e5_there_is_no_password_reset_by_mail():
    """E5: the newsroom has no self-service password reset (accounts are made by
    ``create-editor``), so no reset mail can carry an attacker's host."""
    for name in ("admin_password_reset", "password_reset"):
        with pytest.raises(NoReverseMatch):
            reverse(name)


# -- E6: password hashes -----------------------------------------------------------------------


def test_e6_settings_keep_djangos_strong_hashers():
    """E6: the base settings do not weaken Django's list (PBKDF2-SHA256 first, Argon2 and
    scrypt accepted); only the test settings use MD5 for speed."""
    from newsdesk.settings import base

    assert not hasattr(base, "PASSWORD_HASHERS")
    assert global_settings.PASSWORD_HASHERS[0].endswith("PBKDF2PasswordHasher")


@pytest.mark.parametrize(
    "legacy_hasher",
    ["pbkdf2_sha1", "weak_pbkdf2_sha256"],
)
def test_e6_legacy_hashes_are_upgraded_at_login(legacy_hasher):
    """E6: an editor with an old hash logs in as usual and leaves with a PBKDF2-SHA256 hash
    at today's work factor."""
    with override_settings(PASSWORD_HASHERS=global_settings.PASSWORD_HASHERS):
        user = newsroom_user(EDITOR)
        if legacy_hasher == "pbkdf2_sha1":
            user.password = make_password(PASSWORD, hasher="pbkdf2_sha1")
        else:
            # Today's algorithm at the work factor of an old Django release.
            user.password = PBKDF2PasswordHasher().encode(PASSWORD, "altessalz123", iterations=1000)
        user.save()
        client = Client()
        response = client.post(LOGIN, {"username": user.username, "password": PASSWORD})
        assert response.status_code == 302
        user.refresh_from_db()
        hasher = identify_hasher(user.password)
        assert hasher.algorithm == "pbkdf2_sha256"
        assert not hasher.must_update(user.password)
        assert check_password(PASSWORD, user.password)


# -- E7: the deploy check ----------------------------------------------------------------------

STRONG_KEY = "k8Jq2-vN0x_Lr7TzW1mYc4pH9sEaB3uD6fG5hK0jQ2wR8tY1uI7oP3lZ"


def run_deploy_check(**env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SECURE_", "NEWSDESK_TRUSTED"))
        and k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "DJANGO_SETTINGS_MODULE"}
    }
    return subprocess.run(
        [sys.executable, "-m", "newsdesk.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env={
            **clean,
            "DJANGO_SETTINGS_MODULE": "newsdesk.settings.production",
            "SECRET_KEY": STRONG_KEY,
            "ALLOWED_HOSTS": "www.technikblatt.example",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    "env, passes, check_id",
    [
        ({}, True, ""),
        ({"NEWSDESK_TRUSTED_PROXIES": "1"}, True, ""),
        ({"DEBUG": "true"}, True, ""),  # production forces DEBUG off whatever the variable says
        ({"SECRET_KEY": "kurz"}, False, "security.W009"),
        ({"SECRET_KEY": "django-insecure-" + "a" * 50}, False, "security.W009"),
        ({"SECURE_SSL_REDIRECT": "false"}, False, "security.W008"),
        ({"SECURE_HSTS_SECONDS": "0"}, False, "security.W004"),
        ({"NEWSDESK_TRUSTED_PROXIES": "40"}, False, "newsdesk.W003"),
    ],
    ids=lambda v: str(v)[:30],
)
def test_e7_production_settings_pass_the_deploy_check_and_it_has_teeth(env, passes, check_id):
    """E7: with the required environment, ``newsdesk check --deploy --fail-level WARNING``
    passes; each weakening an operator might try makes it fail with the matching check."""
    result = run_deploy_check(**env)
    output = result.stdout + result.stderr
    assert (result.returncode == 0) == passes, output
    assert check_id in output


@pytest.mark.parametrize(
    "middleware, check_id",
    [
        (
            [m for m in settings.MIDDLEWARE if "SecurityHeaders" not in m],
            "newsdesk.W001",
        ),
        (
            [
                "newsdesk.security.middleware.SecurityHeadersMiddleware",
                *[m for m in settings.MIDDLEWARE if "SecurityHeaders" not in m],
            ],
            "newsdesk.W002",
        ),
    ],
    ids=["missing", "above-the-page-cache"],
)
def test_e7_the_deploy_check_knows_the_csp_middleware(middleware, check_id):
    from newsdesk.security.checks import check_security_headers

    with override_settings(MIDDLEWARE=middleware):
        assert [w.id for w in check_security_headers(None)] == [check_id]
    assert check_security_headers(None) == []


def test_e7_production_cookies_are_secure_and_http_only():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings as s; "
            "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, "
            "s.DEBUG, s.SECURE_CONTENT_TYPE_NOSNIFF, s.X_FRAME_OPTIONS)",
        ],
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "newsdesk.settings.production",
            "SECRET_KEY": STRONG_KEY,
            "ALLOWED_HOSTS": "www.technikblatt.example",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == ["True", "True", "True", "False", "True", "DENY"], result.stderr
