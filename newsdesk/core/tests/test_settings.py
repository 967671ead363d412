"""Settings come from the environment; production refuses to run half-configured."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from newsdesk.settings.env import cache_from_url, env_bool, env_int


def run_check(env: dict, *args: str) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "DJANGO_SETTINGS_MODULE"}
    }
    return subprocess.run(
        [sys.executable, "-m", "newsdesk.cli", "check", *args],
        env={**clean, "DJANGO_SETTINGS_MODULE": "newsdesk.settings.production", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_secret_key():
    result = run_check({"ALLOWED_HOSTS": "news.example"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_check({"SECRET_KEY": "x" * 60})
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_production_settings_pass_the_deploy_check():
    result = run_check(
        {
            "SECRET_KEY": "k8Jq2-vN0x_Lr7TzW1mYc4pH9sEaB3uD6fG5hK0jQ2wR8tY1uI7oP3lZ",
            "ALLOWED_HOSTS": "news.example",
        },
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("raw, expected", [("true", True), ("1", True), ("no", False), ("", False)])
def test_boolean_variables(monkeypatch, raw, expected):
    monkeypatch.setenv("NEWSDESK_FLAG", raw)
    assert env_bool("NEWSDESK_FLAG") is expected


def test_a_mistyped_variable_is_reported_by_name(monkeypatch):
    monkeypatch.setenv("NEWSDESK_FLAG", "vielleicht")
    with pytest.raises(ImproperlyConfigured, match="NEWSDESK_FLAG"):
        env_bool("NEWSDESK_FLAG")
    monkeypatch.setenv("PORT_X", "acht")
    with pytest.raises(ImproperlyConfigured, match="PORT_X"):
        env_int("PORT_X", 1)


def test_cache_urls():
    assert cache_from_url("locmem://")["BACKEND"].endswith("LocMemCache")
    redis = cache_from_url("redis://127.0.0.1:6379/1")
    # Django's Redis backend behind a circuit breaker (newsdesk.core.resilient_cache).
    assert redis["BACKEND"] == "newsdesk.core.resilient_cache.ResilientCache"
    assert redis["LOCATION"] == ["redis://127.0.0.1:6379/1"]
    with pytest.raises(ImproperlyConfigured, match="memcached"):
        cache_from_url("memcached://x")


def test_a_cache_url_with_a_key_prefix_keeps_it_out_of_the_redis_connection():
    # Two sites (or a benchmark) on one Redis database: the prefix parts their keys. Passed on
    # to redis-py, every request failed with "unexpected keyword argument 'prefix'".
    redis = cache_from_url("redis://127.0.0.1:6379/11?prefix=zweite,redis://10.0.0.2:6379/11")
    assert redis["KEY_PREFIX"] == "zweite"
    assert redis["LOCATION"] == ["redis://127.0.0.1:6379/11", "redis://10.0.0.2:6379/11"]


def test_media_go_to_s3_compatible_storage_when_a_bucket_is_set():
    code = (
        "from django.conf import settings; from django.core.files.storage import default_storage;"
        "default_storage._setup(); s = default_storage._wrapped;"
        "print(type(s).__name__, s.bucket_name,"
        " s.endpoint_url, settings.NEWSDESK_SERVE_MEDIA)"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code],
        env={
            **env,
            "DJANGO_SETTINGS_MODULE": "newsdesk.settings.base",
            "AWS_STORAGE_BUCKET_NAME": "technikblatt-media",
            "AWS_S3_ENDPOINT_URL": "https://s3.example.net",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == [
        "S3Storage",
        "technikblatt-media",
        "https://s3.example.net",
        "False",
    ], result.stderr
