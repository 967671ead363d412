"""Working together on the article form: autosave, restore, presence, and the form's context.

The JSON endpoints answer the script ``newsroom/collaboration.js``. They take the same CSRF
token as the form, check that the editor may change the article, and refuse what the article
form would never send.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib import admin, messages
from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from newsdesk.articles.models import Article

from . import presence, workingcopy
from .permissions import may_propose_correction

if TYPE_CHECKING:
    from django.contrib.admin import ModelAdmin

# An article form with a long body stays far below this; anything larger is not our form.
MAX_BODY_BYTES = 512 * 1024


def _article_admin() -> ModelAdmin:
    return admin.site.get_model_admin(Article)


def _error(status: int, code: str) -> JsonResponse:
    return JsonResponse({"error": code}, status=status)


def _payload(request: HttpRequest) -> dict:
    try:
        payload = json.loads(request.body or b"{}")
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError("invalid-json") from error
    if not isinstance(payload, dict):
        raise ValueError("invalid-json")
    return payload


def _article(request: HttpRequest, payload: dict, *, change: bool) -> Article | None:
    """The article named in ``payload`` if the editor may change (or view) it.

    None stands for a new article; PermissionError and LookupError for the refusals.
    """
    article_id = payload.get("article")
    model_admin = _article_admin()
    if article_id is None:
        if not model_admin.has_add_permission(request):
            raise PermissionError
        return None
    if not isinstance(article_id, int) or isinstance(article_id, bool):
        raise LookupError
    article = Article.objects.filter(pk=article_id).first()
    if article is None:
        raise LookupError
    # An Autor's working copy of her published article is the draft of a correction proposal.
    allowed = (
        model_admin.has_change_permission(request, article)
        or may_propose_correction(request.user, article)
        if change
        else model_admin.has_view_permission(request, article)
    )
    if not allowed:
        raise PermissionError
    return article


def _json_endpoint(view):
    """POST only, staff only (a JSON 403 names an ended session), errors as JSON."""

    @require_POST
    def wrapped(request: HttpRequest) -> JsonResponse:
        if not (request.user.is_active and request.user.is_staff):
            return _error(403, "session")
        declared = request.META.get("CONTENT_LENGTH") or "0"
        if not declared.isdigit() or int(declared) > MAX_BODY_BYTES:
            return _error(413, "too-large")
        try:
            return view(request, _payload(request))
        except ValueError as error:
            return _error(400, str(error) or "invalid")
        except PermissionError:
            return _error(403, "forbidden")
        except LookupError:
            return _error(404, "not-found")

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _stamp(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "d.m.Y, H:i:s")


def _save_order(payload: dict) -> tuple[str, int] | None:
    """(page id, save number) of an autosave, when the page sent them (older pages do not)."""
    order = payload.get("order")
    if not isinstance(order, dict):
        return None
    page, number = order.get("page"), order.get("seq")
    if not isinstance(page, str) or not 0 < len(page) <= 64 or type(number) is not int:
        raise ValueError("invalid-order")
    if not 0 <= number < 2**53:
        raise ValueError("invalid-order")
    return page, number


@_json_endpoint
def autosave(request: HttpRequest, payload: dict) -> JsonResponse:
    """Keep the posted form fields as the editor's working copy."""
    article = _article(request, payload, change=True)
    try:
        data = workingcopy.clean_data(payload.get("fields"))
    except workingcopy.InvalidFormData as error:
        raise ValueError("invalid-fields") from error
    copy, stored = workingcopy.keep(request.user, article, data, _save_order(payload))
    return JsonResponse({"saved_at": _stamp(copy.updated_at), "stored": stored})


@_json_endpoint
def discard(request: HttpRequest, payload: dict) -> JsonResponse:
    """Drop the editor's working copy ("Verwerfen")."""
    article = _article(request, payload, change=True)
    workingcopy.discard(request.user, article)
    return JsonResponse({"discarded": True})


@_json_endpoint
def heartbeat(request: HttpRequest, payload: dict) -> JsonResponse:
    """Mark the article as open by this editor; answer who else has it open."""
    article = _article(request, payload, change=False)
    if article is None:
        return JsonResponse({"others": []})
    others = presence.beat(article.pk, request.user, leaving=payload.get("leaving") is True)
    return JsonResponse({"others": others})


def form_context(request: HttpRequest, article: Article | None) -> dict:
    """What the article form shows and hands its script: a working copy to restore, who else
    is there, and the endpoints. Called by ArticleAdmin for every render of the form."""
    claimed = None
    if request.method == "GET":
        workingcopy.forget_old()
        claimed = workingcopy.claim(request, article)
    copy = claimed or workingcopy.find(request.user, article)
    others = presence.who_else(article.pk, request.user) if article else []
    config = {
        "article": article.pk if article else None,
        "user": request.user.pk,
        "autosaveUrl": reverse("newsroom_autosave"),
        "discardUrl": reverse("newsroom_autosave_discard"),
        "heartbeatUrl": reverse("newsroom_heartbeat"),
        "heartbeatSeconds": presence.HEARTBEAT_SECONDS,
        "maxInFlight": getattr(settings, "NEWSDESK_AUTOSAVE_IN_FLIGHT", 4),
        "copy": None,
        "unsaved": request.method == "POST",
    }
    if copy is not None and request.method == "GET":
        config["copy"] = {
            "data": copy.data,
            "labels": choice_labels(request.user, copy.data),
            "savedAt": _stamp(copy.updated_at),
            "autoRestore": claimed is not None,
            "outdated": bool(article and copy.base_version and copy.base_version < article.version),
        }
    return {"collaboration": config, "collaboration_others": others}


def _choice_model(name: str):
    """The model a form field of the article form picks from: "lead_image" (the form's own)
    or "related_links-0-to_article" (an inline row), or None for any other field."""
    parts = name.split("-")
    model = Article
    if len(parts) == 3 and parts[1].isdigit():
        rows = {
            rel.get_accessor_name(): rel.related_model
            for rel in Article._meta.related_objects
            if rel.one_to_many
        }
        model = rows.get(parts[0])
        name = parts[2]
    if model is None:
        return None
    try:
        field = model._meta.get_field(name)
    except Exception:  # noqa: BLE001 (FieldDoesNotExist and friends: not a choice field)
        return None
    if not (field.many_to_one or field.many_to_many) or field.related_model is None:
        return None
    return field.related_model


def choice_labels(user, data: dict[str, list[str]]) -> dict[str, dict[str, str]]:
    """What the pickers show for the ids kept in a working copy: field -> id -> label.

    Pickers that search as you type (lead image, topics, "Auch interessant") only draw the
    option already chosen; a restored id needs its label, or the picker shows "#12".
    """
    from .permissions import linkable_articles_for

    # One query per model, however many fields and inline rows pick from it.
    wanted: dict[type, dict[str, list[str]]] = {}
    for name, values in data.items():
        ids = [value for value in values if value.isdigit()]
        model = _choice_model(name) if ids else None
        if model is not None:
            wanted.setdefault(model, {})[name] = ids
    labels: dict[str, dict[str, str]] = {}
    for model, fields in wanted.items():
        objects = model._default_manager.all()
        if model is Article:
            objects = linkable_articles_for(user, objects)
        every_id = {pk for ids in fields.values() for pk in ids}
        found = {str(obj.pk): str(obj) for obj in objects.filter(pk__in=every_id)}
        for name, ids in fields.items():
            labels[name] = {pk: found[pk] for pk in ids if pk in found}
    return labels


def report_merge(request: HttpRequest, form) -> None:
    """Tell the editor that a save took in what a colleague saved meanwhile."""
    report = getattr(form, "merge_report", None)
    if not report:
        return
    who, labels = report
    if labels:
        messages.info(
            request,
            _(
                "%(who)s hat den Artikel gleichzeitig bearbeitet. Beide Fassungen sind "
                "zusammengeführt: %(fields)s."
            )
            % {"who": who or _("Jemand anderes"), "fields": ", ".join(str(x) for x in labels)},
        )
