"""TRUST.md group D (comments: spam, abuse, moderation), one parametrised test per row.

Each case asserts the safe outcome the table asks for. D12's "edit after the edit window" has no
counterpart: readers cannot edit comments at all, which the case asserts instead.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from newsdesk.articles.tests.factories import ArticleFactory
from newsdesk.comments import gdpr
from newsdesk.comments.admin import EmailDomainRuleForm
from newsdesk.comments.models import (
    Comment,
    CommentReport,
    EmailDomainRule,
    HoldReason,
    ModerationSettings,
    ReplyConsent,
    WordRule,
)
from newsdesk.comments.tests.conftest import aged_timestamp, form_data, post_comment
from newsdesk.comments.tests.factories import (
    CommentFactory,
    EmailDomainRuleFactory,
    WordRuleFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", ["https://spam.example", "x", " "])
def test_d1_honeypot_filled_is_dropped_silently(client, open_site, value):
    article = ArticleFactory()
    response = post_comment(client, article, website=value)
    # Looks accepted to the bot and stores nothing; people never see the field to fill it.
    assert response.status_code == 302
    assert response["Location"] == reverse("comments:thanks", args=[article.pk])
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    ("age", "reason"),
    [(0, HoldReason.TOO_FAST), (1, HoldReason.TOO_FAST), (5 * 3600 * 3, HoldReason.OLD_FORM)],
    ids=["0.5s-after-render", "1s-after-render", "replayed-15h-later"],
)
def test_d2_too_fast_or_replayed_form_is_held(client, open_site, age, reason):
    post_comment(client, ArticleFactory(), ts=aged_timestamp(age))
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING and comment.reasons == [reason]


@pytest.mark.parametrize(
    "body",
    [
        "http://a.example http://b.example",
        "https://a.example/1 und www.b.example/2",
        "shop.ru und casino.xyz",
    ],
)
def test_d3_two_or_more_links_are_held(client, open_site, body):
    post_comment(client, ArticleFactory(), body=body)
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING and HoldReason.LINKS in comment.reasons


@pytest.mark.parametrize(
    ("word", "body"),
    [
        ("wtf", "w t f soll das"),
        ("wtf", "WTF soll das"),
        ("shit", "$hit happens"),
        ("shit", "sh\u200bit happens"),  # zero-width space
        ("idiot", "\u0456diot"),  # Cyrillic і
        ("idiot", "ＩＤＩＯＴ"),  # full-width letters (NFKC)
    ],
)
def test_d4_obfuscated_suspect_words_go_to_pending(client, open_site, word, body):
    WordRuleFactory(word=word, kind=WordRule.Kind.SUSPECT)
    post_comment(client, ArticleFactory(), body=body)
    assert Comment.objects.get().reasons == [HoldReason.SUSPECT_WORD]


@pytest.mark.parametrize("body", ["Idiot", "id\u200diot", "\u0456diot"])
def test_d4_obfuscated_banned_words_are_refused(client, open_site, body):
    WordRuleFactory(word="idiot", kind=WordRule.Kind.BANNED)
    assert post_comment(client, ArticleFactory(), body=body).status_code == 400
    assert not Comment.objects.exists()


@pytest.mark.parametrize("same_article", [True, False])
def test_d5_same_text_twice_within_minutes_is_flagged(client, open_site, same_article):
    first = ArticleFactory()
    post_comment(client, first, body="Kauft bei uns!")
    post_comment(client, first if same_article else ArticleFactory(), body="Kauft bei uns!")
    assert Comment.objects.latest("pk").reasons == [HoldReason.REPEAT]


@pytest.mark.parametrize("proxies", [0, 1])
def test_d6_thirty_a_minute_with_rotating_spoofed_xff_get_429(client, settings, proxies):
    settings.NEWSDESK_COMMENT_RATE = "5/m"
    settings.NEWSDESK_TRUSTED_PROXIES = proxies
    article = ArticleFactory()
    codes = []
    for n in range(30):
        spoof = f"100.64.0.{n}"
        forwarded = f"{spoof}, 203.0.113.5" if proxies else spoof
        codes.append(
            client.post(
                f"/kommentare/{article.pk}/",
                form_data(author_email=f"bot{n}@example.org", body=f"Nr. {n}"),
                REMOTE_ADDR="10.0.0.1" if proxies else "203.0.113.5",
                HTTP_X_FORWARDED_FOR=forwarded,
            ).status_code
        )
    assert codes.count(429) == 25
    assert Comment.objects.count() == 5


@pytest.mark.parametrize("threshold", [1, 3])
def test_d7_new_commenters_are_premoderated_until_n_approved(client, site_policy, threshold):
    site_policy(mode="post", newcomer_threshold=threshold)
    for n in range(threshold + 1):
        post_comment(client, ArticleFactory(), body=f"Beitrag {n}")
        latest = Comment.objects.latest("pk")
        assert latest.reasons == [HoldReason.NEWCOMER]
        latest.status = Comment.Status.APPROVED
        latest.save()
        if n + 1 == threshold:
            break
    post_comment(client, ArticleFactory(), body="Jetzt frei")
    assert Comment.objects.get(body="Jetzt frei").status == Comment.Status.APPROVED


@pytest.mark.parametrize(
    ("history", "held"),
    [
        (["approved"] * 9 + ["removed"], False),  # 10 %: fine
        (["approved"] * 2 + ["removed", "spam"], True),  # 50 %: back to pre-moderation
    ],
)
def test_d8_rising_rejection_rate_returns_to_premoderation(client, site_policy, history, held):
    site_policy(mode="post", newcomer_threshold=1, rejection_rate=30)
    for status in history:
        CommentFactory(author_email="petra@example.org", status=status, moderated_at=timezone.now())
    post_comment(client, ArticleFactory(), body="Neuer Beitrag")
    comment = Comment.objects.get(body="Neuer Beitrag")
    assert (HoldReason.HISTORY in comment.reasons) is held


@pytest.mark.parametrize("readers", [1, 50])
def test_d9_report_brigading_keeps_the_comment_published(client, readers):
    comment = CommentFactory(body="Unbequem, aber legitim")
    url = reverse("comments:report", args=[comment.article_id, comment.pk])
    for n in range(readers):
        client.post(url, {"reason": "abuse"}, REMOTE_ADDR=f"192.0.2.{n}")
        client.post(url, {"reason": "abuse"}, REMOTE_ADDR=f"192.0.2.{n}")  # twice: counted once
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert comment.open_reports == readers == CommentReport.objects.count()
    assert list(Comment.objects.reported()) == [comment]
    page = client.get(comment.article.get_absolute_url()).content.decode()
    assert "Unbequem, aber legitim" in page


@pytest.mark.parametrize(
    ("domain", "confirm", "valid"),
    [
        ("spam.example", False, True),
        ("gmail.com", False, False),
        ("gmail.com", True, True),
        ("GMX.de", False, False),
        ("kein domain", False, False),
    ],
)
def test_d10_email_domain_bans_protect_common_providers(domain, confirm, valid):
    data = {"domain": domain, "action": EmailDomainRule.Action.BAN}
    if confirm:
        data["confirm_common"] = "on"
    form = EmailDomainRuleForm(data)
    assert form.is_valid() is valid


@pytest.mark.parametrize("email", ["x@spam.example", "x@sub.spam.example", "x@a.b.spam.example"])
def test_d10_domain_ban_covers_subdomains(client, open_site, email):
    EmailDomainRuleFactory(domain="spam.example")
    assert post_comment(client, ArticleFactory(), author_email=email).status_code == 400
    assert not Comment.objects.exists()


def test_d10_domain_ban_does_not_hit_lookalike_domains(client, open_site):
    EmailDomainRuleFactory(domain="spam.example")
    assert (
        post_comment(client, ArticleFactory(), author_email="x@notspam.example").status_code == 302
    )


@pytest.mark.parametrize("checker", ["slow_checker", "broken_checker"])
def test_d11_checker_down_or_slow_sends_to_pending_never_500(client, open_site, settings, checker):
    settings.NEWSDESK_COMMENT_CHECKER = f"newsdesk.comments.tests.test_rules.{checker}"
    settings.NEWSDESK_COMMENT_CHECKER_TIMEOUT = 0.05
    response = post_comment(client, ArticleFactory())
    assert response.status_code == 302
    assert Comment.objects.get().reasons == [HoldReason.CHECKER]


@pytest.mark.parametrize("how", ["closed-by-hand", "closed-by-age", "reply-page-of-closed"])
def test_d12_closed_article_answers_403_with_a_clear_message(client, site_policy, how):
    site_policy(close_after_days=7)
    if how == "closed-by-age":
        article = ArticleFactory(published_at=timezone.now() - timedelta(days=8))
    else:
        article = ArticleFactory(comments_open=False)
    if how == "reply-page-of-closed":
        parent = CommentFactory(article=article)
        response = client.get(reverse("comments:reply", args=[article.pk, parent.pk]))
    else:
        response = post_comment(client, article)
    assert response.status_code == 403
    assert "Die Kommentare zu diesem Artikel sind geschlossen." in response.content.decode()
    assert Comment.objects.filter(article=article, parent__isnull=False).count() == 0


def test_d12_readers_cannot_edit_comments_at_all(client):
    comment = CommentFactory()
    for path in (f"/kommentare/{comment.article_id}/bearbeiten/{comment.pk}/",):
        assert client.post(path, {"body": "geändert"}).status_code == 404
    comment.refresh_from_db()
    assert comment.body == "Spannender Artikel, danke!"


@pytest.mark.parametrize(
    "mode", [ModerationSettings.Erasure.ANONYMISE, ModerationSettings.Erasure.REMOVE]
)
def test_d13_gdpr_erasure_leaves_no_personal_data(client, site_policy, mode):
    site_policy(erasure=mode)
    article = ArticleFactory()
    mine = CommentFactory(
        article=article, author_name="Petra Privat", author_email="petra@example.org", body="Meins"
    )
    CommentFactory(article=article, parent=mine, body="Antwort von jemand anderem")
    ReplyConsent.objects.create(email="petra@example.org")
    gdpr.erase_email("petra@example.org")
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Petra Privat" not in page and "Meins" not in page
    assert "Antwort von jemand anderem" in page
    assert not Comment.objects.by_email("petra@example.org").exists()
    assert not ReplyConsent.objects.exists()
    assert gdpr.export_email("petra@example.org")["comments"] == []
