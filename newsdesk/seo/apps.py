from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SeoConfig(AppConfig):
    """Sitemaps, robots.txt, structured data, social previews and outbound-link labels."""

    name = "newsdesk.seo"
    label = "seo"
    verbose_name = _("Suchmaschinen und Vorschauen")
