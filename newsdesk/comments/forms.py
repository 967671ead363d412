"""The reader's comment form: plain text, name and e-mail, and a honeypot for bots."""

from __future__ import annotations

import time
import unicodedata

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

from newsdesk.articles.models import Article

from .models import MAX_COMMENT_LENGTH, Comment, CommentReport, HoldReason

TIMESTAMP_SALT = "newsdesk.comments.form-timestamp"


def form_timestamp() -> str:
    """The render time, signed: the same for every reader of a cached page (no per-reader data)."""
    return signing.dumps(int(time.time()), salt=TIMESTAMP_SALT)


def timestamp_reasons(token: str, now: float | None = None) -> list[str]:
    """Hold reasons from the form's signed render time: posted too fast, too late, or forged.

    Holding rather than refusing: a real reader who left a tab open for a day loses nothing,
    while the post of a bot that skipped the form waits where no reader sees it.
    """
    now = time.time() if now is None else now
    try:
        rendered = int(signing.loads(token or "", salt=TIMESTAMP_SALT))
    except (signing.BadSignature, ValueError, TypeError):
        return [HoldReason.OLD_FORM]
    age = now - rendered
    if age < settings.NEWSDESK_COMMENT_MIN_SECONDS:
        return [HoldReason.TOO_FAST]
    if age > settings.NEWSDESK_COMMENT_FORM_MAX_AGE:
        return [HoldReason.OLD_FORM]
    return []


def strip_control_characters(text: str) -> str:
    """Keep line breaks and tabs; drop other control and format characters."""
    return "".join(
        ch
        for ch in text
        if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co")
    )


class CommentForm(forms.Form):
    author_name = forms.CharField(
        label=_("Name"),
        max_length=80,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    author_email = forms.EmailField(
        label=_("E-Mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("Wird nicht veröffentlicht."),
    )
    body = forms.CharField(
        label=_("Ihr Kommentar"),
        max_length=MAX_COMMENT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    notify = forms.BooleanField(
        label=_("Bei Antworten per E-Mail benachrichtigen"),
        required=False,
        help_text=_("Sie bekommen zuerst eine E-Mail, mit der Sie das bestätigen."),
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    ts = forms.CharField(required=False, widget=forms.HiddenInput)
    # Hidden from people by CSS; bots fill it in. A filled-in form is dropped silently.
    website = forms.CharField(required=False, label=_("Website (bitte leer lassen)"))

    def __init__(self, *args, article: Article, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.article = article
        if not self.is_bound:
            self.fields["ts"].initial = form_timestamp()

    def clean_author_email(self) -> str:
        return self.cleaned_data["author_email"].strip().lower()

    def clean_author_name(self) -> str:
        name = strip_control_characters(self.cleaned_data["author_name"]).strip()
        if not name:
            raise forms.ValidationError(_("Bitte geben Sie einen Namen an."))
        return name

    def clean_body(self) -> str:
        body = strip_control_characters(self.cleaned_data["body"]).strip()
        if not body:
            raise forms.ValidationError(_("Der Kommentar ist leer."))
        return body

    def clean_parent(self) -> Comment | None:
        parent_id = self.cleaned_data.get("parent")
        if not parent_id:
            return None
        parent = Comment.objects.approved().filter(pk=parent_id, article=self.article).first()
        if parent is None:
            raise forms.ValidationError(
                _("Der Kommentar, auf den Sie antworten, ist nicht mehr da.")
            )
        # Threads are one level deep: an answer to an answer joins the same thread.
        return parent.parent or parent

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Was stimmt mit dem Kommentar nicht?"),
        choices=CommentReport.Reason.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Hinweis an die Redaktion (freiwillig)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def clean_note(self) -> str:
        return strip_control_characters(self.cleaned_data["note"]).strip()
