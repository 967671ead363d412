"""Reader comments: plain text, moderated by policy and rules, threaded one level deep."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsdesk.articles.models import Article

MAX_COMMENT_LENGTH = 5000


class HoldReason(models.TextChoices):
    """Why a comment waits for a moderator; each is shown beside the comment in the queue."""

    PREMODERATION = "premod", _("Vorab-Moderation")
    NEWCOMER = "newcomer", _("Neu: noch zu wenige freigegebene Kommentare")
    HISTORY = "history", _("Viele abgelehnte Kommentare in letzter Zeit")
    LINKS = "links", _("Zwei oder mehr Links")
    SUSPECT_WORD = "suspect", _("Verdächtiges Wort")
    REPEAT = "repeat", _("Gleicher Text kurz zuvor schon gesendet")
    TOO_FAST = "fast", _("Schneller abgeschickt, als ein Mensch tippt")
    OLD_FORM = "old_form", _("Formular sehr alt oder ohne gültigen Zeitstempel")
    EMAIL_DOMAIN = "domain", _("E-Mail-Domain unter Beobachtung")
    CHECKER = "checker", _("Automatische Prüfung nicht erreichbar oder auffällig")


class CommentQuerySet(models.QuerySet):
    def approved(self) -> CommentQuerySet:
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self) -> CommentQuerySet:
        return self.filter(status=Comment.Status.PENDING)

    def reported(self) -> CommentQuerySet:
        """Published, but flagged by readers and not yet looked at by a moderator."""
        return self.filter(status=Comment.Status.APPROVED, open_reports__gt=0)

    def rejected(self) -> CommentQuerySet:
        return self.filter(status__in=[Comment.Status.REMOVED, Comment.Status.SPAM])

    def by_email(self, email: str) -> CommentQuerySet:
        return self.filter(author_email__iexact=email.strip())


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Wartet auf Freigabe")
        APPROVED = "approved", _("Freigegeben")
        REMOVED = "removed", _("Abgelehnt")
        SPAM = "spam", _("Spam")

    article = models.ForeignKey(
        Article, verbose_name=_("Artikel"), on_delete=models.CASCADE, related_name="comments"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("Antwort auf"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    author_name = models.CharField(_("Name"), max_length=80)
    # Never shown to readers; used for moderation and reply notifications. Empty once erased.
    author_email = models.EmailField(_("E-Mail"), max_length=254, blank=True, db_index=True)
    body = models.TextField(_("Kommentar"), max_length=MAX_COMMENT_LENGTH)
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    # Comma-separated HoldReason values: what held the comment, shown in the queue.
    hold_reasons = models.CharField(_("Grund"), max_length=200, blank=True)
    # Reader reports since a moderator last looked at the comment (the "reported" queue).
    open_reports = models.PositiveIntegerField(_("offene Meldungen"), default=0)
    is_pick = models.BooleanField(
        _("Redaktionsempfehlung"),
        default=False,
        help_text=_("Wird über dem Kommentarbereich hervorgehoben."),
    )
    # Written by a newsroom member from the moderation screen: shows the staff badge.
    staff_author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Redaktionsmitglied"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    notify_on_reply = models.BooleanField(_("bei Antworten benachrichtigen"), default=False)
    erased = models.BooleanField(_("gelöscht (DSGVO)"), default=False)
    created_at = models.DateTimeField(_("geschrieben"), auto_now_add=True, db_index=True)
    moderated_at = models.DateTimeField(_("moderiert"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderiert von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("Kommentar")
        verbose_name_plural = _("Kommentare")
        ordering = ["created_at", "id"]
        permissions = [("moderate_comment", _("Kann Kommentare moderieren"))]
        indexes = [
            models.Index(fields=["article", "status"], name="comment_article_status"),
        ]

    def __str__(self) -> str:
        return f"{self.author_name}: {self.body[:50]}"

    @property
    def reasons(self) -> list[str]:
        return [code for code in self.hold_reasons.split(",") if code]

    @property
    def reason_labels(self) -> list[str]:
        labels = dict(HoldReason.choices)
        return [str(labels.get(code, code)) for code in self.reasons]

    @property
    def is_staff_comment(self) -> bool:
        return self.staff_author_id is not None


class ModerationSettings(models.Model):
    """The site-wide comment policy; one row, edited in the newsroom."""

    class Mode(models.TextChoices):
        PRE = "pre", _("Vorab-Moderation: jeder Kommentar wartet auf Freigabe")
        POST = "post", _("Nachträgliche Moderation: sofort sichtbar, außer eine Regel hält ihn an")

    class Erasure(models.TextChoices):
        ANONYMISE = "anonymise", _("Kommentar bleibt als „gelöscht“ im Gespräch stehen")
        REMOVE = "remove", _("Kommentar wird ganz entfernt")

    mode = models.CharField(_("Moderation"), max_length=10, choices=Mode.choices, default=Mode.POST)
    newcomer_threshold = models.PositiveSmallIntegerField(
        _("Neue Kommentatoren vorab prüfen, bis so viele freigegeben sind"),
        default=2,
        validators=[MaxValueValidator(100)],
        help_text=_("0 schaltet die Regel ab. Erkannt wird ein Kommentator an der E-Mail-Adresse."),
    )
    rejection_rate = models.PositiveSmallIntegerField(
        _("Zurück in die Vorab-Prüfung ab Ablehnungsquote (%)"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    rejection_window_days = models.PositiveSmallIntegerField(
        _("Ablehnungsquote über die letzten Tage"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    rejection_min_comments = models.PositiveSmallIntegerField(
        _("Ablehnungsquote erst ab so vielen moderierten Kommentaren"),
        default=3,
        validators=[MinValueValidator(1)],
    )
    max_links = models.PositiveSmallIntegerField(
        _("Anhalten ab so vielen Links"),
        default=2,
        validators=[MinValueValidator(1)],
    )
    repeat_minutes = models.PositiveSmallIntegerField(
        _("Gleichen Text anhalten, wenn er innerhalb so vieler Minuten wiederkommt"),
        default=10,
    )
    close_after_days = models.PositiveSmallIntegerField(
        _("Kommentare schließen nach Tagen"),
        default=0,
        help_text=_("Tage nach der Veröffentlichung; 0 heißt: nie automatisch schließen."),
    )
    erasure = models.CharField(
        _("Bei Löschung nach DSGVO"),
        max_length=10,
        choices=Erasure.choices,
        default=Erasure.ANONYMISE,
    )

    class Meta:
        verbose_name = _("Moderationsregeln")
        verbose_name_plural = _("Moderationsregeln")

    def __str__(self) -> str:
        return str(_("Moderationsregeln der Website"))

    CACHE_KEY = "comments:moderation-settings"

    def save(self, *args, **kwargs) -> None:
        self.pk = 1  # a singleton: every save writes the one row
        super().save(*args, **kwargs)
        cache.delete(self.CACHE_KEY)

    @classmethod
    def load(cls) -> ModerationSettings:
        """The settings, from the shared cache when possible: read on every article page."""
        obj = cache.get(cls.CACHE_KEY)
        if obj is None:
            obj, _created = cls.objects.get_or_create(pk=1)
            cache.set(cls.CACHE_KEY, obj, timeout=300)
        return obj


class ArticlePolicy(models.Model):
    """An article's own comment policy, where it differs from the site's."""

    class Mode(models.TextChoices):
        SITE = "", _("wie auf der ganzen Website")
        PRE = "pre", _("Vorab-Moderation")
        POST = "post", _("Nachträgliche Moderation")

    article = models.OneToOneField(
        Article,
        verbose_name=_("Artikel"),
        on_delete=models.CASCADE,
        related_name="comment_policy",
    )
    mode = models.CharField(_("Moderation"), max_length=10, choices=Mode.choices, blank=True)
    # The Moderation role cannot edit articles, so closing one thread by hand lives here too.
    closed = models.BooleanField(
        _("Kommentare geschlossen"),
        default=False,
        help_text=_(
            "Schließt die Kommentare zu diesem Artikel sofort: keine neuen Kommentare und "
            "Antworten; die vorhandenen bleiben sichtbar."
        ),
    )
    keep_open = models.BooleanField(
        _("nicht automatisch schließen"),
        default=False,
        help_text=_("Kommentare bleiben offen, auch wenn die Frist der Website abgelaufen ist."),
    )

    class Meta:
        verbose_name = _("Kommentarregel für einen Artikel")
        verbose_name_plural = _("Kommentarregeln für Artikel")

    def __str__(self) -> str:
        return str(self.article)


class WordRule(models.Model):
    class Kind(models.TextChoices):
        SUSPECT = "suspect", _("Verdächtig: Kommentar wartet auf Prüfung")
        BANNED = "banned", _("Verboten: Kommentar wird abgewiesen")

    word = models.CharField(
        _("Wort oder Wortfolge"),
        max_length=100,
        unique=True,
        help_text=_(
            "Groß- und Kleinschreibung, Sonderzeichen wie $ oder 0, Leerzeichen zwischen den "
            "Buchstaben und ähnlich aussehende Buchstaben anderer Schriften werden mit erkannt."
        ),
    )
    kind = models.CharField(_("Art"), max_length=10, choices=Kind.choices, default=Kind.SUSPECT)
    created_at = models.DateTimeField(_("angelegt"), auto_now_add=True)

    class Meta:
        verbose_name = _("Wortliste: Eintrag")
        verbose_name_plural = _("Wortliste")
        ordering = ["kind", "word"]

    def __str__(self) -> str:
        return self.word


class EmailDomainRule(models.Model):
    class Action(models.TextChoices):
        HOLD = "hold", _("Kommentare prüfen")
        BAN = "ban", _("Kommentare abweisen")

    domain = models.CharField(
        _("E-Mail-Domain"),
        max_length=253,
        unique=True,
        help_text=_("Gilt auch für alle Subdomains, z. B. spam.example für x@mail.spam.example."),
    )
    action = models.CharField(_("Maßnahme"), max_length=10, choices=Action.choices)
    created_at = models.DateTimeField(_("angelegt"), auto_now_add=True)

    class Meta:
        verbose_name = _("E-Mail-Domain-Regel")
        verbose_name_plural = _("E-Mail-Domain-Regeln")
        ordering = ["domain"]

    def __str__(self) -> str:
        return self.domain


class CommentReport(models.Model):
    class Reason(models.TextChoices):
        ABUSE = "abuse", _("Beleidigung oder Hetze")
        SPAM = "spam", _("Werbung oder Spam")
        OFF_TOPIC = "offtopic", _("Hat nichts mit dem Artikel zu tun")
        ILLEGAL = "illegal", _("Möglicherweise rechtswidrig")
        OTHER = "other", _("Anderer Grund")

    comment = models.ForeignKey(
        Comment, verbose_name=_("Kommentar"), on_delete=models.CASCADE, related_name="reports"
    )
    reason = models.CharField(_("Grund"), max_length=10, choices=Reason.choices)
    note = models.CharField(_("Hinweis"), max_length=500, blank=True)
    # A keyed hash of the reader's address: one report per reader, without storing the address.
    reporter = models.CharField(max_length=64)
    created_at = models.DateTimeField(_("gemeldet"), auto_now_add=True)

    class Meta:
        verbose_name = _("Meldung")
        verbose_name_plural = _("Meldungen")
        constraints = [
            models.UniqueConstraint(fields=["comment", "reporter"], name="one_report_per_reader")
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()}: {self.comment_id}"


class ReplyConsent(models.Model):
    """Double opt-in for reply notifications, per e-mail address."""

    email = models.EmailField(_("E-Mail"), max_length=254, unique=True)
    requested_at = models.DateTimeField(_("angefragt"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("bestätigt"), null=True, blank=True)

    class Meta:
        verbose_name = _("Einwilligung in Antwort-Benachrichtigungen")
        verbose_name_plural = _("Einwilligungen in Antwort-Benachrichtigungen")

    def __str__(self) -> str:
        return self.email


def comments_closed(
    article: Article, policy: ArticlePolicy | None, site: ModerationSettings
) -> bool:
    """Whether the article accepts no comments: closed by hand or by the site's time limit."""
    if not article.comments_open:
        return True
    if policy is not None and policy.closed:
        return True
    if policy is not None and policy.keep_open:
        return False
    if site.close_after_days and article.published_at:
        return timezone.now() >= article.published_at + timedelta(days=site.close_after_days)
    return False
