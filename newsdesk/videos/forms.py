"""The quick video form the article opens in its dialog: address, title, optional poster."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from newsdesk.galleries.services import GERMAN_LETTERS, upload_image
from newsdesk.galleries.uploads import normalise_upload
from newsdesk.security.fields import CleanCharField

from .models import VIMEO_URL, YOUTUBE_URL, Video, normalise_provider_id


def provider_of(url: str) -> str | None:
    if YOUTUBE_URL.search(url):
        return Video.Provider.YOUTUBE
    if VIMEO_URL.search(url):
        return Video.Provider.VIMEO
    return None


def unique_video_slug(title: str) -> str:
    base = slugify(title.lower().translate(GERMAN_LETTERS))[:180] or "video"
    taken = set(Video.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


class QuickVideoForm(forms.Form):
    url = forms.URLField(
        label=_("Adresse des Videos"),
        assume_scheme="https",
        help_text=_("Von YouTube oder Vimeo, z. B. https://www.youtube.com/watch?v=…"),
    )
    title = CleanCharField(label=_("Titel"), max_length=200)
    caption = CleanCharField(
        label=_("Bildunterschrift"),
        max_length=300,
        required=False,
        help_text=_("Ohne Angabe steht der Titel unter dem Video."),
    )
    poster = forms.FileField(
        label=_("Vorschaubild"),
        required=False,
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}
        ),
        help_text=_("Sonst zeigt die Seite bis zum Klick eine neutrale Fläche."),
    )
    poster_credit = CleanCharField(label=_("Bildnachweis des Vorschaubilds"), required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_poster(self):
        poster = self.cleaned_data.get("poster")
        # Checked here, with the galleries' German messages; stored only in save().
        return normalise_upload(poster) if poster else None

    def clean(self) -> dict:
        cleaned = super().clean()
        url = cleaned.get("url", "")
        if url:
            provider = provider_of(url)
            if provider is None:
                self.add_error("url", _("Bitte eine Adresse von YouTube oder Vimeo angeben."))
            else:
                try:
                    cleaned["provider_id"] = normalise_provider_id(provider, url)
                except ValidationError as error:
                    self.add_error("url", error.messages[0] if error.messages else "")
                cleaned["provider"] = provider
        if cleaned.get("poster") and not cleaned.get("poster_credit"):
            self.add_error(
                "poster_credit", _("Ein Vorschaubild braucht einen Bildnachweis (§ 13 UrhG).")
            )
        return cleaned

    @transaction.atomic
    def save(self) -> Video:
        data = self.cleaned_data
        poster = None
        if data.get("poster"):
            poster = upload_image(
                data["poster"],
                title=data["title"],
                credit=data["poster_credit"],
                uploaded_by=self.user,
            )
        return Video.objects.create(
            title=data["title"],
            slug=unique_video_slug(data["title"]),
            caption=data.get("caption") or data["title"],
            provider=data["provider"],
            provider_id=data["provider_id"],
            poster=poster,
        )
