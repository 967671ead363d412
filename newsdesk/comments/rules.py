"""The moderation rules: what refuses a comment outright and what holds it for a moderator.

``assess()`` is pure reading; it returns a verdict that ``services.post_comment`` acts on.
"""

from __future__ import annotations

import logging
import re
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from newsdesk.articles.models import Article

from .models import (
    ArticlePolicy,
    Comment,
    EmailDomainRule,
    HoldReason,
    ModerationSettings,
    WordRule,
)
from .words import find_words

logger = logging.getLogger(__name__)

# Anything a reader would recognise as a link, with or without a scheme. A bare domain is
# only tried from the start of a run of name characters, and the run is taken whole
# (possessive): "a-a-a-..." costs one pass, not one pass per letter (5,000 characters took
# 0.75 s of CPU with "\b[\w-]+\.").
LINK = re.compile(
    r"(?:https?://|ftp://|www\.)\S+"
    r"|(?<![\w-])[\w-]++\.(?:com|de|net|org|io|ru|info|biz|xyz|top)\b(?:/\S*)?",
    re.I,
)

# From this many characters, the same text from another address within the repeat window
# is copy-paste spam rather than two readers writing the same short answer.
REPEAT_ANYONE_MIN_LENGTH = 40

# Providers whose ban would shut out ordinary readers: a ban needs an explicit confirmation.
COMMON_PROVIDERS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "web.de",
        "gmx.de",
        "gmx.net",
        "gmx.at",
        "gmx.ch",
        "t-online.de",
        "outlook.com",
        "outlook.de",
        "hotmail.com",
        "hotmail.de",
        "live.com",
        "live.de",
        "yahoo.com",
        "yahoo.de",
        "icloud.com",
        "me.com",
        "posteo.de",
        "mailbox.org",
        "freenet.de",
        "aol.com",
        "proton.me",
        "protonmail.com",
        "arcor.de",
        "online.de",
    }
)

_checker_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="comment-checker")


@dataclass
class Verdict:
    refused: str = ""  # a message for the reader when the comment is refused
    reasons: list[str] = field(default_factory=list)

    @property
    def held(self) -> bool:
        return bool(self.reasons)


def count_links(text: str) -> int:
    return len(LINK.findall(text))


def domain_rule(email: str) -> EmailDomainRule | None:
    """The rule for the address's domain or a domain above it: sub.spam.example → spam.example."""
    domain = email.rsplit("@", 1)[-1].strip().lower().rstrip(".")
    parts = domain.split(".")
    candidates = [".".join(parts[i:]) for i in range(len(parts) - 1)]
    rules = {rule.domain: rule for rule in EmailDomainRule.objects.filter(domain__in=candidates)}
    for candidate in candidates:  # the most specific rule wins
        if candidate in rules:
            return rules[candidate]
    return None


def run_checker(text: str, email: str) -> bool | None:
    """Ask the configured external checker; True means suspicious, None that it did not answer.

    The checker is a dotted path in ``NEWSDESK_COMMENT_CHECKER`` to ``f(text, email) -> bool``.
    It gets ``NEWSDESK_COMMENT_CHECKER_TIMEOUT`` seconds; a slow or broken service never delays
    a reader for longer or turns into an error page: the comment waits for a moderator instead.
    """
    path = getattr(settings, "NEWSDESK_COMMENT_CHECKER", "")
    if not path:
        return False
    timeout = float(getattr(settings, "NEWSDESK_COMMENT_CHECKER_TIMEOUT", 2.0))
    try:
        checker = import_string(path)
        return bool(_checker_pool.submit(checker, text, email).result(timeout=timeout))
    except FutureTimeout:
        logger.warning("Comment checker %s timed out after %s s", path, timeout)
    except Exception:
        logger.exception("Comment checker %s failed", path)
    return None


def moderation_mode(article: Article, site: ModerationSettings) -> str:
    policy = ArticlePolicy.objects.filter(article=article).first()
    return (policy.mode if policy and policy.mode else "") or site.mode


def assess(
    article: Article,
    *,
    author_email: str,
    body: str,
    site: ModerationSettings,
    form_reasons: list[str] | None = None,
) -> Verdict:
    """Refuse on a banned word or domain; otherwise collect every reason to hold the comment."""
    verdict = Verdict(reasons=list(form_reasons or []))
    words = list(WordRule.objects.values_list("word", "kind"))
    banned = [word for word, kind in words if kind == WordRule.Kind.BANNED]
    suspect = [word for word, kind in words if kind == WordRule.Kind.SUSPECT]
    if find_words(body, banned):
        verdict.refused = str(
            _(
                "Ihr Kommentar enthält Wörter, die wir nicht veröffentlichen. "
                "Bitte formulieren Sie ihn um."
            )
        )
        return verdict
    rule = domain_rule(author_email)
    if rule is not None and rule.action == EmailDomainRule.Action.BAN:
        verdict.refused = str(_("Von dieser E-Mail-Adresse nehmen wir keine Kommentare an."))
        return verdict
    if rule is not None:
        verdict.reasons.append(HoldReason.EMAIL_DOMAIN)

    if moderation_mode(article, site) == ModerationSettings.Mode.PRE:
        verdict.reasons.append(HoldReason.PREMODERATION)
    if count_links(body) >= site.max_links:
        verdict.reasons.append(HoldReason.LINKS)
    if find_words(body, suspect):
        verdict.reasons.append(HoldReason.SUSPECT_WORD)
    own = Comment.objects.by_email(author_email)
    if site.repeat_minutes:
        since = timezone.now() - timedelta(minutes=site.repeat_minutes)
        # Copy-paste spam comes under a fresh address each time, so a longer text counts as a
        # repeat whoever sent it before; a short "Danke!" only when the same person repeats it.
        earlier = Comment.objects.all() if len(body) >= REPEAT_ANYONE_MIN_LENGTH else own
        if earlier.filter(created_at__gte=since, body=body).exists():
            verdict.reasons.append(HoldReason.REPEAT)
    if site.newcomer_threshold and own.approved().count() < site.newcomer_threshold:
        verdict.reasons.append(HoldReason.NEWCOMER)
    else:
        # Decided comments of the window, whether a moderator or post-moderation published them.
        since = timezone.now() - timedelta(days=site.rejection_window_days)
        recent = own.filter(created_at__gte=since).exclude(status=Comment.Status.PENDING)
        moderated = recent.count()
        if moderated >= site.rejection_min_comments:
            rejected = recent.rejected().count()
            if rejected * 100 >= site.rejection_rate * moderated:
                verdict.reasons.append(HoldReason.HISTORY)
    flagged = run_checker(body, author_email)
    if flagged is None or flagged:
        verdict.reasons.append(HoldReason.CHECKER)
    # One entry per reason, in the order found.
    verdict.reasons = list(dict.fromkeys(verdict.reasons))
    return verdict
