"""Issue 15: Redis is an accelerator, never a dependency.

Redis "down" is a closed port here (nothing listens on port 1); the stop-and-start of a real
Redis is in ``test_redis_outage.py``.
"""

import logging

import pytest
from django.contrib.auth.models import User
from django.test import override_settings
from django.urls import reverse

from newsdesk.core.resilient_cache import CacheUnavailable, ResilientCache, _breakers
from newsdesk.settings.env import cache_from_url

CLOSED_PORT = "redis://127.0.0.1:1/0"


@pytest.fixture(autouse=True)
def fresh_breakers():
    """Every test meets a Redis it has not yet found missing."""
    _breakers.clear()
    yield
    _breakers.clear()


def backend(**options) -> ResilientCache:
    config = cache_from_url(CLOSED_PORT, **options)
    return ResilientCache(config["LOCATION"], config)


def test_redis_urls_get_short_timeouts_and_the_circuit_breaker():
    config = cache_from_url("redis://127.0.0.1:6379/0")
    assert config["BACKEND"] == "newsdesk.core.resilient_cache.ResilientCache"
    assert config["OPTIONS"]["socket_timeout"] == config["OPTIONS"]["socket_connect_timeout"]
    assert config["OPTIONS"]["socket_timeout"] < 0.1


def test_an_unreachable_cache_answers_as_a_miss_and_accepts_writes(caplog):
    cache = backend(name="away")
    with caplog.at_level(logging.WARNING, logger="newsdesk.cache"):
        for _ in range(50):
            assert cache.get("seite", "fehlt") == "fehlt"
            cache.set("seite", "neu")
            assert cache.add("sperre", 1) is True
            assert cache.get_many(["a", "b"]) == {}
            cache.delete("seite")
    assert not cache.is_available
    # Logged once for the whole outage, not per request.
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 1 and "unreachable" in messages[0]


def test_values_seen_before_an_outage_are_served_from_the_local_copy():
    cache = backend(name="copies", local_copies=10)
    cache.breaker.failed(ConnectionError("simulated"))
    cache.set("seite", "gespeichert")  # lands in the local copy only
    assert cache.get("seite") == "gespeichert"
    assert cache.get_many(["seite", "andere"]) == {"seite": "gespeichert"}


def test_a_strict_cache_says_it_is_unreachable():
    cache = backend(name="counters", strict=True)
    with pytest.raises(CacheUnavailable):
        cache.get("zaehler")
    with pytest.raises(CacheUnavailable):
        cache.incr("zaehler")


def test_the_recovery_is_logged_and_repaired_once(caplog):
    cache = backend(name="comeback")
    cache.breaker.retry_interval = 0
    cache.get("x")
    assert not cache.is_available
    recovered = []
    cache.breaker.on_recovery = recovered.append
    with caplog.at_level(logging.WARNING, logger="newsdesk.cache"):
        cache.breaker.succeeded()
        cache.breaker.succeeded()
    assert cache.is_available
    assert len(recovered) == 1
    assert len([r for r in caplog.records if "reachable again" in r.getMessage()]) == 1


@pytest.mark.django_db
def test_login_is_refused_with_a_clear_message_while_the_throttle_cannot_count(client):
    User.objects.create_user("redakteurin", password="richtig-und-lang-2026", is_staff=True)
    counters_away = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "ratelimit": cache_from_url(CLOSED_PORT, name="ratelimit", strict=True),
    }
    with override_settings(CACHES=counters_away):
        response = client.post(
            reverse("admin:login"),
            {"username": "redakteurin", "password": "richtig-und-lang-2026", "next": "/newsroom/"},
        )
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    page = response.content.decode()
    assert "Anmeldung vorübergehend nicht möglich" in page
    assert "Schutz vor dem Erraten von Passwörtern" in page
    # Not signed in: the password was never checked.
    assert "_auth_user_id" not in client.session


def test_limits_that_cannot_be_counted_count_as_exceeded(monkeypatch):
    """A comment is held back (its text shown to copy) rather than counted nowhere."""
    from newsdesk.core import ratelimit

    monkeypatch.setattr(ratelimit, "counters", lambda: backend(name="rl", strict=True))
    assert ratelimit.exceeded("comment-ip", ["192.0.2.1"], ratelimit.Rate(5, 600)) is True
    with pytest.raises(ratelimit.CountersUnavailable):
        ratelimit.hit("comment-ip", "192.0.2.1", ratelimit.Rate(5, 600))
