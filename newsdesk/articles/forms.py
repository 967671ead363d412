"""The newsroom's article form: workflow buttons, the version check and embed pickers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from newsdesk.commerce.models import Product
from newsdesk.galleries.models import Gallery
from newsdesk.newsroom.diffs import changes_html
from newsdesk.videos.models import Video

from . import services
from .models import Article

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# Submit buttons of the change form (name -> target status), besides the plain "Sichern".
WORKFLOW_ACTIONS = {
    "_submit_review": Article.Status.IN_REVIEW,
    "_publish": Article.Status.PUBLISHED,
    "_schedule": Article.Status.SCHEDULED,
    "_unpublish": Article.Status.DRAFT,
}
# Embed pickers: form field -> (embed kind, what can be picked).
EMBED_PICKERS = {
    "embed_gallery": ("gallery", Gallery),
    "embed_video": ("video", Video),
    "embed_product": ("product", Product),
}


def workflow_action(data) -> str:
    """Which workflow button was pressed, or "" for a plain save."""
    return next((name for name in WORKFLOW_ACTIONS if name in data), "")


def conflict_message(conflict: services.EditConflict) -> str:
    who = conflict.saved_by or _("jemand anderes")
    intro = _(
        "%(who)s hat den Artikel gespeichert, während Sie ihn bearbeitet haben (jetzt Version "
        "%(version)s). Ihre Änderungen sind noch nicht gespeichert, stehen aber unverändert im "
        "Formular. Prüfen Sie, was sich geändert hat, und speichern Sie erneut, um Ihre Fassung "
        "zu übernehmen."
    ) % {"who": who, "version": conflict.current_version}
    if not conflict.changes:
        return intro
    return format_html(
        "{}<br>{}<br>{}", intro, _("Inzwischen geändert:"), changes_html(conflict.changes)
    )


class ArticleAdminForm(forms.ModelForm):
    # The version the editor started from; a save from an older one is refused.
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    embed_gallery = forms.ModelChoiceField(
        Gallery.objects.order_by("-created_at"),
        required=False,
        label=gettext_lazy("Bilderstrecke einbetten"),
        help_text=gettext_lazy("Wird beim Speichern als eigene Zeile ans Ende des Textes gesetzt."),
    )
    embed_video = forms.ModelChoiceField(
        Video.objects.order_by("-created_at"),
        required=False,
        label=gettext_lazy("Video einbetten"),
        help_text=gettext_lazy("Wird beim Speichern als eigene Zeile ans Ende des Textes gesetzt."),
    )
    embed_product = forms.ModelChoiceField(
        Product.objects.all(),
        required=False,
        label=gettext_lazy("Produkt einbetten"),
        help_text=gettext_lazy(
            "Setzt den Produktkasten mit Angeboten als eigene Zeile ans Ende des Textes."
        ),
    )

    # Set per request by ArticleAdmin.get_form.
    user: User | None = None

    class Meta:
        model = Article
        fields = [
            "kind",
            "headline",
            "slug",
            "teaser",
            "body",
            "lead_image",
            "topics",
            "products",
            "status",
            "published_at",
            "updated_note_at",
            "comments_open",
            "correction_note",
            "is_sponsored",
            "sponsor_name",
            "og_title",
            "og_description",
            "og_image",
            "score",
            "verdict",
            "pros",
            "cons",
        ]
        # The form's own "version" field shadows the model's non-editable one: excluding the
        # model field lets the admin list "version" in its fieldsets, and keeps it unwritten.
        exclude = ["version"]  # noqa: DJ006  (see above; "fields" lists the rest)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version
        if "status" in self.fields and not services.can_publish(self.user):
            status = self.fields["status"]
            status.choices = [
                (value, label) for value, label in status.choices if not services.is_public(value)
            ]
            status.error_messages["invalid_choice"] = _(
                "Veröffentlichen und Planen ist der Redaktion vorbehalten. Reichen Sie den "
                "Artikel zur Prüfung ein."
            )
        if "published_at" in self.fields and not services.can_publish(self.user):
            self.fields["published_at"].disabled = True

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.instance.pk:
            self._check_version(cleaned)
        self._append_embeds(cleaned)
        if not self.errors:
            self._apply_workflow(cleaned)
        return cleaned

    def _check_version(self, cleaned: dict) -> None:
        expected = cleaned.get("version") or self.instance.version
        try:
            services.check_version(self.instance.pk, expected)
        except services.EditConflict as conflict:
            self.data = self.data.copy()
            taken_over, both_changed = self._merge(conflict, cleaned)
            message = conflict_message(conflict)
            if taken_over:
                message = format_html(
                    "{}<br>{} {}",
                    message,
                    _("Ins Formular übernommen, weil Sie diese Felder nicht geändert hatten:"),
                    ", ".join(taken_over),
                )
            if both_changed:
                message = format_html(
                    "{}<br><strong>{} {}</strong>",
                    message,
                    _(
                        "Von Ihnen und inzwischen auch von anderen geändert (Ihre Fassung steht im "
                        "Formular, bitte abgleichen):"
                    ),
                    ", ".join(both_changed),
                )
            self.add_error(None, ValidationError(message, code="conflict"))
            # The next save is a deliberate one, made after seeing the changes above.
            self.data["version"] = str(conflict.current_version)

    def _merge(self, conflict: services.EditConflict, cleaned: dict) -> tuple[list, list]:
        """Put the other editor's values into the form where this editor changed nothing.

        Returns the labels of fields taken over and of fields both editors changed.
        """
        current = Article.objects.get(pk=self.instance.pk)
        taken_over, both_changed = [], []
        for change in conflict.changes:
            name = change.field.removesuffix("_id")
            if name not in self.fields or self.fields[name].disabled:
                continue
            mine = cleaned.get(name)
            if name in ("topics", "products"):
                mine = sorted(obj.pk for obj in mine or ())
            else:
                mine = services.snapshot_value(mine)
            if mine == change.before:
                value = getattr(current, name)
                if name in ("topics", "products"):
                    value = list(value.values_list("pk", flat=True))
                self._set_data(name, value)
                taken_over.append(change.label)
            elif mine != change.after:
                both_changed.append(change.label)
        return taken_over, both_changed

    def _set_data(self, name: str, value) -> None:
        """Write ``value`` into the bound data the way the field's widget would post it."""
        field = self.fields[name]
        widget = getattr(field.widget, "widget", field.widget)  # admin wrappers
        if isinstance(widget, forms.MultiWidget):
            if value is not None and hasattr(value, "tzinfo"):
                value = timezone.localtime(value)
            parts = widget.decompress(value)
            for index, part in enumerate(parts):
                self.data[f"{name}_{index}"] = formats.localize_input(part) if part else ""
        elif isinstance(field, forms.ModelMultipleChoiceField):
            self.data.setlist(name, [str(pk) for pk in value])
        elif isinstance(widget, forms.CheckboxInput):
            if value:
                self.data[name] = "on"
            else:
                self.data.pop(name, None)
        elif hasattr(value, "pk"):
            self.data[name] = str(value.pk)
        else:
            self.data[name] = "" if value is None else str(value)

    def _append_embeds(self, cleaned: dict) -> None:
        tokens = [
            f"[[{kind}:{cleaned[name].slug}]]"
            for name, (kind, _model) in EMBED_PICKERS.items()
            if cleaned.get(name)
        ]
        if tokens and "body" in cleaned:
            cleaned["body"] = "\n\n".join([cleaned["body"].rstrip(), *tokens]).lstrip() + "\n"

    def _apply_workflow(self, cleaned: dict) -> None:
        """Work out status and publication time, and refuse what this user may not do."""
        target = WORKFLOW_ACTIONS.get(workflow_action(self.data)) or cleaned.get(
            "status", self.instance.status
        )
        at = cleaned.get("published_at", self.instance.published_at)
        # A probe, so that the stored instance is only changed by the form's own save.
        probe = Article(
            pk=None,
            headline=cleaned.get("headline", self.instance.headline),
            teaser=cleaned.get("teaser", self.instance.teaser),
            body=cleaned.get("body", self.instance.body),
            lead_image=cleaned.get("lead_image", self.instance.lead_image),
            status=self.instance.status if self.instance.pk else Article.Status.DRAFT,
            published_at=self.instance.published_at,
        )
        try:
            services.apply_status(probe, self.user, target, at)
        except PermissionDenied:
            self.add_error(
                None,
                _(
                    "Veröffentlichen und Planen ist der Redaktion vorbehalten. Reichen Sie den "
                    "Artikel zur Prüfung ein."
                ),
            )
            return
        except ValidationError as error:
            self.add_error(None, error)
            return
        cleaned["status"] = probe.status
        cleaned["published_at"] = probe.published_at
