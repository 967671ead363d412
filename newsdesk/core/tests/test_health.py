import pytest
from django.db import connection


@pytest.mark.django_db
def test_health_check_answers_ok_and_is_never_cached(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_health_check_reports_an_unreachable_database(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    assert client.get("/healthz").status_code == 503


@pytest.mark.django_db
def test_details_name_every_dependency_and_stay_200_when_only_the_cache_is_away(
    client, monkeypatch
):
    body = client.get("/healthz/details").json()
    assert set(body["dependencies"]) == {
        "database",
        "cache",
        "ratelimit",
        "replicas",
        "workers",
        "media",
    }
    assert body["dependencies"]["database"] == {"state": "ok"}

    from django.core.cache import cache

    def unreachable(*args, **kwargs):
        raise ConnectionError("redis went away")

    monkeypatch.setattr(cache, "get", unreachable)
    response = client.get("/healthz/details")
    assert response.status_code == 200
    assert "cache" in response.json()["degraded"]
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_details_are_refused_to_other_addresses(client):
    assert client.get("/healthz/details", REMOTE_ADDR="203.0.113.9").status_code == 403
