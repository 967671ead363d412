"""The signed-in editor's notices: a list, and each notice's link (which marks it seen)."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from . import notices
from .models import Notice

SHOWN = 50


def notice_list(request: HttpRequest) -> HttpResponse:
    """The latest notices; POST marks all of them seen."""
    if request.method == "POST":
        notices.mark_seen(request.user)
        target = request.POST.get("next") or reverse("desk_notices")
        if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
            target = reverse("desk_notices")
        return HttpResponseRedirect(target)
    shown = Notice.objects.filter(recipient=request.user).select_related("actor")[:SHOWN]
    context = {
        **admin.site.each_context(request),
        "title": _("Mitteilungen"),
        "notices": list(shown),
        "unseen_count": notices.unseen_count(request),
    }
    return TemplateResponse(request, "desk/notices.html", context)


def notice_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark the notice seen and go where it leads."""
    notice = get_object_or_404(Notice, pk=pk, recipient=request.user)
    notices.mark_seen(request.user, notice.pk)
    return HttpResponseRedirect(notice.url)
