"""The newsroom login, throttled: guessing is slow, and nobody locks an editor out for good.

Failed attempts are counted per account and address, per address, and per account over all
addresses (``NEWSDESK_LOGIN_*_RATE``). Over any of them the login answers 429 until its window
ends: that is the cool-off. The account-wide count, which a botnet could keep full, does not
apply at an address the editor has signed in from before (remembered for 30 days), so an
attacker elsewhere can slow guessing down but never shut the editor out. Unknown accounts count
exactly like known ones, and the form's error is Django's one message for both, so the answers
tell nobody which accounts exist.

When the counters cannot be reached (Redis down), the login is refused with a message that says
so, rather than let guesses through unthrottled.
"""

from __future__ import annotations

import hashlib
import unicodedata

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from . import ratelimit


def _limits() -> list[tuple[str, ratelimit.Rate]]:
    return [
        ("login-account-ip", ratelimit.Rate.parse(settings.NEWSDESK_LOGIN_RATE)),
        ("login-ip", ratelimit.Rate.parse(settings.NEWSDESK_LOGIN_IP_RATE)),
        ("login-account", ratelimit.Rate.parse(settings.NEWSDESK_LOGIN_ACCOUNT_RATE)),
    ]


def _idents(username: str, client: str) -> dict[str, str]:
    return {
        "login-account-ip": f"{username}|{client}",
        "login-ip": client,
        "login-account": username,
    }


KNOWN_FOR = 30 * 86400


def normalised(username: str) -> str:
    """One spelling per account name: NFKC as Django's login form applies it (so "ａutorin",
    with a fullwidth a, is "autorin"), then case-folded (so "Autorin" is too)."""
    return unicodedata.normalize("NFKC", username.strip()).casefold()[:150]


def account_username(username: str) -> str:
    """The stored name of the one account whose normalised name matches, else the NFKC form
    as typed (Django's form would authenticate that). Counting and authentication then name
    the same account, however the name was spelt."""
    typed = unicodedata.normalize("NFKC", username.strip())
    key = normalised(typed)
    field = get_user_model().USERNAME_FIELD
    names = get_user_model()._default_manager.filter(**{f"{field}__iexact": typed})
    matches = [name for name in names.values_list(field, flat=True)[:10] if normalised(name) == key]
    if typed in matches or len(matches) != 1:
        return typed
    return matches[0]


def _known_key(username: str, client: str) -> str:
    digest = hashlib.sha256(f"{username}\0{client}".encode()).hexdigest()[:32]
    return f"login-known:{digest}"


RETRY_AFTER_OUTAGE = 60


def counters_unavailable(request: HttpRequest) -> HttpResponse:
    """503: the throttle cannot count, so no password is checked until it can."""
    response = ratelimit.too_many_requests(
        request,
        heading=_("Anmeldung vorübergehend nicht möglich"),
        message=_(
            "Die Anmeldung ist gerade nicht möglich, weil der Schutz vor dem Erraten von "
            "Passwörtern vorübergehend nicht erreichbar ist."
        ),
        retry_after=RETRY_AFTER_OUTAGE,
    )
    response.status_code = 503
    return response


@never_cache
def newsroom_login(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return admin.site.login(request)
    try:
        return _throttled_login(request)
    except ratelimit.CountersUnavailable:
        return counters_unavailable(request)


def _throttled_login(request: HttpRequest) -> HttpResponse:
    # Normalised: "Redaktion", "redaktion" and "ｒedaktion" share one counter.
    typed = request.POST.get("username") or ""
    username = normalised(typed)
    client = ratelimit.client_key(request)
    idents = _idents(username, client)
    try:
        known = ratelimit.counters().get(_known_key(username, client)) is not None
    except Exception as error:  # the counters' store: see ratelimit.hit()
        raise ratelimit.CountersUnavailable(str(error)) from error
    for scope, rate in _limits():
        if scope == "login-account" and known:
            continue
        if ratelimit.count(scope, idents[scope], rate) >= rate.limit:
            return ratelimit.too_many_requests(
                request,
                _(
                    "Zu viele fehlgeschlagene Anmeldeversuche. Aus Sicherheitsgründen ist die "
                    "Anmeldung vorübergehend gesperrt."
                ),
                rate.window,
            )
    if typed:
        request.POST = request.POST.copy()
        request.POST["username"] = account_username(typed)
    response = admin.site.login(request)
    if request.user.is_authenticated and response.status_code == 302:
        # A successful login clears this account's misses from this address only.
        # If the counters went away meanwhile, the login stands; only the bookkeeping is lost.
        scope, rate = _limits()[0]
        try:
            ratelimit.reset(scope, idents[scope], rate)
            ratelimit.counters().set(_known_key(username, client), 1, timeout=KNOWN_FOR)
        except Exception:  # see the comment above
            pass
    else:
        for scope, rate in _limits():
            ratelimit.hit(scope, idents[scope], rate)
    return response
