"""The newsroom's article form: workflow buttons and the version check.

Embeds are placed in the body itself: by the editor's pickers and media dialogs at the cursor, or
without JavaScript as ``[[kind:slug]]`` lines typed into the textarea.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from newsdesk.newsroom.diffs import changes_html

from . import merge, services
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


def workflow_action(data) -> str:
    """Which workflow button was pressed, or "" for a plain save."""
    return next((name for name in WORKFLOW_ACTIONS if name in data), "")


def conflict_message(conflict: services.EditConflict) -> str:
    who = conflict.saved_by or _("jemand anderes")
    intro = _(
        "%(who)s hat den Artikel gespeichert, während Sie ihn bearbeitet haben (jetzt Version "
        "%(version)s). Ihre Änderungen sind noch nicht gespeichert, stehen aber im Formular. "
        "Prüfen Sie, was sich geändert hat, und sichern Sie erneut."
    ) % {"who": who, "version": conflict.current_version}
    if not conflict.changes:
        return intro
    return format_html(
        "{}<br>{}<br>{}", intro, _("Inzwischen geändert:"), changes_html(conflict.changes)
    )


@dataclass(frozen=True)
class MergeDecision:
    """A text both editors changed in the same paragraphs, waiting for the editor's pick."""

    name: str
    label: str
    result: merge.MergeResult

    def overlaps(self) -> list[tuple[int, merge.Overlap]]:
        return list(enumerate(self.result.overlaps))


class ArticleAdminForm(forms.ModelForm):
    # The version the editor started from; a save from an older one is refused.
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    # Set per request by ArticleAdmin.get_form.
    user: User | None = None
    # After an edit conflict: who saved meanwhile and what was merged into this save.
    merge_report: tuple[str, list] | None = None
    # After an edit conflict was shown: the version whose changes the editor has now seen.
    conflict_seen: int | None = None
    # Set per request: an Autor's published article, sent as a correction proposal.
    proposing: bool = False

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
        self.merge_overlaps: list[MergeDecision] = []
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version
            if self.proposing:
                self._show_open_proposal()
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
        if self.proposing:
            self._check_proposal(cleaned)
        elif not self.errors:
            self._apply_workflow(cleaned)
        return cleaned

    def _show_open_proposal(self) -> None:
        """The Autor's open proposal in the form, on top of what is live now."""
        from newsdesk.desk import corrections

        proposal = corrections.open_proposal(self.instance, self.user)
        if proposal is None:
            return
        values, _overlaps = corrections.proposed_values(proposal, self.instance)
        for name, value in values.items():
            if name in self.fields:
                self.initial[name] = services.restored_value(name, value)

    def _check_proposal(self, cleaned: dict) -> None:
        from newsdesk.desk import corrections

        changed = [
            name
            for name in corrections.PROPOSED_FIELDS
            if name in cleaned
            and services.snapshot_value(cleaned[name])
            != services.snapshot_value(getattr(self.instance, name))
        ]
        if not changed and not self.errors:
            self.add_error(
                None,
                _(
                    "Sie haben nichts geändert. Korrigieren Sie den Text und reichen Sie die "
                    "Korrektur dann ein."
                ),
            )

    def _check_version(self, cleaned: dict) -> None:
        expected = cleaned.get("version") or self.instance.version
        try:
            services.check_version(self.instance.pk, expected)
        except services.EditConflict as conflict:
            self._resolve_conflict(conflict, cleaned)

    def _resolve_conflict(self, conflict: services.EditConflict, cleaned: dict) -> None:
        """Merge what others saved since this editor's base version into the form.

        Fields only the others changed are taken over, texts both changed are merged by
        paragraph. The save goes through when that leaves nothing to decide. Otherwise the
        form comes back: overlapping paragraphs side by side until the editor picks a version
        of each, other fields both changed until the editor has seen them once. The version
        field keeps the base, so the next save merges against it again.
        """
        self.data = self.data.copy()
        seen = str(self.data.get("_conflict_seen", "")) == str(conflict.current_version)
        taken_over, merged, both_changed, relations = self._merge(conflict, cleaned)
        if not self.merge_overlaps and (seen or not (both_changed or relations)):
            cleaned["version"] = conflict.current_version
            self.merge_report = (conflict.saved_by, taken_over + merged)
            return
        message = conflict_message(conflict)
        taken_over_intro = _(
            "Ins Formular übernommen, weil Sie diese Felder nicht geändert hatten:"
        )
        merged_intro = _("Absatzweise zusammengeführt (beide Fassungen enthalten):")
        for intro, labels in ((taken_over_intro, taken_over), (merged_intro, merged)):
            if labels:
                message = format_html("{}<br>{} {}", message, intro, ", ".join(labels))
        if self.merge_overlaps:
            message = format_html(
                "{}<br><strong>{}</strong>",
                message,
                _(
                    "Sie und %(who)s haben dieselben Absätze geändert. Unten stehen beide "
                    "Fassungen nebeneinander; wählen Sie je Absatz, welche gilt. Ohne Ihre Wahl "
                    "wird nichts überschrieben."
                )
                % {"who": conflict.saved_by or _("jemand anderes")},
            )
        if both_changed or relations:
            message = format_html(
                "{}<br><strong>{} {}</strong>",
                message,
                _(
                    "Von Ihnen und inzwischen auch von anderen geändert (Ihre Fassung steht im "
                    "Formular, bitte abgleichen):"
                ),
                ", ".join(both_changed + relations),
            )
        self.add_error(None, ValidationError(message, code="conflict"))
        self.conflict_seen = conflict.current_version

    def _merge(self, conflict: services.EditConflict, cleaned: dict) -> tuple[list, ...]:
        """Put the other editors' values into the form where this editor changed nothing,
        and merge texts both changed.

        Returns the labels of fields taken over, merged without overlap, changed by both (not
        text), and relations (byline, sources, related) changed by others.
        """
        current = Article.objects.get(pk=self.instance.pk)
        taken_over, merged, both_changed, relations = [], [], [], []
        for change in conflict.changes:
            name = change.field.removesuffix("_id")
            if name not in self.fields:
                if change.field in ("authors", "related", "sources"):
                    relations.append(change.label)
                continue
            if self.fields[name].disabled:
                continue
            mine = cleaned.get(name)
            if name in ("topics", "products"):
                mine = sorted(obj.pk for obj in mine or ())
            else:
                mine = services.snapshot_value(mine)
            if mine == change.after:
                continue
            if mine == change.before:
                value = getattr(current, name)
                if name in ("topics", "products"):
                    value = list(value.all())
                    self._set_data(name, [obj.pk for obj in value])
                else:
                    self._set_data(name, value)
                cleaned[name] = value
                taken_over.append(change.label)
            elif self._is_text(name) and isinstance(mine, str):
                result = merge.merge(change.before or "", mine, change.after or "")
                choices = self._chosen(name, result)
                if result.clean or choices:
                    cleaned[name] = result.text(choices)
                    self._set_data(name, cleaned[name])
                    merged.append(change.label)
                else:
                    self._set_data(name, result.text(default="mine"))
                    self.merge_overlaps.append(MergeDecision(name, change.label, result))
            else:
                both_changed.append(change.label)
        return taken_over, merged, both_changed, relations

    def _is_text(self, name: str) -> bool:
        field = self.fields[name]
        return isinstance(field, forms.CharField) and not isinstance(
            field.widget, forms.Select | forms.HiddenInput
        )

    def _chosen(self, name: str, result: merge.MergeResult) -> list[str] | None:
        """The editor's pick for each overlap, if made on exactly these overlaps."""
        if result.clean or self.data.get(f"_merge_{name}_key") != result.fingerprint:
            return None
        choices = [self.data.get(f"_merge_{name}_{n}") for n in range(len(result.overlaps))]
        return choices if all(choice in merge.CHOICES for choice in choices) else None

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
