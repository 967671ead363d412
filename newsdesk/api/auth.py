"""Token authentication with scopes and a rate per token, for ninja's ``auth=``."""

from __future__ import annotations

from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import HttpBearer

from .models import ApiToken
from .tokens import over_limit, token_for_key


class RateLimited(Exception):
    def __init__(self, retry_after: int):
        super().__init__(f"retry after {retry_after} s")
        self.retry_after = retry_after


class TokenAuth(HttpBearer):
    """``Authorization: Bearer nd_…`` of a live token that holds every scope in ``scopes``."""

    def __init__(self, *scopes: str):
        super().__init__()
        self.scopes = scopes

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        api_token = token_for_key(token)
        if api_token is None:
            return None
        retry_after = over_limit(api_token)
        if retry_after is not None:
            raise RateLimited(retry_after)
        missing = [scope for scope in self.scopes if not api_token.has_scope(scope)]
        if missing:
            raise HttpError(403, f"This token lacks the scope {', '.join(missing)}.")
        request.api_token = api_token
        return api_token
