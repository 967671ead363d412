"""Correction proposals: an Autor corrects her published article, the Redaktion publishes it.

The Autor edits in the usual article form (autosave keeps her working copy as for any
article); "Korrektur vorschlagen" stores the proposed fields, and readers keep seeing the live
article. The Redaktion sees the proposal as a diff against the live version and either
publishes it, through ``articles.services.save_article`` like any edit (so the publishing
pipeline follows up once, at the commit), or rejects it with a reason the Autor sees.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from newsdesk.articles import merge, services
from newsdesk.articles.models import Article, ArticleRevision
from newsdesk.newsroom.permissions import may_propose_correction

from . import notices
from .models import CorrectionProposal

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# What an Autor may correct: the words. Address, status, publication time, pictures, byline,
# products and the advertising label stay with the Redaktion.
PROPOSED_FIELDS = (
    "headline",
    "teaser",
    "body",
    "correction_note",
    "og_title",
    "og_description",
    "score",
    "verdict",
    "pros",
    "cons",
)
TEXT_FIELDS = {"headline", "teaser", "body", "correction_note", "verdict", "pros", "cons"}


class ProposalConflict(ValidationError):
    """The article changed since the proposal in the very places the proposal changes."""


def open_proposal(article: Article, user: User) -> CorrectionProposal | None:
    return CorrectionProposal.objects.filter(
        article=article, proposed_by=user, status=CorrectionProposal.Status.OPEN
    ).first()


def latest_proposal(article: Article, user: User) -> CorrectionProposal | None:
    """The Autor's newest proposal for ``article``, whatever became of it."""
    return (
        CorrectionProposal.objects.filter(article=article, proposed_by=user)
        .select_related("reviewed_by")
        .order_by("-updated_at", "-pk")
        .first()
    )


def waiting() -> list[CorrectionProposal]:
    """Open proposals, oldest first: what the Redaktion has to decide."""
    return list(
        CorrectionProposal.objects.filter(status=CorrectionProposal.Status.OPEN)
        .select_related("article", "proposed_by")
        .order_by("created_at")
    )


def _live(article: Article) -> dict:
    """The live values of the fields a proposal may change, as a revision stores them (no
    relations: a proposal changes none)."""
    return {name: services.snapshot_value(getattr(article, name)) for name in PROPOSED_FIELDS}


@transaction.atomic
def propose(
    article: Article, user: User, values: dict, base_version: int | None = None
) -> CorrectionProposal:
    """Keep ``values`` (field name -> value, as the form cleaned them) as the Autor's proposal.

    One open proposal per Autor and article: proposing again replaces its text. Nothing of the
    article is written. Raises PermissionDenied for anyone but the article's Autor, and
    ValidationError when the proposal changes nothing.
    """
    if not may_propose_correction(user, article):
        raise PermissionDenied(
            _("Korrekturen an diesem Artikel kann nur seine Autorin vorschlagen.")
        )
    live = _live(article)
    data = {
        name: services.snapshot_value(values[name]) if name in values else live[name]
        for name in PROPOSED_FIELDS
    }
    if data == live:
        raise ValidationError(
            _("Die vorgeschlagene Fassung gleicht dem veröffentlichten Artikel: nichts zu prüfen.")
        )
    proposal = (
        CorrectionProposal.objects.select_for_update()
        .filter(article=article, proposed_by=user, status=CorrectionProposal.Status.OPEN)
        .first()
    )
    if proposal is None:
        proposal = CorrectionProposal(article=article, proposed_by=user)
    proposal.data = data
    proposal.base_version = base_version or article.version
    proposal.save()
    notices.correction_proposed(proposal)
    return proposal


def _base(proposal: CorrectionProposal, live: dict) -> dict:
    revision = ArticleRevision.objects.filter(
        article_id=proposal.article_id, version=proposal.base_version
    ).first()
    return revision.data if revision else live


def proposed_values(proposal: CorrectionProposal, article: Article) -> tuple[dict, list[str]]:
    """What publishing the proposal writes now, and the fields it cannot merge.

    Only what the Autor changed counts. Where the Redaktion changed the same field since, texts
    are merged by paragraph (``articles.merge``); an overlap is left for the Redaktion to settle.
    """
    live = _live(article)
    base = _base(proposal, live)
    values, overlaps = {}, []
    for name in PROPOSED_FIELDS:
        mine, before, now = proposal.data.get(name), base.get(name), live[name]
        if mine == before or mine == now:
            continue
        if now == before:
            values[name] = mine
        elif name in TEXT_FIELDS and isinstance(mine, str):
            result = merge.merge(before or "", mine, now or "")
            if result.clean:
                values[name] = result.text()
            else:
                overlaps.append(services.field_label(name))
        else:
            overlaps.append(services.field_label(name))
    return values, overlaps


def proposal_changes(article: Article, values: dict) -> list[services.FieldChange]:
    """What publishing ``values`` (``proposed_values``) changes, as a diff against the live
    article."""
    live = _live(article)
    return services.diff_snapshots(live, {**live, **values})


def _require_redaktion(user: User) -> None:
    if not services.can_publish(user):
        raise PermissionDenied(_("Korrekturvorschläge prüft die Redaktion."))


def _lock_open(proposal: CorrectionProposal) -> CorrectionProposal:
    locked = CorrectionProposal.objects.select_for_update().get(pk=proposal.pk)
    if locked.status != CorrectionProposal.Status.OPEN:
        raise ValidationError(
            _("Über diesen Vorschlag ist schon entschieden: %(status)s.")
            % {"status": locked.get_status_display()}
        )
    return locked


@transaction.atomic
def publish(proposal: CorrectionProposal, editor: User) -> Article:
    """Write the proposal into the live article, as one edit of the Redaktion."""
    _require_redaktion(editor)
    proposal = _lock_open(proposal)
    article = Article.objects.select_for_update().get(pk=proposal.article_id)
    values, overlaps = proposed_values(proposal, article)
    if overlaps:
        raise ProposalConflict(
            _(
                "Der Artikel wurde seit dem Vorschlag an denselben Stellen geändert (%(fields)s). "
                "Übernehmen Sie die Korrektur im Formular von Hand oder lehnen Sie sie ab."
            )
            % {"fields": ", ".join(overlaps)}
        )
    for name, value in values.items():
        setattr(article, name, services.restored_value(name, value))
    who = proposal.proposed_by.get_full_name() or proposal.proposed_by.get_username()
    action = _("Korrektur von %(who)s veröffentlicht") % {"who": who}
    services.save_article(article, editor, action, expected_version=article.version)
    services.record_revision(article, editor, action)
    proposal.status = CorrectionProposal.Status.PUBLISHED
    proposal.reviewed_by = editor
    proposal.reviewed_at = timezone.now()
    proposal.published_version = article.version
    proposal.save()
    notices.correction_decided(proposal)
    return article


@transaction.atomic
def reject(proposal: CorrectionProposal, editor: User, reason: str) -> CorrectionProposal:
    """Turn the proposal down; the Autor sees ``reason`` with her article."""
    _require_redaktion(editor)
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            _("Bitte begründen Sie die Ablehnung: Die Autorin sieht die Begründung.")
        )
    proposal = _lock_open(proposal)
    proposal.status = CorrectionProposal.Status.REJECTED
    proposal.reviewed_by = editor
    proposal.reviewed_at = timezone.now()
    proposal.reason = reason[:2000]
    proposal.save()
    notices.correction_decided(proposal)
    return proposal
