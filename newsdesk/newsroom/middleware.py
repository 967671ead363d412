"""Keeps the article form that an editor posts after the session ended."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse
from django.utils.translation import gettext as _

from newsdesk.articles.models import Article

from . import workingcopy

# The article form's URL names in the newsroom (admin site "admin").
ARTICLE_FORMS = {"admin:articles_article_add", "admin:articles_article_change"}


class ExpiredSessionFormMiddleware:
    """A save from the article form after the session ended: keep the text, then log in.

    Without this the admin sends the browser to the login page and the posted text is gone
    (review D9). The form is kept as a working copy that the same browser claims after logging
    in; the form then opens with the text restored. Runs after CsrfViewMiddleware: a post
    without a valid token is refused before it could place text in anybody's form.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if request.method != "POST" or match is None or match.view_name not in ARTICLE_FORMS:
            return None
        if request.user.is_active and request.user.is_staff:
            return None
        article = None
        object_id = str(view_kwargs.get("object_id") or "")
        if object_id.isdigit():
            article = Article.objects.filter(pk=int(object_id)).first()
        workingcopy.keep_for_login(request, article)
        messages.warning(
            request,
            _(
                "Ihre Sitzung ist abgelaufen. Ihr Text ist sicher: Nach der Anmeldung steht er "
                "wieder im Formular, und Sie können ihn sichern."
            ),
        )
        return redirect_to_login(request.get_full_path(), reverse("admin:login"))
