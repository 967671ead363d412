"""Operator commands for GDPR requests."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from newsdesk.comments.models import Comment
from newsdesk.comments.tests.factories import CommentFactory

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_export_writes_the_addresses_comments_as_json():
    CommentFactory(author_email="petra@example.org", body="Mein Text")
    data = json.loads(run("comments_export", "Petra@example.org"))
    assert [c["text"] for c in data["comments"]] == ["Mein Text"]


def test_erase_is_a_dry_run_without_for_real():
    CommentFactory(author_email="petra@example.org")
    assert "would be erased" in run("comments_erase", "petra@example.org")
    assert Comment.objects.by_email("petra@example.org").exists()
    assert "nothing of petra@example.org is left" in run(
        "comments_erase", "petra@example.org", "--for-real", "--mode", "remove"
    )
    assert not Comment.objects.exists()


def test_bad_address_is_a_clear_error():
    with pytest.raises(CommandError, match="not an e-mail address"):
        run("comments_export", "keine-adresse")
