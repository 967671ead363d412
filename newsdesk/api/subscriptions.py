"""Webhook subscriptions over the API, for accounts that may manage them in the newsroom."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Router, Status

from . import webhooks
from .auth import TokenAuth
from .errors import ApiProblem
from .models import WebhookSubscription
from .schemas import WebhookIn, WebhookOut, answers

router = Router(tags=["webhooks"], auth=TokenAuth())


def _require(request: HttpRequest, action: str) -> None:
    if not request.auth.user.has_perm(f"api.{action}_webhooksubscription"):
        raise ApiProblem(403, "This account may not manage webhooks.")


def webhook_data(subscription: WebhookSubscription, secret: bool = False) -> dict:
    data = {
        "id": subscription.pk,
        "name": subscription.name,
        "url": subscription.url,
        "events": subscription.events,
        "is_active": subscription.is_active,
    }
    if secret:
        data["secret"] = subscription.secret
    return data


@router.get("/webhooks/", response=answers(list[WebhookOut], token=True), exclude_unset=True)
def list_webhooks(request: HttpRequest, response: HttpResponse):
    response["Cache-Control"] = "private, no-store"
    _require(request, "view")
    return [webhook_data(s) for s in WebhookSubscription.objects.all()]


@router.post(
    "/webhooks/",
    response=answers(WebhookOut, 201, token=True),
    exclude_unset=True,
    summary="Subscribe; the answer holds the signing secret, shown only this once",
)
def create_webhook(request: HttpRequest, response: HttpResponse, payload: WebhookIn):
    response["Cache-Control"] = "private, no-store"
    _require(request, "add")
    problems = []
    unknown = sorted(set(payload.events) - set(WebhookSubscription.Event.values))
    if unknown or not payload.events:
        problems.append(
            f"events must be some of {', '.join(WebhookSubscription.Event.values)}"
            + (f"; unknown: {', '.join(unknown)}." if unknown else ".")
        )
    try:
        webhooks.check_target(payload.url)
    except ValidationError as error:
        problems += error.messages
    if problems:
        raise ApiProblem(422, "The webhook was not saved.", problems)
    subscription = WebhookSubscription.objects.create(
        name=payload.name,
        url=payload.url,
        events=sorted(set(payload.events)),
        secret=webhooks.new_secret(),
        created_by=request.auth.user,
    )
    return Status(201, webhook_data(subscription, secret=True))


@router.delete("/webhooks/{webhook_id}/", response=answers(None, 204, token=True))
def delete_webhook(request: HttpRequest, webhook_id: int):
    _require(request, "delete")
    get_object_or_404(WebhookSubscription, pk=webhook_id).delete()
    return Status(204, None)
