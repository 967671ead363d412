"""Working copies of the article form: kept while typing, offered again, dropped on save."""

from __future__ import annotations

import datetime as dt
import re
import secrets
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from .models import WorkingCopy

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.http import HttpRequest, QueryDict

    from newsdesk.articles.models import Article

# Field names as Django's forms and formsets write them ("body", "articleauthor_set-0-author").
FIELD_NAME = re.compile(r"^[A-Za-z][\w-]{0,99}$")
MAX_FIELDS = 400
MAX_VALUES = 200
# Session key of a form posted after the session ended, claimed after the next login.
PENDING_KEY = "newsroom_pending_working_copy"
# Unclaimed forms of ended sessions are kept this long.
PENDING_KEPT = dt.timedelta(days=2)
# A working copy nobody came back to for this long is dropped.
KEPT = dt.timedelta(days=30)
# Not part of what the editor wrote.
SKIPPED = {"csrfmiddlewaretoken"}
# Where a working copy notes which page and which of its saves it holds: [page id, number].
# Not a form field (no form field starts with "_"), so restoring and merging never see it.
ORDER_KEY = "_order"


class InvalidFormData(ValueError):
    """The posted form data is not what the article form sends."""


def clean_data(fields: object) -> dict[str, list[str]]:
    """Form data checked for shape: field name -> list of strings."""
    if not isinstance(fields, dict) or len(fields) > MAX_FIELDS:
        raise InvalidFormData(f"fields must be an object of at most {MAX_FIELDS} names")
    data: dict[str, list[str]] = {}
    for name, values in fields.items():
        if not isinstance(name, str) or not FIELD_NAME.match(name):
            raise InvalidFormData(f"bad field name {name!r}")
        if isinstance(values, str):
            values = [values]
        if not isinstance(values, list) or len(values) > MAX_VALUES:
            raise InvalidFormData(f"bad values for {name}")
        if not all(isinstance(value, str) for value in values):
            raise InvalidFormData(f"values of {name} must be text")
        if name in SKIPPED or name.startswith("_"):
            continue
        data[name] = values
    return data


def data_from_post(post: QueryDict) -> dict[str, list[str]]:
    return {
        name: values
        for name, values in post.lists()
        if name not in SKIPPED and not name.startswith("_") and FIELD_NAME.match(name)
    }


def _base_version(data: dict[str, list[str]]) -> int | None:
    value = (data.get("version") or [""])[0]
    return int(value) if value.isdigit() else None


def _order(copy: WorkingCopy) -> tuple[str, int] | None:
    value = copy.data.get(ORDER_KEY) if isinstance(copy.data, dict) else None
    if isinstance(value, list) and len(value) == 2 and str(value[1]).isdigit():
        return str(value[0]), int(value[1])
    return None


@transaction.atomic
def keep(
    user: User,
    article: Article | None,
    data: dict[str, list[str]],
    order: tuple[str, int] | None = None,
) -> tuple[WorkingCopy, bool]:
    """Store ``data`` as the editor's working copy of ``article`` (None: a new article).

    ``order`` is (page id, save number) of an autosave: a page sends each change at once, so
    its saves may overtake each other on the way; one older than the kept save of the same
    page is ignored. Answers the copy and whether ``data`` was stored.
    """
    copy = (
        WorkingCopy.objects.select_for_update()
        .filter(user=user, article=article, claim_token="")
        .first()
    )
    if copy is None:
        copy = WorkingCopy(user=user, article=article)
    elif order is not None:
        kept = _order(copy)
        if kept is not None and kept[0] == order[0] and kept[1] >= order[1]:
            return copy, False
    if order is not None:
        data = {**data, ORDER_KEY: [order[0], str(order[1])]}
    copy.data = data
    copy.base_version = _base_version(data)
    copy.save()
    return copy, True


def find(user: User, article: Article | None) -> WorkingCopy | None:
    return WorkingCopy.objects.filter(user=user, article=article, claim_token="").first()


def discard(user: User, article: Article | None, *, new: bool = False) -> None:
    """Drop the editor's working copy after a successful save (``new``: also the add form's)."""
    WorkingCopy.objects.filter(user=user, article=article).delete()
    if new:
        WorkingCopy.objects.filter(user=user, article=None).delete()


def forget_old() -> None:
    """Drop working copies nobody came back to, and forms of ended sessions never claimed."""
    now = timezone.now()
    WorkingCopy.objects.filter(updated_at__lt=now - KEPT).delete()
    WorkingCopy.objects.filter(user=None, updated_at__lt=now - PENDING_KEPT).delete()


def keep_for_login(request: HttpRequest, article: Article | None) -> WorkingCopy:
    """Keep a form posted after the session ended, until the editor logs in again."""
    WorkingCopy.objects.filter(user=None, updated_at__lt=timezone.now() - PENDING_KEPT).delete()
    data = data_from_post(request.POST)
    token = secrets.token_urlsafe(32)
    copy = WorkingCopy.objects.create(
        user=None,
        article=article,
        data=data,
        base_version=_base_version(data),
        claim_token=token,
    )
    request.session[PENDING_KEY] = token
    return copy


@transaction.atomic
def claim(request: HttpRequest, article: Article | None) -> WorkingCopy | None:
    """The form this browser posted before logging in again, now the editor's working copy."""
    token = request.session.get(PENDING_KEY)
    if not token:
        return None
    pending = WorkingCopy.objects.filter(user=None, claim_token=token, article=article).first()
    if pending is None:
        return None
    del request.session[PENDING_KEY]
    WorkingCopy.objects.filter(user=request.user, article=article).delete()
    pending.user = request.user
    pending.claim_token = ""
    pending.save()
    return pending
