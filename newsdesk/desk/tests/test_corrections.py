"""An Autor corrects her published article by proposal; the Redaktion publishes or rejects it."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.urls import reverse

from newsdesk.articles import services
from newsdesk.articles.models import Article
from newsdesk.articles.tests.factories import ArticleFactory
from newsdesk.desk import corrections
from newsdesk.desk.models import CorrectionProposal, Notice
from newsdesk.galleries.tests.factories import ImageFactory
from newsdesk.newsroom.groups import AUTHOR, EDITOR
from newsdesk.newsroom.tests.helpers import form_data, newsroom_user
from newsdesk.publishing import keys
from newsdesk.publishing.testing import RECORDING, RecordingPurger

pytestmark = pytest.mark.django_db

BODY = "Erster Absatz.\n\nDer Akku hat 4.000 mAh.\n\nDritter Absatz."


@pytest.fixture
def autor():
    user = newsroom_user(AUTHOR, "anna", author=True)
    user.email = "anna@example.org"
    user.save()
    return user


@pytest.fixture
def redakteurin():
    user = newsroom_user(EDITOR, "rita")
    user.email = "rita@example.org"
    user.save()
    return user


@pytest.fixture
def article(autor):
    article = ArticleFactory(
        headline="Aurora X3 im Test", body=BODY, authors=[autor.author_profile], created_by=autor
    )
    services.ensure_revision(article)
    return article


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def propose_in_form(client, article, **changes):
    html = client.get(change_url(article)).content.decode()
    data = form_data(html, "article_form")
    data.update(changes)
    data["_propose"] = "1"
    return client.post(change_url(article), data)


def test_autor_opens_her_published_article_in_the_editor_with_a_correction_notice(
    client, autor, article
):
    client.force_login(autor)
    html = client.get(change_url(article)).content.decode()
    assert 'name="body"' in html and 'name="headline"' in html
    assert "Dieser Artikel ist veröffentlicht." in html
    assert 'name="_propose"' in html
    # Address, status, pictures and publishing stay with the Redaktion.
    for field in ("slug", "status", "published_at", "lead_image", "is_sponsored"):
        assert f'name="{field}"' not in html, field
    assert 'name="_publish"' not in html and 'name="_unpublish"' not in html
    assert 'name="_save"' not in html


def test_autors_correction_leaves_the_live_article_unchanged_for_readers(
    client, autor, article, redakteurin, committed
):
    client.force_login(autor)
    with committed():
        response = propose_in_form(
            client,
            article,
            body=BODY.replace("4.000 mAh", "5.000 mAh"),
            correction_note="Korrektur: Der Akku hat 5.000 mAh.",
        )
    assert response.status_code == 302
    article.refresh_from_db()
    assert "4.000 mAh" in article.body and article.correction_note == ""
    client.logout()
    assert "4.000 mAh" in client.get(article.get_absolute_url()).content.decode()
    proposal = CorrectionProposal.objects.get()
    assert proposal.status == CorrectionProposal.Status.OPEN
    assert "5.000 mAh" in proposal.data["body"]
    # Opening the form again shows her proposal, not the live text.
    client.force_login(autor)
    html = client.get(change_url(article)).content.decode()
    assert "5.000 mAh" in html and "wartet auf die Redaktion" in html


def test_a_correction_that_changes_nothing_is_refused_in_plain_words(client, autor, article):
    client.force_login(autor)
    response = propose_in_form(client, article)
    assert response.status_code == 200
    assert "Sie haben nichts geändert" in response.content.decode()
    assert not CorrectionProposal.objects.exists()


def test_autor_cannot_publish_unpublish_or_move_her_article_while_proposing(client, autor, article):
    client.force_login(autor)
    data = form_data(client.get(change_url(article)).content.decode(), "article_form")
    data.update(
        {"body": "Neu.", "status": "draft", "slug": "anders", "_unpublish": "1", "_publish": "1"}
    )
    client.post(change_url(article), data)
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.slug != "anders" and article.body == BODY
    with pytest.raises(PermissionDenied):
        services.unpublish_article(article, autor)
    proposal = CorrectionProposal.objects.get()
    assert "slug" not in proposal.data and "status" not in proposal.data


def test_proposal_keeps_bylines_and_pictures_of_the_live_article(client, autor, article):
    image = ImageFactory(credit="Foto: Hersteller")
    Article.objects.filter(pk=article.pk).update(lead_image=image)
    client.force_login(autor)
    data = form_data(client.get(change_url(article)).content.decode(), "article_form")
    data.update({"headline": "Aurora X3 im Langzeittest", "lead_image": "", "_propose": "1"})
    data["articleauthor_set-0-DELETE"] = "on"
    client.post(change_url(article), data)
    article.refresh_from_db()
    assert article.lead_image == image
    assert article.articleauthor_set.count() == 1
    assert CorrectionProposal.objects.get().data["headline"] == "Aurora X3 im Langzeittest"


def test_only_the_articles_autor_may_propose(article):
    other = newsroom_user(AUTHOR, "otto", author=True)
    with pytest.raises(PermissionDenied):
        corrections.propose(article, other, {"body": "Fremd."})
    editor = newsroom_user(EDITOR, "rita")
    with pytest.raises(PermissionDenied):
        corrections.propose(article, editor, {"body": "Redaktion ändert direkt."})


def test_redaktion_sees_the_proposal_as_a_diff_against_the_live_version(
    client, autor, article, redakteurin
):
    proposal = corrections.propose(article, autor, {"body": BODY.replace("4.000 mAh", "5.000 mAh")})
    client.force_login(redakteurin)
    start = client.get(reverse("admin:index")).content.decode()
    assert 'id="desk-correction-count">1<' in start
    url = reverse("admin:articles_article_correction", args=[article.pk, proposal.pk])
    assert url in start
    html = client.get(url).content.decode()
    assert "− Der Akku hat 4.000 mAh." in html
    assert "+ Der Akku hat 5.000 mAh." in html
    assert 'name="_publish"' in html and 'name="_reject"' in html
    form = client.get(change_url(article)).content.decode()
    assert "prüfen und veröffentlichen" in form


def test_publishing_a_correction_changes_the_reader_page_with_one_purge(
    client, autor, article, redakteurin, committed
):
    proposal = corrections.propose(article, autor, {"body": BODY.replace("4.000 mAh", "5.000 mAh")})
    url = reverse("admin:articles_article_correction", args=[article.pk, proposal.pk])
    with override_settings(NEWSDESK_PAGE_CACHE=True, NEWSDESK_PURGE_BACKEND=RECORDING):
        cache.clear()
        reader_url = article.get_absolute_url()
        client.get(reader_url)
        assert client.get(reader_url)["X-Cache"] == "HIT"
        RecordingPurger.reset()
        client.force_login(redakteurin)
        with committed():
            assert client.post(url, {"_publish": "1"}).status_code == 302
        client.logout()
        response = client.get(reader_url)
        assert response["X-Cache"] == "MISS"
        assert "5.000 mAh" in response.content.decode()
        assert len(RecordingPurger.sent) == 1
        assert keys.article(article.pk) in RecordingPurger.sent[0][0]
    article.refresh_from_db()
    proposal.refresh_from_db()
    assert proposal.status == CorrectionProposal.Status.PUBLISHED
    assert proposal.reviewed_by == redakteurin
    assert proposal.published_version == article.version
    revision = article.revisions.get(version=article.version)
    assert revision.created_by == redakteurin and "anna" in revision.action
    # The Autor hears of it.
    assert Notice.objects.filter(recipient=autor, kind=Notice.Kind.CORRECTION_PUBLISHED).exists()


def test_rejecting_needs_a_reason_that_the_autor_then_sees(client, autor, article, redakteurin):
    proposal = corrections.propose(article, autor, {"headline": "Aurora X3: Testbericht"})
    url = reverse("admin:articles_article_correction", args=[article.pk, proposal.pk])
    client.force_login(redakteurin)
    html = client.post(url, {"_reject": "1", "reason": "  "}).content.decode()
    assert "Bitte begründen Sie die Ablehnung" in html
    assert (
        client.post(url, {"_reject": "1", "reason": "Der Titel ist so gewollt."}).status_code == 302
    )
    proposal.refresh_from_db()
    assert proposal.status == CorrectionProposal.Status.REJECTED
    article.refresh_from_db()
    assert article.headline == "Aurora X3 im Test"

    client.force_login(autor)
    start = client.get(reverse("admin:index")).content.decode()
    assert "Meine veröffentlichten Artikel" in start
    assert "Der Titel ist so gewollt." in start
    form = client.get(change_url(article)).content.decode()
    assert "abgelehnt" in form and "Der Titel ist so gewollt." in form
    # A decided proposal cannot be decided again.
    with pytest.raises(ValidationError):
        corrections.publish(proposal, redakteurin)


def test_autor_cannot_decide_her_own_proposal(client, autor, article):
    proposal = corrections.propose(article, autor, {"headline": "Selbst freigegeben"})
    url = reverse("admin:articles_article_correction", args=[article.pk, proposal.pk])
    client.force_login(autor)
    html = client.get(url).content.decode()
    assert "Selbst freigegeben" in html and 'name="_publish"' not in html
    assert client.post(url, {"_publish": "1"}).status_code == 403
    article.refresh_from_db()
    assert article.headline == "Aurora X3 im Test"


def test_redaktion_edits_since_the_proposal_are_kept_when_it_is_published(
    autor, article, redakteurin
):
    proposal = corrections.propose(
        article, autor, {"body": BODY.replace("Dritter Absatz.", "Dritter Absatz, korrigiert.")}
    )
    article.headline = "Aurora X3 im Test: Update"
    article.body = BODY.replace("Erster Absatz.", "Erster Absatz, von der Redaktion.")
    services.save_article(article, redakteurin, "gespeichert")
    services.record_revision(article, redakteurin, "gespeichert")
    corrections.publish(proposal, redakteurin)
    article.refresh_from_db()
    assert article.headline == "Aurora X3 im Test: Update"
    assert "Erster Absatz, von der Redaktion." in article.body
    assert "Dritter Absatz, korrigiert." in article.body


def test_a_proposal_overlapping_a_later_redaktion_edit_is_not_published_blindly(
    autor, article, redakteurin
):
    proposal = corrections.propose(article, autor, {"body": BODY.replace("4.000", "5.000")})
    article.body = BODY.replace("4.000", "4.500")
    services.save_article(article, redakteurin, "gespeichert")
    services.record_revision(article, redakteurin, "gespeichert")
    with pytest.raises(corrections.ProposalConflict):
        corrections.publish(proposal, redakteurin)
    article.refresh_from_db()
    assert "4.500" in article.body


def test_autor_autosaves_her_correction_as_a_working_copy(client, autor, article):
    client.force_login(autor)
    response = client.post(
        reverse("newsroom_autosave"),
        {"article": article.pk, "fields": {"body": ["Entwurf der Korrektur"]}},
        content_type="application/json",
    )
    assert response.status_code == 200
    article.refresh_from_db()
    assert article.body == BODY
