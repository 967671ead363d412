"""The newsroom login, throttled: guessing is slow, and nobody locks an editor out for good.

Failed attempts are counted per account and address, per address, and per account over all
addresses (``NEWSDESK_LOGIN_*_RATE``). Over any of them the login answers 429 until its window
ends: that is the cool-off. A lock never outlives one window, so an attacker can delay an
editor but not shut them out. Unknown accounts count exactly like known ones, and the form's
error is Django's one message for both, so the answers tell nobody which accounts exist.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin
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


@never_cache
def newsroom_login(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return admin.site.login(request)
    # Case-folded: "Redaktion" and "redaktion" must share one counter.
    username = (request.POST.get("username") or "").strip().casefold()[:150]
    idents = _idents(username, ratelimit.client_key(request))
    for scope, rate in _limits():
        if ratelimit.count(scope, idents[scope], rate) >= rate.limit:
            return ratelimit.too_many_requests(
                request,
                _(
                    "Zu viele fehlgeschlagene Anmeldeversuche. Aus Sicherheitsgründen ist die "
                    "Anmeldung vorübergehend gesperrt."
                ),
                rate.window,
            )
    response = admin.site.login(request)
    if request.user.is_authenticated and response.status_code == 302:
        # A successful login clears this account's misses from this address only.
        scope, rate = _limits()[0]
        ratelimit.reset(scope, idents[scope], rate)
    else:
        for scope, rate in _limits():
            ratelimit.hit(scope, idents[scope], rate)
    return response
