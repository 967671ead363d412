from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedsConfig(AppConfig):
    """RSS 2.0 and Atom feeds for the site, topics, authors, kinds and products."""

    name = "newsdesk.feeds"
    label = "feeds"
    verbose_name = _("Feeds")
