"""The ticker screen under /newsroom/liveticker/<id>/: type, "Posten" (or Ctrl+Enter), done.

Every entry is its own row and every action its own small POST, so reporters posting at once
never overwrite or lock each other; there is no form that saves the whole ticker.
"""

from __future__ import annotations

from datetime import datetime

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from newsdesk.galleries.services import create_image
from newsdesk.security.fields import strip_control_characters

from . import services
from .models import LiveTicker, TickerEntry
from .permissions import may_change_entry, may_post

MAX_TEXT = 5000


def _text(request: HttpRequest) -> str:
    return strip_control_characters(request.POST.get("text", "")).strip()[:MAX_TEXT]


def _scheduled_time(request: HttpRequest) -> datetime | None:
    value = request.POST.get("zeit", "").strip()
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def _screen_url(ticker: LiveTicker) -> str:
    return reverse("liveticker_newsroom:ticker", kwargs={"pk": ticker.pk})


def ticker_list(request: HttpRequest) -> HttpResponse:
    if not may_post(request.user):
        raise PermissionDenied
    context = {
        **admin.site.each_context(request),
        "title": _("Liveticker"),
        "tickers": LiveTicker.objects.all()[:50],
    }
    return TemplateResponse(request, "liveticker/newsroom/ticker_list.html", context)


def ticker_screen(request: HttpRequest, pk: int) -> HttpResponse:
    if not may_post(request.user):
        raise PermissionDenied
    ticker = get_object_or_404(LiveTicker, pk=pk)
    if request.method == "POST":
        text = _text(request)
        upload = request.FILES.get("bild")
        credit = strip_control_characters(request.POST.get("bildnachweis", "")).strip()[:200]
        if not text:
            messages.error(request, _("Der Eintrag ist leer."))
        elif upload and not credit:
            messages.error(request, _("Bitte zum Bild den Bildnachweis angeben."))
        else:
            try:
                with transaction.atomic():
                    image = None
                    if upload:
                        image = create_image(
                            upload,
                            title=f"{ticker.title}: {text[:60]}",
                            credit=credit,
                            caption=strip_control_characters(
                                request.POST.get("bildunterschrift", "")
                            ).strip()[:500],
                            uploaded_by=request.user,
                        )
                    services.post_entry(
                        ticker,
                        text,
                        user=request.user,
                        published_at=_scheduled_time(request),
                        is_key_event=bool(request.POST.get("wichtig")),
                        image=image,
                    )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                return HttpResponseRedirect(_screen_url(ticker) + "#neu")
    entries = [
        (entry, may_change_entry(request.user, entry))
        for entry in ticker.entries.filter(deleted_at__isnull=True).select_related(
            "author", "image"
        )
    ]
    context = {
        **admin.site.each_context(request),
        "title": ticker.title,
        "ticker": ticker,
        "entries": entries,
        "now": timezone.localtime(),
    }
    return TemplateResponse(request, "liveticker/newsroom/ticker_screen.html", context)


@require_POST
def entry_action(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    entry = get_object_or_404(
        TickerEntry.objects.select_related("ticker"), pk=entry_pk, ticker_id=pk
    )
    if entry.is_deleted or not may_change_entry(request.user, entry):
        raise PermissionDenied
    action = request.POST.get("aktion")
    if action == "loeschen":
        services.delete_entry(entry)
        messages.success(request, _("Eintrag gelöscht."))
    elif action == "anheften":
        services.set_pinned(entry, not entry.is_pinned)
    elif action == "wichtig":
        services.edit_entry(entry, is_key_event=not entry.is_key_event)
    elif action == "speichern":
        text = _text(request)
        if text:
            services.edit_entry(entry, text=text)
            messages.success(request, _("Eintrag geändert."))
        else:
            messages.error(request, _("Der Eintrag ist leer."))
    return HttpResponseRedirect(_screen_url(entry.ticker) + f"#{entry.anchor}")
