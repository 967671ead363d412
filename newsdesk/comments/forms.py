"""The reader's comment form: plain text, name and e-mail, and a honeypot for bots."""

from __future__ import annotations

import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

from newsdesk.articles.models import Article

from .models import MAX_COMMENT_LENGTH, Comment


def strip_control_characters(text: str) -> str:
    """Keep line breaks and tabs; drop other control and format characters."""
    return "".join(
        ch
        for ch in text
        if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co")
    )


class CommentForm(forms.Form):
    author_name = forms.CharField(label=_("Name"), max_length=80)
    author_email = forms.EmailField(
        label=_("E-Mail"),
        max_length=254,
        help_text=_("Wird nicht veröffentlicht."),
    )
    body = forms.CharField(
        label=_("Ihr Kommentar"),
        max_length=MAX_COMMENT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    # Hidden from people by CSS; bots fill it in. A filled-in form is dropped silently.
    website = forms.CharField(required=False, label=_("Website (bitte leer lassen)"))

    def __init__(self, *args, article: Article, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.article = article

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
