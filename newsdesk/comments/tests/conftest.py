"""Helpers for posting comments the way a browser does, and for setting the site's policy."""

from __future__ import annotations

import time

import pytest
from django.core import signing
from django.urls import reverse

from newsdesk.comments.forms import TIMESTAMP_SALT
from newsdesk.comments.models import ModerationSettings


def aged_timestamp(seconds: int = 60) -> str:
    """A form timestamp as if the page had been rendered ``seconds`` ago."""
    return signing.dumps(int(time.time()) - seconds, salt=TIMESTAMP_SALT)


def form_data(**overrides) -> dict:
    data = {
        "author_name": "Petra Leserin",
        "author_email": "petra@example.org",
        "body": "Guter Artikel!",
        "website": "",
        "parent": "",
        "ts": aged_timestamp(),
    }
    data.update(overrides)
    return data


def post_comment(client, article, **overrides):
    return client.post(reverse("comments:post", args=[article.pk]), form_data(**overrides))


@pytest.fixture
def site_policy(db):
    """Change the site's moderation settings: ``site_policy(mode="pre")``."""

    def change(**fields) -> ModerationSettings:
        settings_row = ModerationSettings.load()
        for name, value in fields.items():
            setattr(settings_row, name, value)
        settings_row.save()
        return settings_row

    return change


@pytest.fixture
def open_site(site_policy):
    """Post-moderation without the newcomer rule: a clean comment is published at once."""
    return site_policy(mode="post", newcomer_threshold=0)
