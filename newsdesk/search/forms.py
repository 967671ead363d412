"""The search form: what the reader typed and how they narrowed it, checked, never raising."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from newsdesk.articles.models import Article, Author, Topic

from .analysis import MAX_QUERY_CHARS
from .backends import Filters

KIND_CHOICES = [("", _("Alle Arten"))] + [
    (path, label) for path, label in ((Article.KIND_PATHS[k], k.label) for k in Article.Kind)
]


# Dates a reader can mean; outside them the day's bounds in Berlin time would overflow
# (0001-01-01 minus the offset, 9999-12-31 plus a day).
FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(2100, 12, 31)
DATE_RANGE_MESSAGE = _("Bitte ein Datum zwischen 1900 und 2100 angeben.")


def date_field(label) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        widget=forms.DateInput(
            attrs={"type": "date", "min": FIRST_DAY.isoformat(), "max": LAST_DAY.isoformat()},
            format="%Y-%m-%d",
        ),
        validators=[
            MinValueValidator(FIRST_DAY, message=DATE_RANGE_MESSAGE),
            MaxValueValidator(LAST_DAY, message=DATE_RANGE_MESSAGE),
        ],
    )


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Suchbegriff"), required=False)
    art = forms.ChoiceField(label=_("Art"), choices=KIND_CHOICES, required=False)
    thema = forms.ModelChoiceField(
        label=_("Thema"),
        queryset=Topic.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Alle Themen"),
    )
    autor = forms.ModelChoiceField(
        label=_("Autor"),
        queryset=Author.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Alle Autoren"),
    )
    von = date_field(_("von"))
    bis = date_field(_("bis"))

    def clean_q(self) -> str:
        # Long pastes are cut rather than refused: the reader still gets results.
        return " ".join((self.cleaned_data.get("q") or "").replace("\x00", " ").split())[
            :MAX_QUERY_CHARS
        ]

    def clean(self) -> dict:
        data = super().clean()
        if data.get("von") and data.get("bis") and data["von"] > data["bis"]:
            self.add_error("bis", _("„bis“ liegt vor „von“."))
        return data

    def filters(self) -> Filters:
        data = self.cleaned_data if self.is_valid() else {}
        kinds = {path: kind for kind, path in Article.KIND_PATHS.items()}
        return Filters(
            article_kind=kinds.get(data.get("art") or "", ""),
            topic_id=data["thema"].pk if data.get("thema") else None,
            author_id=data["autor"].pk if data.get("autor") else None,
            date_from=data.get("von"),
            date_to=data.get("bis"),
        )

    def query(self) -> str:
        if self.is_valid():
            return self.cleaned_data["q"]
        return (self.data.get("q") or "")[:MAX_QUERY_CHARS] if hasattr(self.data, "get") else ""
