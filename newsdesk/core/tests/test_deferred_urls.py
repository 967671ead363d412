"""The content API's URLconf is deferred: shell commands and workers start without building it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from django.test import Client
from django.urls import reverse

# What a takedown or a bake does with the URLconf (resolve an address, reverse reader pages),
# then what the API needs; each step reports whether the API's module was imported by then.
SCRIPT = """
import json, sys
import django
django.setup()
from django.urls import resolve, reverse
api = "newsdesk.api.views"
seen = {"setup": api in sys.modules}
reverse("articles:topic", kwargs={"slug": "smartphones"})
resolve("/thema/smartphones/")
seen["reader_urls"] = api in sys.modules
seen["api_root"] = reverse("api:api-root")
seen["after_api_reverse"] = api in sys.modules
print(json.dumps(seen))
"""


def test_a_shell_command_that_serves_no_api_does_not_build_it():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "newsdesk.settings.test"}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen == {
        "setup": False,
        "reader_urls": False,
        "api_root": "/api/v1/",
        "after_api_reverse": True,
    }


@pytest.mark.django_db
def test_the_api_answers_at_its_addresses_with_its_json_not_found():
    client = Client()
    index = client.get("/api/v1/")
    assert index.status_code == 200
    assert index.json()["articles"] == "/api/v1/articles/"
    assert client.get("/api/v1/docs/").status_code == 200
    missing = client.get("/api/v1/gibt-es-nicht/")
    assert missing.status_code == 404
    assert "siehe /api/v1/docs/" in missing.json()["detail"]
    assert reverse("api:api_index") == "/api/v1/"


def test_the_app_server_has_the_api_ready_before_its_first_request():
    # gunicorn imports newsdesk.wsgi: the first API request of a worker waits for nothing.
    script = "import sys, newsdesk.wsgi; print('newsdesk.api.views' in sys.modules)"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "newsdesk.settings.test"}
    result = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "True"
