"""Every row of the moderation, commerce and labelling data comes back exactly, and a restored
site answers with the restored data at once, not with what caches still hold."""

from __future__ import annotations

import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.test import Client, override_settings
from django.utils import timezone

from newsdesk.articles.models import Article
from newsdesk.articles.tests.factories import ArticleFactory
from newsdesk.backup.archive import archived_models
from newsdesk.comments.models import (
    ArticlePolicy,
    CommentReport,
    ModerationSettings,
    ReplyConsent,
)
from newsdesk.comments.tests.factories import (
    CommentFactory,
    EmailDomainRuleFactory,
    WordRuleFactory,
)
from newsdesk.commerce.tests.factories import OfferFactory, ShopFactory


def every_row() -> dict[str, list[dict]]:
    """Every archived row with every field, as the serialiser sees it."""
    return {
        model._meta.label_lower: serializers.serialize(
            "python",
            model._default_manager.order_by("pk"),
            use_natural_foreign_keys=True,
        )
        for model in archived_models()
    }


def empty_installation() -> None:
    call_command("flush", interactive=False, verbosity=0)
    ContentType.objects.clear_cache()
    for child in Path(settings.MEDIA_ROOT).iterdir():
        shutil.rmtree(child) if child.is_dir() else child.unlink()


@pytest.fixture
def moderated_site(db):
    """A site whose operators tuned comment moderation, approved offers and sold an ad."""
    editor = get_user_model().objects.create_user("chefin")
    rules = ModerationSettings.load()
    rules.mode = ModerationSettings.Mode.PRE
    rules.close_after_days = 14
    rules.save()
    ad = ArticleFactory(
        headline="Anzeige: Der neue Router",
        is_sponsored=True,
        sponsor_name="Router AG",
        status=Article.Status.PUBLISHED,
        published_at=timezone.now(),
    )
    ArticlePolicy.objects.create(article=ad, mode=ArticlePolicy.Mode.POST, keep_open=True)
    WordRuleFactory(word="kaufen sie jetzt", kind="banned")
    EmailDomainRuleFactory(domain="wegwerf.example")
    comment = CommentFactory(article=ad, notify_on_reply=True, open_reports=1)
    CommentReport.objects.create(comment=comment, reason="spam", reporter="a" * 64, note="Spam")
    ReplyConsent.objects.create(email=comment.author_email, confirmed_at=timezone.now())
    offer = OfferFactory(shop=ShopFactory(name="Fernshop", domains="fern.example"))
    offer.url = "https://anderswo.example/angebot"
    offer.approve(editor)
    offer.save()
    return ad


@pytest.mark.django_db(transaction=True)
def test_moderation_commerce_and_ad_rows_come_back_field_for_field(moderated_site, tmp_path):
    before = every_row()
    assert before["comments.wordrule"] and before["comments.commentreport"]
    assert before["comments.replyconsent"] and before["comments.articlepolicy"]
    archive = str(tmp_path / "archive")
    call_command("export", archive, "--with-passwords", verbosity=0, stdout=StringIO())
    empty_installation()
    call_command("restore", archive, verbosity=0, stdout=StringIO())
    after = every_row()
    assert {label: rows for label, rows in after.items() if rows != before[label]} == {}


@pytest.mark.django_db(transaction=True)
def test_restore_does_not_answer_with_what_caches_still_hold(moderated_site, tmp_path):
    call_command("export", str(tmp_path / "archive"), verbosity=0, stdout=StringIO())
    empty_installation()
    # The empty installation was looked at before the restore (an operator checking it runs,
    # or the same cache server a lost database had): its defaults and its empty home page
    # are in the shared cache now.
    assert ModerationSettings.load().mode != ModerationSettings.Mode.PRE
    ModerationSettings.objects.all().delete()  # a look that leaves no row behind
    with override_settings(NEWSDESK_PAGE_CACHE=True):
        assert "Der neue Router" not in Client().get("/").content.decode()
        call_command("restore", str(tmp_path / "archive"), verbosity=0, stdout=StringIO())
        assert ModerationSettings.load().mode == ModerationSettings.Mode.PRE
        assert "Der neue Router" in Client().get("/").content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_damaged_media_file_is_refused_and_nothing_is_written(db, tmp_path):
    empty_installation()  # the media folder is shared by the whole test run
    default_storage.save("images/2026/11/bild.jpg", ContentFile(b"\xff\xd8 ein Bild"))
    default_storage.save("images/2026/11/zweites.jpg", ContentFile(b"\xff\xd8 noch eins"))
    archive = tmp_path / "archive"
    call_command("export", str(archive), verbosity=0, stdout=StringIO())
    manifest = json.loads((archive / "manifest.json").read_text())
    assert sorted(manifest["media"]) == ["images/2026/11/bild.jpg", "images/2026/11/zweites.jpg"]
    empty_installation()

    (archive / "media" / "images" / "2026" / "11" / "zweites.jpg").write_bytes(b"kaputt")
    with pytest.raises(CommandError, match="zweites.jpg.*beschädigt"):
        call_command("restore", str(archive), verbosity=0)
    assert not default_storage.exists("images/2026/11/bild.jpg")

    (archive / "media" / "images" / "2026" / "11" / "zweites.jpg").unlink()
    with pytest.raises(CommandError, match="fehlt die Mediendatei .*zweites.jpg"):
        call_command("restore", str(archive), verbosity=0)
    assert not default_storage.exists("images/2026/11/bild.jpg")
