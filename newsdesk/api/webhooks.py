"""Webhooks: events from the pipeline, signed by the Standard Webhooks scheme, sent as tasks.

``emit(event, obj)`` is the one entry point. It writes one delivery row per subscription in the
caller's transaction and queues the sending once that commits, so an event of a change that
rolls back is never sent. A delivery keeps its ``webhook-id`` across retries and redeliveries:
receivers drop repeats by that id, which makes "at least once" arrive once.

A sending claims its row for a lease first (``next_attempt_at`` moves ahead), so a worker that
dies mid-delivery leaves the row to ``retry_due()`` once the lease ran out.
"""

from __future__ import annotations

import base64
import datetime as dt
import ipaddress
import json
import secrets
import socket
import urllib.error
import urllib.request
import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import F, Model, Q
from django.utils import timezone
from django_tasks import default_task_backend, task
from standardwebhooks import Webhook

from .models import WebhookDelivery, WebhookSubscription
from .representations import absolute

Event = WebhookSubscription.Event
USER_AGENT = "newsdesk-webhooks/1"


def new_secret() -> str:
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


# Targets


def _addresses(host: str) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError):
        raise ValidationError(f"The host {host!r} does not resolve.") from None
    return [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]


def check_target(url: str) -> None:
    """Refuse targets that are no http(s) URL or resolve to a private or local address.

    A receiver on the newsroom's own network is allowed only when the operator says so
    (``NEWSDESK_WEBHOOKS_ALLOW_PRIVATE``): otherwise anyone who may add a webhook could make
    the server call its neighbours.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError("A webhook target must be an http or https address.")
    if settings.NEWSDESK_WEBHOOKS_ALLOW_PRIVATE:
        return
    for address in _addresses(parts.hostname):
        if not address.is_global or address.is_multicast:
            raise ValidationError(
                f"{parts.hostname} resolves to {address}, a private, loopback or link-local "
                "address; such targets are refused (NEWSDESK_WEBHOOKS_ALLOW_PRIVATE)."
            )


# Events


def payload_for(event: str, obj: Model) -> dict:
    """What a receiver learns: enough to fetch the object from the API, no more."""
    from newsdesk.articles.models import Article

    if isinstance(obj, Article):
        data = {
            "type": "article",
            "id": obj.pk,
            "kind": obj.kind,
            "headline": obj.headline,
            "published_at": obj.published_at,
        }
        if event in (Event.ARTICLE_PUBLISHED, Event.ARTICLE_UPDATED):
            data["url"] = absolute(obj.get_absolute_url())
            data["api_url"] = absolute(f"/api/v1/articles/{obj.pk}/")
        return data
    data = {"type": obj._meta.model_name, "id": obj.pk}
    if hasattr(obj, "article_id"):
        data["article_id"] = obj.article_id
        data["api_url"] = absolute(f"/api/v1/articles/{obj.article_id}/")
    if hasattr(obj, "ticker_id"):
        data["ticker_id"] = obj.ticker_id
        data["deleted"] = bool(getattr(obj, "deleted_at", None))
        data["url"] = absolute(obj.ticker.get_absolute_url())
    return data


def emit(event: str, obj: Model) -> list[WebhookDelivery]:
    """Queue ``event`` about ``obj`` for every active subscription that wants it."""
    subscriptions = [
        s for s in WebhookSubscription.objects.filter(is_active=True) if event in s.events
    ]
    if not subscriptions:
        return []
    body = {"type": event, "timestamp": timezone.now(), "data": payload_for(event, obj)}
    payload = json.loads(json.dumps(body, cls=DjangoJSONEncoder))
    deliveries = [
        WebhookDelivery.objects.create(
            subscription=subscription,
            event=event,
            message_id=f"msg_{uuid.uuid4().hex}",
            payload=payload,
        )
        for subscription in subscriptions
    ]
    ids = [delivery.pk for delivery in deliveries]
    transaction.on_commit(lambda: [deliver.enqueue(pk) for pk in ids])
    return deliveries


# Delivery


def signed_request(delivery: WebhookDelivery, now: dt.datetime) -> urllib.request.Request:
    body = json.dumps(delivery.payload, separators=(",", ":"))
    signature = Webhook(delivery.subscription.secret).sign(delivery.message_id, now, body)
    return urllib.request.Request(
        delivery.subscription.url,
        data=body.encode(),
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            "webhook-id": delivery.message_id,
            "webhook-timestamp": str(int(now.timestamp())),
            "webhook-signature": signature,
        },
    )


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    # A redirect could lead to an address the target check never saw: treated as a failure.
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def send(delivery: WebhookDelivery) -> int:
    """POST the delivery; returns the status code, raises on a refused target or a failure."""
    check_target(delivery.subscription.url)
    request = signed_request(delivery, timezone.now())
    timeout = settings.NEWSDESK_WEBHOOKS_TIMEOUT_SECONDS
    with _opener.open(request, timeout=timeout) as response:
        return response.status


def _lease() -> dt.timedelta:
    return dt.timedelta(seconds=settings.NEWSDESK_WEBHOOKS_TIMEOUT_SECONDS * 3)


def claim(delivery_id: int) -> WebhookDelivery | None:
    """Take the pending delivery for one attempt, unless another worker holds it."""
    now = timezone.now()
    free = Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    taken = WebhookDelivery.objects.filter(
        free,
        pk=delivery_id,
        status=WebhookDelivery.Status.PENDING,
        subscription__is_active=True,
    ).update(attempts=F("attempts") + 1, next_attempt_at=now + _lease())
    if not taken:
        return None
    return WebhookDelivery.objects.select_related("subscription").get(pk=delivery_id)


def attempt(delivery_id: int) -> WebhookDelivery | None:
    delivery = claim(delivery_id)
    if delivery is None:
        return None
    try:
        status = send(delivery)
    except urllib.error.HTTPError as error:
        failed(delivery, f"HTTP {error.code}", error.code)
    except (ValidationError, OSError, ValueError) as error:
        failed(delivery, str(getattr(error, "message", None) or error)[:500], None)
    else:
        succeeded(delivery, status)
    return delivery


def succeeded(delivery: WebhookDelivery, status: int) -> None:
    delivery.status = WebhookDelivery.Status.DELIVERED
    delivery.response_status = status
    delivery.delivered_at = timezone.now()
    delivery.next_attempt_at = None
    delivery.error = ""
    delivery.save(
        update_fields=["status", "response_status", "delivered_at", "next_attempt_at", "error"]
    )
    WebhookSubscription.objects.filter(pk=delivery.subscription_id).update(consecutive_failures=0)


def failed(delivery: WebhookDelivery, error: str, status: int | None) -> None:
    """Note the failure; plan the next attempt with a doubled pause, or give up."""
    delivery.error = error
    delivery.response_status = status
    if delivery.attempts >= settings.NEWSDESK_WEBHOOKS_ATTEMPTS:
        delivery.status = WebhookDelivery.Status.FAILED
        delivery.next_attempt_at = None
    else:
        pause = settings.NEWSDESK_WEBHOOKS_BACKOFF_SECONDS * 2 ** (delivery.attempts - 1)
        delivery.next_attempt_at = timezone.now() + dt.timedelta(seconds=pause)
    delivery.save(update_fields=["error", "response_status", "status", "next_attempt_at"])
    subscription = delivery.subscription
    WebhookSubscription.objects.filter(pk=subscription.pk).update(
        consecutive_failures=F("consecutive_failures") + 1
    )
    subscription.refresh_from_db(fields=["consecutive_failures"])
    if subscription.consecutive_failures >= settings.NEWSDESK_WEBHOOKS_DISABLE_AFTER:
        WebhookSubscription.objects.filter(pk=subscription.pk).update(
            is_active=False,
            disabled_reason=(
                f"Switched off after {subscription.consecutive_failures} failed deliveries "
                f"in a row; last: {error}"
            )[:300],
        )
    elif delivery.status == WebhookDelivery.Status.PENDING and default_task_backend.supports_defer:
        deliver.using(run_after=delivery.next_attempt_at).enqueue(delivery.pk)


@task()
def deliver(delivery_id: int) -> None:
    """One attempt at a delivery (retries are queued again, or picked up by ``retry_due``)."""
    attempt(delivery_id)


def retry_due(now: dt.datetime | None = None) -> int:
    """Attempt every pending delivery whose time has come; for cron without a deferring queue."""
    now = now or timezone.now()
    due = WebhookDelivery.objects.filter(
        status=WebhookDelivery.Status.PENDING,
        subscription__is_active=True,
        next_attempt_at__lte=now,
    ).values_list("pk", flat=True)
    return sum(1 for pk in list(due) if attempt(pk) is not None)


def redeliver(delivery: WebhookDelivery) -> None:
    """Send a delivery again by hand, with its original id (receivers may drop a repeat)."""
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        status=WebhookDelivery.Status.PENDING, attempts=0, next_attempt_at=None
    )
    transaction.on_commit(lambda: deliver.enqueue(delivery.pk))
