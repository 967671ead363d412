"""Creating and checking API tokens. A token is shown once; the database keeps its SHA-256."""

from __future__ import annotations

import hashlib
import secrets
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from newsdesk.core import ratelimit

from .models import ApiToken

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# "nd_" marks our tokens in logs and secret scanners; 32 random bytes need no slow hash.
TOKEN_PREFIX = "nd_"
SCOPES = tuple(ApiToken.Scope.values)


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def clean_scopes(scopes: list[str]) -> list[str]:
    unknown = sorted(set(scopes) - set(SCOPES))
    if unknown:
        raise ValidationError(
            _("Unbekannte Rechte: %(unknown)s (möglich: %(known)s).")
            % {"unknown": ", ".join(unknown), "known": ", ".join(SCOPES)}
        )
    return sorted(set(scopes))


def create_token(user: User, name: str, scopes: list[str]) -> tuple[ApiToken, str]:
    """A new token for ``user``; returns it and the key, which is never readable again."""
    key = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=key[: len(TOKEN_PREFIX) + 6],
        key_hash=hash_key(key),
        scopes=clean_scopes(scopes),
    )
    return token, key


def token_for_key(key: str) -> ApiToken | None:
    """The live token with this key, or None (unknown, revoked, or its account switched off)."""
    if not key.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_key(key), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is not None:
        now = timezone.now()
        # One write a minute at most: a busy client does not write on every request.
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def rate() -> ratelimit.Rate:
    return ratelimit.Rate.parse(getattr(settings, "NEWSDESK_API_RATE", "600/m"))


def over_limit(token: ApiToken) -> int | None:
    """Seconds until ``token`` may ask again when it is over its rate, else None (and counts)."""
    limit = rate()
    if ratelimit.hit("api-token", str(token.pk), limit) <= limit.limit:
        return None
    return max(1, limit.window - int(timezone.now().timestamp()) % limit.window)
