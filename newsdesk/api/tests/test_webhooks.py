import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from standardwebhooks import Webhook

from newsdesk.api import webhooks
from newsdesk.api.models import WebhookDelivery, WebhookSubscription
from newsdesk.api.tokens import create_token
from newsdesk.articles import services
from newsdesk.articles.models import Article
from newsdesk.articles.tests.factories import ArticleFactory
from newsdesk.newsroom.groups import ADMIN
from newsdesk.newsroom.tests.helpers import newsroom_user

pytestmark = pytest.mark.django_db


class Receiver:
    """A webhook receiver on loopback that answers ``status`` and keeps what it got."""

    def __init__(self, status: int = 204):
        self.status = status
        self.received: list[tuple[dict, bytes]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append(({k.lower(): v for k, v in self.headers.items()}, body))
                self.send_response(receiver.status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def ids(self) -> list[str]:
        return [headers["webhook-id"] for headers, _body in self.received]


@pytest.fixture
def receiver(settings):
    settings.NEWSDESK_WEBHOOKS_ALLOW_PRIVATE = True
    receiver = Receiver()
    yield receiver
    receiver.server.shutdown()


def subscribe(url: str, events=None) -> WebhookSubscription:
    return WebhookSubscription.objects.create(
        name="Partner",
        url=url,
        events=events or list(WebhookSubscription.Event.values),
        secret=webhooks.new_secret(),
    )


def test_receiver_gets_each_event_once_signed(receiver, django_capture_on_commit_callbacks):
    subscription = subscribe(receiver.url)
    draft = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_article(draft, None)
    with django_capture_on_commit_callbacks(execute=True):
        draft.headline = "Neue Überschrift"
        services.save_article(draft, None)
    with django_capture_on_commit_callbacks(execute=True):
        services.unpublish_article(draft, None)
    events = []
    for headers, body in receiver.received:
        payload = Webhook(subscription.secret).verify(body, headers)  # raises when forged
        events.append(payload["type"])
        assert payload["data"]["id"] == draft.pk
    assert events == ["article.published", "article.updated", "article.unpublished"]
    assert len(set(receiver.ids())) == 3
    assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {"delivered"}


def test_approved_comments_and_deleted_articles_reach_subscribers(
    receiver, django_capture_on_commit_callbacks
):
    from newsdesk.comments.models import Comment
    from newsdesk.comments.services import moderate_comments

    subscription = subscribe(receiver.url, events=["comment.approved", "article.deleted"])
    article = ArticleFactory()
    held = Comment.objects.create(
        article=article, author_name="Leserin", author_email="l@example.org", body="Gut."
    )
    with django_capture_on_commit_callbacks(execute=True):
        moderate_comments([held], Comment.Status.APPROVED, None)
    article_id = article.pk
    with django_capture_on_commit_callbacks(execute=True):
        article.delete()
    got = [
        Webhook(subscription.secret).verify(body, headers) for headers, body in receiver.received
    ]
    assert [(p["type"], p["data"]["id"]) for p in got] == [
        ("comment.approved", held.pk),
        ("article.deleted", article_id),
    ]
    assert got[0]["data"]["article_id"] == article_id


def test_a_live_ticker_entry_reaches_subscribers(receiver, django_capture_on_commit_callbacks):
    from newsdesk.liveticker import services as ticker_services
    from newsdesk.liveticker.tests.factories import LiveTickerFactory

    subscription = subscribe(receiver.url, events=["liveticker.entry"])
    ticker = LiveTickerFactory(is_published=True)
    with django_capture_on_commit_callbacks(execute=True):
        entry = ticker_services.post_entry(ticker, "Das neue Tablet ist da.")
    (payload,) = [
        Webhook(subscription.secret).verify(body, headers) for headers, body in receiver.received
    ]
    assert payload["type"] == "liveticker.entry"
    assert payload["data"]["id"] == entry.pk and payload["data"]["ticker_id"] == ticker.pk
    assert payload["data"]["url"].endswith(ticker.get_absolute_url())


def test_only_subscribed_events_are_sent(receiver, django_capture_on_commit_callbacks):
    subscribe(receiver.url, events=["article.unpublished"])
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_article(ArticleFactory(status=Article.Status.DRAFT), None)
    assert receiver.received == []


def test_a_worker_killed_mid_delivery_leaves_it_to_the_retry(
    receiver, django_capture_on_commit_callbacks
):
    subscribe(receiver.url)
    with django_capture_on_commit_callbacks(execute=False):  # the queued task never runs
        services.publish_article(ArticleFactory(status=Article.Status.DRAFT), None)
    delivery = WebhookDelivery.objects.get()
    assert webhooks.claim(delivery.pk) is not None  # taken ... and the worker dies here
    assert webhooks.retry_due() == 0  # its lease still runs: nobody sends twice at once
    assert webhooks.retry_due(timezone.now() + timedelta(minutes=5)) == 0
    WebhookDelivery.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))
    assert webhooks.retry_due() == 1
    assert webhooks.retry_due() == 0
    assert receiver.ids() == [delivery.message_id]


def test_failures_back_off_then_give_up_and_switch_the_subscription_off(receiver, settings):
    settings.NEWSDESK_WEBHOOKS_ATTEMPTS = 3
    settings.NEWSDESK_WEBHOOKS_DISABLE_AFTER = 4
    receiver.status = 500
    subscription = subscribe(receiver.url)
    article = ArticleFactory()
    first = webhooks.emit("article.updated", article)[0]
    pauses = []
    for _ in range(3):
        WebhookDelivery.objects.filter(pk=first.pk).update(next_attempt_at=None)
        before = timezone.now()
        webhooks.attempt(first.pk)
        first.refresh_from_db()
        if first.next_attempt_at:
            pauses.append((first.next_attempt_at - before).total_seconds())
    assert first.status == "failed" and first.attempts == 3 and first.response_status == 500
    assert pauses[1] > pauses[0] * 1.5  # exponential
    second = webhooks.emit("article.updated", article)[0]
    webhooks.attempt(second.pk)
    subscription.refresh_from_db()
    assert not subscription.is_active and "4" in subscription.disabled_reason
    assert webhooks.emit("article.updated", article) == []

    receiver.status = 204  # fixed: an editor switches it on and sends the event again by hand
    WebhookSubscription.objects.update(is_active=True)
    webhooks.redeliver(first)
    webhooks.attempt(first.pk)
    first.refresh_from_db()
    assert first.status == "delivered" and receiver.ids()[-1] == first.message_id


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/hook",
        "http://localhost:8080/",
        "http://10.0.0.5/",
        "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "ftp://example.org/",
    ],
)
def test_private_and_loopback_targets_are_refused(url):
    with pytest.raises(ValidationError):
        webhooks.check_target(url)


def test_a_delivery_to_a_private_address_is_refused_at_sending_too():
    subscription = subscribe("http://127.0.0.1:9/hook")
    delivery = webhooks.emit("article.updated", ArticleFactory())[0]
    webhooks.attempt(delivery.pk)
    delivery.refresh_from_db()
    assert "private" in delivery.error and delivery.status == "pending"
    assert subscription.deliveries.count() == 1


def test_subscriptions_over_the_api(client):
    admin = newsroom_user(ADMIN, "admin")
    _t, key = create_token(admin, "hooks", [])
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    refused = client.post(
        "/api/v1/webhooks/",
        {"name": "x", "url": "http://127.0.0.1/", "events": ["article.published"]},
        content_type="application/json",
        **auth,
    )
    assert refused.status_code == 422 and "private" in json.dumps(refused.json())
    created = client.post(
        "/api/v1/webhooks/",
        {"name": "x", "url": "https://93.184.215.14/hook", "events": ["article.published"]},
        content_type="application/json",
        **auth,
    )
    assert created.status_code == 201 and created.json()["secret"].startswith("whsec_")
    listed = client.get("/api/v1/webhooks/", **auth).json()
    assert listed[0]["url"] == "https://93.184.215.14/hook" and "secret" not in listed[0]
    _t, autor_key = create_token(newsroom_user("Autor", "a"), "x", [])
    assert (
        client.get("/api/v1/webhooks/", HTTP_AUTHORIZATION=f"Bearer {autor_key}").status_code == 403
    )


def test_publishing_and_editing_in_the_newsroom_send_their_events(
    client, receiver, django_capture_on_commit_callbacks
):
    from newsdesk.articles.tests.test_newsroom import change_url, edit

    client.force_login(newsroom_user("Redaktion", "redaktion"))
    subscription = subscribe(receiver.url)
    article = ArticleFactory(status=Article.Status.IN_REVIEW, published_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(change_url(article), edit(client, article, _publish="1"))
    article.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(change_url(article), edit(client, article, headline="Korrigiert"))
    events = [
        Webhook(subscription.secret).verify(body, headers)["type"]
        for headers, body in receiver.received
    ]
    assert events == ["article.published", "article.updated"]
