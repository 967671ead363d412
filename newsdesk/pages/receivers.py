"""A renamed standing page (an Impressum moved to /kontakt-impressum/) keeps its old address."""

from newsdesk.core.redirects import redirect_on_url_change

from .models import Page

redirect_on_url_change(Page)
